// docs/permissions.md, generated from the policy table: who may call every root field, the rule beyond the role,
// the rows it reaches, and for commands the state change, effects and notices. npm run permissions:docs writes it;
// tests/api/authorization/policy-table.test.ts fails when the file and the table differ.
import { ROLE_TEXT } from '../permissions/officeRoles.ts'
import { PRINCIPAL_TEXT, PRINCIPALS, type Policy } from './policy.ts'
import { POLICY_TABLE, type PolicyRow } from './table.ts'

const YES = '✓'
const NO = '—'

function cell(policy: Policy, principal: (typeof PRINCIPALS)[number]): string {
  if (!policy.who.includes(principal)) return NO
  return policy.onlyForSomeInput?.principals.includes(principal) ? `${YES}*` : YES
}

function tokenCell(row: PolicyRow): string {
  if (!row.policy.tokens || row.policy.who.every((principal) => principal === 'anonymous' || principal === 'unit'))
    return NO
  return row.operation === 'mutation' ? '读写' : '只读/读写'
}

/** The office roles of which staff must hold one (审核员/财务), — when any member of the office may. */
function roleCell(policy: Policy): string {
  return policy.roles?.length ? policy.roles.map((role) => ROLE_TEXT[role]).join('/') : NO
}

const escape = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ')

function table(rows: readonly PolicyRow[]): string[] {
  const head = ['字段', ...PRINCIPALS.map((principal) => PRINCIPAL_TEXT[principal]), '角色', 'API 令牌', '规则', '范围']
  return [
    `| ${head.join(' | ')} |`,
    `|${head.map(() => '---').join('|')}|`,
    ...rows
      .map((row) =>
        [
          `\`${row.name}\``,
          ...PRINCIPALS.map((principal) => cell(row.policy, principal)),
          roleCell(row.policy),
          tokenCell(row),
          escape(
            row.policy.rule + (row.policy.onlyForSomeInput ? `（* 仅限 ${row.policy.onlyForSomeInput.when}）` : ''),
          ),
          row.scope ? `\`${row.scope}\`` : NO,
        ].join(' | '),
      )
      .map((line) => `| ${line} |`),
  ]
}

function commandDetails(row: PolicyRow): string[] {
  const lines = [`### \`${row.name}\` (${row.module})`, '']
  if (row.transition)
    lines.push(
      `- 状态变化: ${row.transition.entity} ${row.transition.from.join(' / ')} → ${row.transition.to.join(' / ')}`,
    )
  if (row.effects.length) lines.push(`- 其他影响: ${row.effects.join('；')}`)
  if (row.notices.length) lines.push(`- 通知模板: ${row.notices.map((notice) => `\`${notice}\``).join(', ')}`)
  if (lines.length === 2) lines.push('- 无状态变化，无通知')
  return [...lines, '']
}

export function renderPermissionsDoc(): string {
  const commands = POLICY_TABLE.filter((row) => row.operation === 'mutation')
  const queries = POLICY_TABLE.filter((row) => row.operation === 'query')
  return [
    '# 权限表 (permissions)',
    '',
    'Generated from the policy table (`server/src/commands/table.ts`) by `npm run permissions:docs`; do not edit by hand.',
    'Every command and query states its policy at the top of the file that defines it; shield enforces who must be',
    'logged in and who must be staff, the file enforces the rule. An API token acts as its office (read-only tokens',
    'only query). ✓ may call it, — refused. 角色: the office roles (编办内角色) of which office staff, and a token',
    'through its roles, must hold one; unit users are not affected.',
    '',
    '## 操作 (commands)',
    '',
    ...table(commands),
    '',
    '## 查询 (queries)',
    '',
    ...table(queries),
    '',
    '## 操作的状态变化与通知 (what each command changes)',
    '',
    ...commands.flatMap(commandDetails),
  ].join('\n')
}
