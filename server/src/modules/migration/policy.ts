// Who runs 数据迁移: CONAC's 管理员 (the role that administers the system: accounts, 定时任务, 生命周期期限). An
// import writes units, accounts, domains and money for the whole country, so no office, no other CONAC role and no
// API token may start or commit one; CONAC's staff of any role may follow the runs (queries are role-free, design
// §2.4), no office may. The CLI (cli.ts) is for whoever operates the server.
import type { Policy } from '../../commands/policy.ts'

export const MIGRATION_POLICY: Policy = {
  who: ['conac'],
  tokens: false,
  roles: ['ADMIN'],
  rule: 'CONAC 管理员 only: an import writes the whole system',
  refusal: '仅限 CONAC 管理员',
}

/** Reading runs and their reports: CONAC staff of any role, in a session. */
export const MIGRATION_READ_POLICY: Policy = {
  who: ['conac'],
  tokens: false,
  rule: 'CONAC only: the runs are national',
  refusal: '仅限 CONAC 工作人员',
}
