'use client'
// 新建机构改革申请 (office): 1 type, date and basis; 2 source units (search the area by name or credit code); 3 target
// units (an existing unit, or a new one with its facts; a rename gives the new name); 4 the table of every object of
// the sources with its 去向 (划转到 a target, or 注销), prefilled: everything to the first target, or 注销 for an
// abolition. 试运行 asks the API to check the whole plan and shows each problem beside its row; 提交 asks for
// confirmation and files it (the API checks again and refuses the same problems).
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { useClient, useMutation } from 'urql'
import { SYSTEM_CATEGORY_LABELS, UNIT_TYPE_LABELS } from '@/components/labels'
import { useConfirm } from '@/components/ui/ConfirmDialog'
import { SearchBar } from '@/components/ui/SearchBar'
import { TableScroll } from '@/components/ui/TableScroll'
import { ResultNotice, type ActionResult } from '@/components/ui/states'
import { describeFailure } from '@/graphql/errors'
import type {
  ReorganisationKind,
  ReorganisationPlanInput,
  ReorganisedObjectType,
  SystemCategory,
  UnitType,
} from '@/graphql/generated/graphql'
import { ProposeReorganisationMutation, ReorganisationDryRunQuery, ReorganisationUnitSearchQuery } from './documents'
import { KIND_HELP, KIND_LABELS, OBJECT_LABELS } from './labels'
import { chosenRegion, TargetRegion, type RegionPath } from './TargetRegion'
import styles from './reorganisations.module.css'

/** A new target unit's address and handler fields: [its key, the id suffix, the label]. */
const CONTACT_FIELDS = [
  ['address', 'address', '单位地址'],
  ['postcode', 'postcode', '邮政编码'],
  ['handlerName', 'handler', '经办人姓名'],
  ['handlerMobile', 'mobile', '经办人手机'],
  ['handlerEmail', 'email', '经办人邮箱'],
] as const

interface UnitChoice {
  id: string
  name: string
}

interface NewUnit {
  name: string
  creditCode: string
  region: RegionPath
  type: UnitType
  systemCategory: SystemCategory
  address: string
  postcode: string
  handlerName: string
  handlerMobile: string
  handlerEmail: string
}

interface TargetDraft {
  ref: string
  mode: 'existing' | 'new'
  existing: UnitChoice | null
  newUnit: NewUnit
}

interface ObjectRow {
  objectType: ReorganisedObjectType
  objectId: string
  label: string
  unitName: string
}

type DryRun = NonNullable<Awaited<ReturnType<typeof runDryRun>>>

const EMPTY_UNIT: NewUnit = {
  name: '',
  creditCode: '',
  region: { province: '', city: '', county: '' },
  type: 'PARTY_GOVERNMENT',
  systemCategory: 'GOVERNMENT',
  address: '',
  postcode: '',
  handlerName: '',
  handlerMobile: '',
  handlerEmail: '',
}

const CANCEL = 'CANCEL'
const keyOf = (o: { objectType: string; objectId: string }) => `${o.objectType}:${o.objectId}`

function beijingToday(): string {
  return new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10)
}

async function runDryRun(client: ReturnType<typeof useClient>, plan: ReorganisationPlanInput) {
  const result = await client.query(ReorganisationDryRunQuery, { plan }, { requestPolicy: 'network-only' }).toPromise()
  if (result.error) throw result.error
  return result.data?.reorganisationDryRun ?? null
}

export function ReorganisationWizard({ basePath }: { basePath: string }) {
  const client = useClient()
  const router = useRouter()
  const confirm = useConfirm()
  const [, propose] = useMutation(ProposeReorganisationMutation)
  const [kind, setKind] = useState<ReorganisationKind>('MERGE')
  const [effectiveDate, setEffectiveDate] = useState(beijingToday)
  const [note, setNote] = useState('')
  const [newName, setNewName] = useState('')
  const [sources, setSources] = useState<UnitChoice[]>([])
  const [search, setSearch] = useState('')
  const [found, setFound] = useState<UnitChoice[] | null>(null)
  const [targets, setTargets] = useState<TargetDraft[]>([
    { ref: 'T1', mode: 'new', existing: null, newUnit: { ...EMPTY_UNIT } },
  ])
  const [objects, setObjects] = useState<ObjectRow[] | null>(null)
  const [placements, setPlacements] = useState<Record<string, string>>({})
  const [check, setCheck] = useState<DryRun | null>(null)
  const [message, setMessage] = useState<ActionResult | null>(null)
  const [busy, setBusy] = useState(false)

  const renaming = kind === 'RENAME'

  function plan(withAssignments: boolean): ReorganisationPlanInput {
    return {
      kind,
      effectiveDate,
      note,
      sourceUnitIds: sources.map((s) => s.id),
      ...(renaming ? { newName } : {}),
      targets: renaming
        ? []
        : targets.map((t) =>
            t.mode === 'existing'
              ? { ref: t.ref, existingUnitId: t.existing?.id ?? '0' }
              : {
                  ref: t.ref,
                  newUnit: {
                    name: t.newUnit.name,
                    creditCode: t.newUnit.creditCode,
                    regionCode: chosenRegion(t.newUnit.region),
                    type: t.newUnit.type,
                    systemCategory: t.newUnit.systemCategory,
                    address: t.newUnit.address,
                    postcode: t.newUnit.postcode,
                    handlerName: t.newUnit.handlerName,
                    handlerMobile: t.newUnit.handlerMobile,
                    handlerEmail: t.newUnit.handlerEmail,
                  },
                },
          ),
      assignments:
        withAssignments && !renaming && objects
          ? objects.map((o) => {
              const where = placements[keyOf(o)] ?? ''
              return where === CANCEL
                ? { objectType: o.objectType, objectId: o.objectId, action: 'CANCEL' as const }
                : { objectType: o.objectType, objectId: o.objectId, action: 'MOVE' as const, targetRef: where }
            })
          : [],
    }
  }

  async function findUnits(text: string) {
    const result = await client
      .query(ReorganisationUnitSearchQuery, { search: text.trim() || null }, { requestPolicy: 'network-only' })
      .toPromise()
    setFound(
      (result.data?.units.edges ?? [])
        .filter(({ node }) => node.status === 'ACTIVE')
        .map(({ node }) => ({ id: node.id, name: node.name })),
    )
  }

  /** The objects of the sources, each prefilled: an abolition cancels, the others go to the first target. */
  async function listObjects() {
    setBusy(true)
    setMessage(null)
    try {
      const result = await runDryRun(client, plan(false))
      const rows = (result?.objects ?? []).map((o) => ({
        objectType: o.objectType,
        objectId: o.objectId,
        label: o.label,
        unitName: o.unitName,
      }))
      setObjects(rows)
      const fallback = kind === 'ABOLISH' ? CANCEL : (targets[0]?.ref ?? CANCEL)
      setPlacements((old) => Object.fromEntries(rows.map((o) => [keyOf(o), old[keyOf(o)] ?? fallback])))
      setCheck(null)
    } catch (error) {
      setMessage({ text: describeFailure(error as never, '载入失败，请稍后再试').message, error: true })
    } finally {
      setBusy(false)
    }
  }

  async function dryRun() {
    setBusy(true)
    setMessage(null)
    try {
      const result = await runDryRun(client, plan(true))
      setCheck(result)
      if (result?.valid)
        setMessage({
          text: `试运行通过：共 ${result.objects.length} 个对象，将由${result.reviewOffice?.name ?? '审核编办'}审核${result.reviewOffice?.crossArea ? '（跨区域）' : ''}。`,
          error: false,
        })
    } catch (error) {
      setMessage({ text: describeFailure(error as never, '试运行失败，请稍后再试').message, error: true })
    } finally {
      setBusy(false)
    }
  }

  async function submit() {
    const count = renaming ? 0 : (objects?.length ?? 0)
    const ok = await confirm({
      title: '提交机构改革申请',
      message: `确定提交${KIND_LABELS[kind]}申请吗？\n原单位：${sources.map((s) => s.name).join('、') || '（未选择）'}\n${renaming ? `新名称：${newName}` : `涉及 ${count} 个对象`}\n提交后这些单位的域名不能再办理续费、注销或过户，审核通过后立即实施。`,
      confirmLabel: '提交',
    })
    if (!ok) return
    setBusy(true)
    const result = await propose({ input: plan(true) })
    setBusy(false)
    if (result.data?.proposeReorganisation) {
      router.push(`${basePath}/${result.data.proposeReorganisation.id}`)
      return
    }
    const problems = (result.error?.graphQLErrors[0]?.extensions?.problems ?? null) as DryRun['problems'] | null
    if (problems)
      setCheck({
        __typename: 'ReorganisationDryRun',
        valid: false,
        problems,
        objects: check?.objects ?? [],
        reviewOffice: null,
      })
    setMessage({ text: describeFailure(result.error, '提交失败，请稍后再试').message, error: true })
  }

  const problemsOf = (row: ObjectRow) => {
    if (!check || !objects) return []
    const index = objects.findIndex((o) => keyOf(o) === keyOf(row))
    return check.problems.filter(
      (p) => p.path === `assignments[${index}]` || p.path === `objects.${row.objectType}.${row.objectId}`,
    )
  }
  const generalProblems =
    check?.problems.filter((p) => !p.path.startsWith('assignments[') && !p.path.startsWith('objects.')) ?? []

  const setNewUnit = (index: number, change: Partial<NewUnit>) =>
    setTargets((list) => list.map((t, i) => (i === index ? { ...t, newUnit: { ...t.newUnit, ...change } } : t)))

  return (
    <section className="panel" aria-labelledby="reorganisation-new-title" data-testid="reorganisation-wizard">
      <div className="panel-head">
        <h1 id="reorganisation-new-title">新建机构改革申请</h1>
      </div>
      <div className={styles.body}>
        <h2 className={styles.sectionTitle}>1. 改革类型</h2>
        <div className="reg-grid">
          <div className="field">
            <label htmlFor="reorg-kind">类型</label>
            <select
              id="reorg-kind"
              value={kind}
              onChange={(event) => {
                setKind(event.target.value as ReorganisationKind)
                setObjects(null)
                setCheck(null)
              }}
            >
              {(Object.keys(KIND_LABELS) as ReorganisationKind[]).map((k) => (
                <option key={k} value={k}>
                  {KIND_LABELS[k]}
                </option>
              ))}
            </select>
            <p className="reg-help">{KIND_HELP[kind]}</p>
          </div>
          <div className="field">
            <label htmlFor="reorg-date">生效日期</label>
            <input
              id="reorg-date"
              type="date"
              value={effectiveDate}
              max={beijingToday()}
              onChange={(event) => setEffectiveDate(event.target.value)}
            />
            <p className="reg-help">改革批准生效的日期，不能晚于今天；此前的统计仍计入原单位。</p>
          </div>
          <div className="field reg-wide">
            <label htmlFor="reorg-note">改革依据</label>
            <textarea
              id="reorg-note"
              rows={2}
              maxLength={500}
              value={note}
              placeholder="如：濮编〔2026〕12 号"
              onChange={(event) => setNote(event.target.value)}
            />
          </div>
        </div>

        <h2 className={styles.sectionTitle}>2. 原单位</h2>
        <SearchBar
          id="reorg-unit-search"
          label="按单位名称或统一社会信用代码查找本辖区单位"
          value={search}
          onChange={setSearch}
          onSearch={findUnits}
        />
        {found && (
          <ul className={styles.list} data-testid="reorg-unit-results">
            {found.length === 0 && <li className="muted">没有找到正常状态的单位</li>}
            {found.map((unit) => (
              <li key={unit.id}>
                {unit.name}{' '}
                <button
                  type="button"
                  className="button button-light"
                  disabled={sources.some((s) => s.id === unit.id)}
                  onClick={() => {
                    setSources((list) => [...list, unit])
                    setObjects(null)
                  }}
                >
                  加为原单位
                </button>{' '}
                {!renaming && (
                  <button
                    type="button"
                    className="button button-light"
                    onClick={() =>
                      setTargets((list) => [
                        ...list.filter((t) => t.mode === 'existing' || t.newUnit.name.trim()),
                        { ref: `T${list.length + 1}`, mode: 'existing', existing: unit, newUnit: { ...EMPTY_UNIT } },
                      ])
                    }
                  >
                    设为目标单位
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
        {sources.length === 0 ? (
          <p className="muted">尚未选择原单位</p>
        ) : (
          <ul className={styles.list} data-testid="reorg-sources">
            {sources.map((unit) => (
              <li key={unit.id}>
                {unit.name}{' '}
                <button
                  type="button"
                  className="button button-light"
                  onClick={() => {
                    setSources((list) => list.filter((s) => s.id !== unit.id))
                    setObjects(null)
                  }}
                >
                  移除
                </button>
              </li>
            ))}
          </ul>
        )}

        <h2 className={styles.sectionTitle}>3. {renaming ? '新名称' : '目标单位'}</h2>
        {renaming ? (
          <div className="field">
            <label htmlFor="reorg-new-name">单位新名称</label>
            <input id="reorg-new-name" value={newName} maxLength={128} onChange={(e) => setNewName(e.target.value)} />
          </div>
        ) : (
          <>
            {targets.map((target, index) => (
              <fieldset key={target.ref} className="reg-fieldset" data-testid={`reorg-target-${target.ref}`}>
                <legend>
                  目标单位 {target.ref}
                  {target.mode === 'existing' && target.existing
                    ? `：${target.existing.name}（已有单位）`
                    : '（新设单位）'}
                </legend>
                {target.mode === 'new' && (
                  <div className="reg-grid">
                    <TextInput
                      id={`${target.ref}-name`}
                      label="单位名称"
                      value={target.newUnit.name}
                      onChange={(v) => setNewUnit(index, { name: v })}
                    />
                    <TextInput
                      id={`${target.ref}-credit`}
                      label="统一社会信用代码"
                      value={target.newUnit.creditCode}
                      onChange={(v) => setNewUnit(index, { creditCode: v })}
                    />
                    <div className="field">
                      <label htmlFor={`${target.ref}-type`}>单位类型</label>
                      <select
                        id={`${target.ref}-type`}
                        value={target.newUnit.type}
                        onChange={(e) => setNewUnit(index, { type: e.target.value as UnitType })}
                      >
                        {(Object.keys(UNIT_TYPE_LABELS) as UnitType[]).map((t) => (
                          <option key={t} value={t}>
                            {UNIT_TYPE_LABELS[t]}
                          </option>
                        ))}
                      </select>
                    </div>
                    <div className="field">
                      <label htmlFor={`${target.ref}-category`}>系统类别</label>
                      <select
                        id={`${target.ref}-category`}
                        value={target.newUnit.systemCategory}
                        onChange={(e) => setNewUnit(index, { systemCategory: e.target.value as SystemCategory })}
                      >
                        {(Object.keys(SYSTEM_CATEGORY_LABELS) as SystemCategory[]).map((c) => (
                          <option key={c} value={c}>
                            {SYSTEM_CATEGORY_LABELS[c]}
                          </option>
                        ))}
                      </select>
                    </div>
                    <TargetRegion
                      id={`${target.ref}-region`}
                      value={target.newUnit.region}
                      onChange={(region) => setNewUnit(index, { region })}
                    />
                    {CONTACT_FIELDS.map(([field, suffix, label]) => (
                      <TextInput
                        key={field}
                        id={`${target.ref}-${suffix}`}
                        label={label}
                        value={target.newUnit[field]}
                        onChange={(v) => setNewUnit(index, { [field]: v })}
                      />
                    ))}
                  </div>
                )}
                {targets.length > 1 && (
                  <button
                    type="button"
                    className="button button-light"
                    onClick={() =>
                      setTargets((list) =>
                        list.filter((_, i) => i !== index).map((t, i) => ({ ...t, ref: `T${i + 1}` })),
                      )
                    }
                  >
                    移除此目标单位
                  </button>
                )}
              </fieldset>
            ))}
            <p>
              <button
                type="button"
                className="button button-light"
                data-testid="reorg-add-target"
                onClick={() =>
                  setTargets((list) => [
                    ...list,
                    { ref: `T${list.length + 1}`, mode: 'new', existing: null, newUnit: { ...EMPTY_UNIT } },
                  ])
                }
              >
                添加新设目标单位
              </button>{' '}
              {sources.map((unit) => (
                <button
                  key={unit.id}
                  type="button"
                  className="button button-light"
                  onClick={() =>
                    setTargets((list) => [
                      ...list.filter((t) => t.mode === 'existing' || t.newUnit.name.trim()),
                      { ref: `T${list.length + 1}`, mode: 'existing', existing: unit, newUnit: { ...EMPTY_UNIT } },
                    ])
                  }
                >
                  由「{unit.name}」承接
                </button>
              ))}
            </p>
          </>
        )}

        {!renaming && (
          <>
            <h2 className={styles.sectionTitle}>4. 对象去向</h2>
            <p>
              <button
                type="button"
                className="button button-light"
                disabled={busy || !sources.length}
                onClick={listObjects}
                data-testid="reorg-list-objects"
              >
                {objects ? '重新列出原单位的对象' : '列出原单位的对象'}
              </button>
            </p>
            {objects &&
              (objects.length === 0 ? (
                <p className="muted">原单位没有需要安排去向的对象</p>
              ) : (
                <TableScroll label="对象去向">
                  <table className="table" data-testid="reorg-objects">
                    <thead>
                      <tr>
                        <th scope="col">类别</th>
                        <th scope="col">对象</th>
                        <th scope="col">原单位</th>
                        <th scope="col">去向</th>
                      </tr>
                    </thead>
                    <tbody>
                      {objects.map((o) => {
                        const problems = problemsOf(o)
                        return (
                          <tr key={keyOf(o)} data-testid={`reorg-object-${o.objectType}-${o.objectId}`}>
                            <td>{OBJECT_LABELS[o.objectType]}</td>
                            <td>
                              {o.label}
                              {problems.map((p) => (
                                <span key={p.code} className="field-error" role="alert">
                                  {' '}
                                  {p.message}
                                </span>
                              ))}
                            </td>
                            <td>{o.unitName}</td>
                            <td>
                              <select
                                aria-label={`${o.label} 的去向`}
                                value={placements[keyOf(o)] ?? ''}
                                onChange={(e) => setPlacements((p) => ({ ...p, [keyOf(o)]: e.target.value }))}
                              >
                                {targets.map((t) => (
                                  <option key={t.ref} value={t.ref}>
                                    划转到 {t.ref}{' '}
                                    {t.mode === 'existing' ? t.existing?.name : t.newUnit.name || '（新设单位）'}
                                  </option>
                                ))}
                                <option value={CANCEL}>注销</option>
                              </select>
                            </td>
                          </tr>
                        )
                      })}
                    </tbody>
                  </table>
                </TableScroll>
              ))}
          </>
        )}

        {generalProblems.length > 0 && (
          <div className="notice notice-error" role="alert" data-testid="reorg-problems">
            <p>方案有以下问题：</p>
            <ul>
              {generalProblems.map((p, i) => (
                <li key={`${p.path}-${i}`}>{p.message}</li>
              ))}
            </ul>
          </div>
        )}
        {check && !check.valid && generalProblems.length === 0 && (
          <p className="notice notice-error" role="alert" data-testid="reorg-problems">
            去向表中有问题，请按表中提示修改。
          </p>
        )}
        <ResultNotice result={message} testId="reorg-result" />
        <div className="form-actions">
          <button
            type="button"
            className="button button-light"
            disabled={busy}
            onClick={dryRun}
            data-testid="reorg-dry-run"
          >
            试运行
          </button>{' '}
          <button
            type="button"
            className="button button-primary"
            disabled={busy}
            onClick={submit}
            data-testid="reorg-submit"
          >
            提交
          </button>
        </div>
      </div>
    </section>
  )
}

function TextInput({
  id,
  label,
  value,
  onChange,
}: {
  id: string
  label: string
  value: string
  onChange: (value: string) => void
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} value={value} onChange={(event) => onChange(event.target.value)} />
    </div>
  )
}
