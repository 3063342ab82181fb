// What the portal says after a command succeeded, in one table keyed by the GraphQL mutation (the command). The
// table is total: `satisfies Record<MutationName, ...>` (MutationName is generated from schema.graphql by codegen.ts)
// makes a new mutation without an entry, or an entry for a mutation that is gone, a type error. A component asks for
// its text with resultMessage(command, params) and decides itself whether to show it as success or failure.
//
// Params are the facts of the result as the sentence names them (names, labels, counts, already-formatted rates);
// money comes as fen and instants as ISO strings, and the table formats them with ui/format.ts, so every message
// uses the one money and time format. What a failed command says is not here: it comes from the API
// (web/graphql/errors.ts); checks of a form before anything is sent stay beside their form.
//
// Relative imports, not '@/': the API tests (tests/api/portal-result-messages.test.ts) import this module.
import type { MutationName } from '../../graphql/generated/mutationNames'
import { describeChargedToday, describeRun, describeWaiting, formatClock, type ChargeDay } from '../fees/chargeText'
import { describeResult } from '../jobs/results'
import { formatDateTime, formatYuan } from './format'

/**
 * Why a command has no one-line result message:
 * - 'navigates': the page moves on instead (login → the role's home page, logout → /login);
 * - 'own panel': the result is a panel of its own that replaces the form (the new account's user name after
 *   registerUnit, the API token shown once after createApiToken);
 * - 'not sent by the portal': the portal never sends it (runDailyCharge is the integrators' and the scheduler's;
 *   the portal's 立即执行 sends runJobNow).
 */
export type NoResultMessage = 'navigates' | 'own panel' | 'not sent by the portal'

/** A job run as runJobNow answers it (定时任务 → 立即运行). */
interface JobRunNow {
  periodKey: string
  alreadyRan: boolean
  job: { title: string }
  run: {
    status: 'RUNNING' | 'SUCCEEDED' | 'FAILED'
    startedAt: string
    finishedAt?: string | null
    result?: string | null
    error?: string | null
  }
}

type RunJobNowResult =
  /** Any job from the jobs page. */
  | { jobRun: JobRunNow }
  /** 每日扣费 → 立即执行: whether it ran now, and today's charges read after it finished (null: not read). */
  | { dailyCharge: { alreadyRan: boolean; today: ChargeDay | null } }

function describeJobRunNow({ job, periodKey, alreadyRan, run }: JobRunNow): string {
  if (alreadyRan) {
    // A job run every N minutes has a slot (YYYY-MM-DD HH:MM) for its period, not a day.
    const period = periodKey.includes(' ') ? `本时段（${periodKey}）` : `今天（${periodKey}）`
    return `「${job.title}」${period}已于 ${formatDateTime(run.finishedAt ?? run.startedAt)} 运行过，未重复执行；那次的结果：${describeResult(run.result)}。`
  }
  if (run.status === 'FAILED') return `「${job.title}」${periodKey} 运行失败：${run.error ?? '未知错误'}`
  return `「${job.title}」${periodKey} 运行完成：${describeResult(run.result)}`
}

/** What 批量重新发送 (未认领账号) did. */
interface ClaimResendSummary {
  sent: number
  throttled: number
  deferred: number
  withoutContact: number
  notAttempted: number
  stoppedBy?: string | null
}

function describeClaimResend(p: ClaimResendSummary): string {
  const parts = [`已重新发送 ${p.sent} 个账号的认领通知`]
  if (p.throttled) parts.push(`${p.throttled} 个刚发送过，暂不重复发送`)
  if (p.deferred) parts.push(`${p.deferred} 个手机号今日发送受限，稍后再试`)
  if (p.withoutContact) parts.push(`${p.withoutContact} 个没有登记手机号码或电子邮箱`)
  if (p.stoppedBy) parts.push(`${p.stoppedBy}，其余 ${p.notAttempted} 个未发送`)
  else if (p.notAttempted) parts.push(`其余 ${p.notAttempted} 个请再次发送（每次最多 200 个）`)
  return `${parts.join('；')}。`
}

/** The answer to 每日扣费 → 立即执行: whether it ran now or had already run today, what that run did, and today's totals. */
function describeDailyChargeNow({ alreadyRan, today }: { alreadyRan: boolean; today: ChargeDay | null }): string {
  if (!today) return '已执行，请刷新页面查看结果'
  const run = today.todaysRun
  if (!run) return `今天（${today.day}）的每日扣费没有运行，请刷新后重试。`
  if (run.status === 'FAILED')
    return `今天（${today.day}）的每日扣费失败：${run.error ?? '未知错误'}。已扣的项目不受影响，可稍后再试。`
  const waiting = describeWaiting(today)
  const totals = `今天共扣费 ${describeChargedToday(today)}；${waiting === '没有' ? '没有待扣费的项目' : `待扣费 ${waiting}`}。`
  if (alreadyRan)
    return `今天（${today.day}）的每日扣费已于 ${formatClock(run.finishedAt ?? run.startedAt)} 运行过，未重复执行；那次${describeRun(run)}。${totals}`
  return `今天（${today.day}）的每日扣费已执行：${describeRun(run)}。${totals}`
}

const RESULT_MESSAGES = {
  // 登录, 注册, 联系人, API 令牌
  login: 'navigates',
  logout: 'navigates',
  sendLoginCode: (p: { maskedMobile: string }) => `验证码已发送至 ${p.maskedMobile}`,
  completeLogin: 'navigates',
  changeExpiredPassword: 'navigates',
  startTotpSetup: 'own panel',
  confirmTotp: () => '身份验证器已绑定，登录时可使用它的 6 位数字',
  disableTotp: () => '已解除绑定身份验证器，登录时将使用短信验证码',
  forgetDevice: () => '已移除该设备，下次在该设备登录需要再次验证',
  /** endedSessions: the person's other sessions that the change ended. */
  changePassword: (p: { endedSessions: number }) =>
    p.endedSessions > 0 ? `密码已修改，其他 ${p.endedSessions} 处登录已退出。` : '密码已修改。',
  registerUnit: 'own panel',
  // 忘记密码, 协助重置密码, 我的登录设备
  /** The API's own words, the same whether or not the login names an account. */
  requestPasswordReset: (p: { message: string }) => `${p.message}，5 分钟内有效。`,
  resetPassword: () => '密码已重置，所有设备上的登录已退出。请使用新密码登录。',
  /** Where the code and the link went, masked; either may be absent. */
  helpResetPassword: (p: { maskedMobile: string | null; maskedEmail: string | null }) =>
    `重置验证码和链接已发送至该用户登记的${[p.maskedMobile && `手机 ${p.maskedMobile}`, p.maskedEmail && `邮箱 ${p.maskedEmail}`].filter(Boolean).join('和')}。`,
  endSession: (p: { current: boolean }) => (p.current ? '已退出本设备。' : '已退出该设备。'),
  endOtherSessions: (p: { count: number }) => (p.count > 0 ? `已退出其他 ${p.count} 台设备。` : '没有其他设备在登录。'),
  sendVerificationCode: (p: { mobile: string }) =>
    `验证码已发送至 ${p.mobile.slice(0, 3)}****${p.mobile.slice(7)}，5 分钟内有效`,
  updateUnitContacts: () => '联系人信息已保存',
  // 经办人交接
  startHandover: (p: { newName: string; newMobile: string; newEmail: string }) =>
    `已发起经办人交接：确认链接已发送至 ${p.newEmail}，验证码已发送至 ${p.newMobile}。请${p.newName}在链接有效期内完成确认。`,
  cancelHandover: () => '已取消经办人交接，原确认链接已失效。',
  /** The new handler's page replaces its form with the result (去登录). */
  completeHandover: 'own panel',
  resendHandoverCode: (p: { maskedMobile: string }) => `验证码已重新发送至 ${p.maskedMobile}，5 分钟内有效`,
  createApiToken: 'own panel',
  revealIdNumber: 'own panel',
  revokeApiToken: (p: { name: string }) => `已撤销令牌“${p.name}”。`,

  // 域名申请 and 审核
  applyForDomain: (p: { fullName: string }) => `已提交域名申请 ${p.fullName}，等待同级编办审核。`,
  resubmitDomainApplication: (p: { fullName: string; previousFullName: string }) =>
    `已重新提交 ${p.fullName}${p.fullName !== p.previousFullName ? `（原 ${p.previousFullName}）` : ''}，等待同级编办审核。`,
  withdrawDomainApplication: (p: { fullName: string }) => `已撤销 ${p.fullName} 的申请。`,
  /** review: the level's name as the queue shows it (编办审核, CONAC审核). */
  reviewDomain: (p: { fullName: string; review: string; approved: boolean }) =>
    `${p.fullName} ${p.review}${p.approved ? '通过' : '不通过'}，已通知申请单位。`,

  // 收费, 汇款, 认款, 扣费, 续费
  updatePaymentSettings: () => '缴费方式已保存',
  collectFee: (p: { unitName: string; amountFen: unknown }) =>
    `已向 ${p.unitName} 收费 ${formatYuan(p.amountFen)} 元，域名转为待缴费（待扣费）。`,
  createRemittance: (p: { amountFen: unknown }) => `汇款单已提交：${formatYuan(p.amountFen)} 元，等待 CONAC 认款。`,
  /** charges: the remittance's items after 认款 (waitingFen: what its items not yet charged add up to). */
  confirmRemittance: (p: {
    officeName: string
    amountFen: unknown
    charges: { items: number; charged: number; waiting: number; waitingFen: number }
  }) => {
    const head = `已认款：${p.officeName} ${formatYuan(p.amountFen)} 元。`
    if (p.charges.waiting === 0) return `${head}本单 ${p.charges.items} 项已全部扣费，域名注册或续费已完成。`
    return `${head}本单 ${p.charges.charged} 项已扣费；${p.charges.waiting} 项共 ${formatYuan(p.charges.waitingFen)} 元待扣费（帐户余额不足，编办下次汇款经认款后即扣）。`
  },
  runDailyCharge: 'not sent by the portal',
  runJobNow: (p: RunJobNowResult) =>
    'dailyCharge' in p ? describeDailyChargeNow(p.dailyCharge) : describeJobRunNow(p.jobRun),
  requestRenewal: (p: { count: number; totalFen: unknown }) =>
    `已提交 ${p.count} 个域名的续费申请，共 ${formatYuan(p.totalFen)} 元，请到同级编办缴费。`,

  // 发票 and 奖励经费
  /** invoiceType: the type's label (增值税普通发票, …). */
  requestInvoices: (p: { count: number; invoiceType: string; faceValueFen: unknown }) =>
    `已提交预开发票申请：${p.count} 张${p.invoiceType}，票面总额 ${formatYuan(p.faceValueFen)} 元，等待 CONAC 审核寄出。`,
  shipInvoiceRequest: (p: { officeName: string; count: number; trackingNumber: string }) =>
    `已审核通过并寄出：${p.officeName} ${p.count} 张，快递单号 ${p.trackingNumber}`,
  rejectInvoiceRequest: (p: { officeName: string }) => `已不通过 ${p.officeName} 的申请`,
  signInvoiceRequest: (p: { count: number }) => `已签收 ${p.count} 张发票，已计入发票余额。`,
  issueInvoice: (p: { unitName: string; count: number; amountFen: unknown }) =>
    `已为 ${p.unitName} 开具发票 ${p.count} 张，金额 ${formatYuan(p.amountFen)} 元。`,
  voidInvoice: (p: { invoiceId: string }) => `已作废发票 #${p.invoiceId}`,
  redLetterInvoice: (p: { invoiceId: string; amountFen: unknown }) =>
    `已对发票 #${p.invoiceId} 红字冲销，金额 ${formatYuan(p.amountFen)} 元`,
  splitInvoice: (p: { invoiceId: string; parts: number }) => `已将发票 #${p.invoiceId} 拆分为 ${p.parts} 条记录`,
  /** rate: the rate as the page shows it (10.00%); from: the date it applies from (2026-01-01). */
  setRewardRate: (p: { from: string; rate: string }) => `已设置：自 ${p.from} 起 ${p.rate}`,
  /** from: the first day (2027-01-01) whose expiring domains follow the periods. */
  setDomainLifecyclePeriods: (p: { from: string; graceDays: number; redemptionDays: number; holdDays: number }) =>
    `已设置：自 ${p.from} 起到期的域名，宽限期 ${p.graceDays} 天、赎回期 ${p.redemptionDays} 天、保留期 ${p.holdDays} 天`,

  // 域名解析
  addDnsRecord: (p: { urlForward: boolean }) => (p.urlForward ? '已添加 URL转发，自动生成两条记录' : '已添加解析记录'),
  updateDnsRecord: () => '已修改解析记录',
  /** urlForward: the record was a URL转发, deleted with the A record generated for it. */
  deleteDnsRecord: (p: { urlForward: boolean }) => (p.urlForward ? '已删除 URL转发的两条记录' : '已删除解析记录'),
  setDomainNameResolves: (p: { fullName: string; resolves: boolean }) =>
    p.resolves ? `${p.fullName} 将与域名本身一样解析` : `${p.fullName} 不再解析，仍为本单位保留`,

  // 网站开办审核
  saveSiteApplicationDraft: (p: { serialNumber: string }) => `草稿已保存（${p.serialNumber}）`,
  submitSiteApplication: () => '申请已提交，等待同级编办初审。',
  resubmitSiteApplication: () => '申请已重新提交，等待同级编办初审。',
  withdrawSiteApplication: () => '申请已撤回。',
  /** review: the level's name (初审, 复审); status and badgeNumber: the application after the decision. */
  reviewSiteApplication: (p: { review: string; approved: boolean; status: string; badgeNumber: string | null }) => {
    if (!p.approved) return `${p.review}不通过，已通知申请单位修改后重新提交。`
    if (p.status === 'PENDING_CONAC_REVIEW') return '初审通过，已提交 CONAC 复审。'
    if (p.status === 'AWAITING_PAPER') return '复审通过，已通知申请单位向同级编办报送书面材料。'
    if (p.badgeNumber) return `复审通过，网站标识已发放（编号 ${p.badgeNumber}），已通知申请单位。`
    return `${p.review}通过。`
  },
  /** complete: every paper the application needs has arrived. */
  recordPaperMaterials: (p: { complete: boolean }) =>
    p.complete ? '已登记收到的书面材料，材料齐全，可以确认。' : '已登记收到的书面材料（材料尚不齐全）。',
  /** badgeNumber: the badge issued on confirmation, if one was. */
  confirmPaperMaterials: (p: { approved: boolean; badgeNumber?: string | null }) => {
    if (!p.approved) return '书面材料已退回，已通知申请单位修改后重新提交。'
    return p.badgeNumber
      ? `书面材料已确认，网站标识已发放（编号 ${p.badgeNumber}），已通知申请单位。`
      : '书面材料已确认。'
  },

  // 标识管理 and 安装检测
  requestBadgeChange: () => '变更申请已提交，等待同级编办审核。',
  requestBadgeCancellation: () => '注销申请已提交，等待同级编办审核。',
  withdrawBadgeChangeRequest: () => '申请已撤回。',
  /** request: the request as the queue names it (清丰县人民医院的标识变更申请（202541092200001）). */
  reviewBadgeChange: (p: { request: string; approved: boolean }) =>
    `${p.request}已审核${p.approved ? '通过' : '不通过'}，已通知申请单位。`,
  requestUnitChange: () => '单位信息变更申请已提交，等待同级编办审核。',
  withdrawUnitChange: () => '单位信息变更申请已撤回。',
  proposeReorganisation: 'navigates',
  withdrawReorganisation: () => '机构改革申请已撤回，可修改后重新提交。',
  reviewReorganisation: (p: { approved: boolean; moved: number; cancelled: number }) =>
    p.approved
      ? `已审核通过并实施：划转 ${p.moved} 个对象，注销 ${p.cancelled} 个对象。`
      : '已审核不通过，提交编办将收到通知。',
  // 域名过户
  requestDomainTransfer: (p: { domainName: string; toUnitName: string; approvals: number }) =>
    `域名 ${p.domainName} 过户给 ${p.toUnitName} 的申请已提交，需 ${p.approvals} 个编办审批。`,
  withdrawDomainTransfer: (p: { domainName: string }) => `域名 ${p.domainName} 的过户申请已撤回。`,
  decideDomainTransfer: (p: { domainName: string; approved: boolean; last: boolean }) =>
    !p.approved
      ? `已不同意域名 ${p.domainName} 的过户申请，申请已终止。`
      : p.last
        ? `已同意，域名 ${p.domainName} 已完成过户。`
        : `已同意域名 ${p.domainName} 的过户申请，等待其他编办审批。`,
  /** unit: the unit as the queue names it. */
  requestDomainCancellation: (p: { fullName: string }) =>
    `域名 ${p.fullName} 的注销申请已提交，待同级编办审核；审核结果将以短信和邮件通知。`,
  withdrawDomainCancellation: (p: { fullName: string }) => `已撤回域名 ${p.fullName} 的注销申请。`,
  reviewDomainCancellation: (p: { fullName: string; unit: string; approved: boolean }) =>
    `${p.unit}注销域名 ${p.fullName} 的申请已审核${p.approved ? '通过，域名已删除' : '不通过'}，已通知申请单位。`,
  reviewUnitChange: (p: { unit: string; approved: boolean }) =>
    `${p.unit}的单位信息变更申请已审核${p.approved ? '通过，单位信息已更新' : '不通过'}，已通知申请单位。`,
  /** detail: what the check saw, when it says. */
  checkBadgeInstallation: (p: { found: boolean; detail: string | null | undefined }) =>
    `检测完成：${p.detail ?? (p.found ? '已找到标识代码' : '未找到标识代码')}`,
  /** The run as the mutation answers it: queued for the scheduler (always, from the portal), or already taken. */
  runInstallChecks: (p: { queued: boolean; total: number }) =>
    p.queued
      ? '已提交标识安装检测，等待调度进程开始（一般在一分钟内）；检测在后台进行，进度显示在下方。'
      : `已开始标识安装检测，本轮共需检测 ${p.total.toLocaleString('zh-CN')} 个标识；检测在后台进行，进度显示在下方。`,

  // 网络红页
  /** created: this save created the micro-site; published: it was already published (the public page changed). */
  saveMicroSite: (p: { created: boolean; published: boolean }) => {
    if (p.created) return '网络红页已创建（未发布）。可以继续添加工作动态，确认无误后发布。'
    return p.published ? '已保存，对外页面已更新。' : '已保存。'
  },
  publishMicroSite: () => '网络红页已发布。',
  unpublishMicroSite: () => '已取消发布，公众无法再访问本页面。',
  /** published: the micro-site is public, so the item shows at once. */
  addMicroSiteNewsItem: (p: { title: string; published: boolean }) =>
    `已添加工作动态「${p.title}」${p.published ? '，已显示在对外页面上' : ''}。`,
  updateMicroSiteNewsItem: (p: { title: string }) => `已修改工作动态「${p.title}」。`,
  deleteMicroSiteNewsItem: (p: { title: string }) => `已删除工作动态「${p.title}」。`,

  // 用户管理
  /** name: the person; the activation link and SMS code went to their email and mobile. */
  createOfficeUser: (p: { name: string }) => `已为${p.name}创建账号，激活链接和短信验证码已发送至其邮箱和手机。`,
  createUnitUser: (p: { name: string }) => `已为${p.name}创建账号，激活链接和短信验证码已发送至其邮箱和手机。`,
  setOfficeUserRoles: (p: { name: string }) => `已修改${p.name}的角色，其需重新登录后生效。`,
  disableUser: (p: { name: string }) => `已停用${p.name}的账号。`,
  enableUser: (p: { name: string }) => `已启用${p.name}的账号。`,
  resendActivation: (p: { name: string }) => `已向${p.name}重新发送激活链接和短信验证码。`,
  // 未认领账号 (账号认领)
  resendClaimInvitation: (p: { name: string }) => `已向${p.name}重新发送认领链接和短信验证码。`,
  resendClaimInvitations: (p: ClaimResendSummary) => describeClaimResend(p),
  activateAccount: 'own panel',

  // 批量机构改革
  /** rows: reorganisations in the batch; reviewOffice: who reviews it. */
  submitReorganisationBatch: (p: { rows: number; reviewOffice: string }) =>
    `已提交 ${p.rows} 项机构改革，等待${p.reviewOffice}审核。`,
  reviewReorganisationBatch: (p: { approved: boolean; rows: number }) =>
    p.approved ? `已审核通过，${p.rows} 项机构改革开始逐项执行。` : '已审核不通过，提交编办将收到审核意见。',
  withdrawReorganisationBatch: () => '已撤回。',

  // 数据迁移
  createMigrationRun: () => '已新建导入，请上传文件。',
  validateMigrationRun: () => '已开始校验，完成后显示校验报告。校验不写入任何数据。',
  /** resumed: a failed or interrupted commit goes on after its committed batches. */
  commitMigrationRun: (p: { resumed: boolean }) =>
    p.resumed ? '已继续导入：已写入的批次不会重复写入。' : '已开始导入，完成后显示每类数据的结果。',
  removeMigrationUpload: (p: { fileName: string }) => `已移除文件 ${p.fileName}，请重新校验。`,

  // 消息中心
  /** count: how many notices were marked read (0: there were none). */
  markNotificationsRead: (p: { count: number }) => (p.count ? `已将 ${p.count} 条消息标为已读。` : '没有未读消息。'),
} satisfies Record<MutationName, ((params: never) => string) | NoResultMessage>

type ResultMessages = typeof RESULT_MESSAGES

/** The commands that have a result message. */
export type CommandWithMessage = {
  [K in MutationName]: ResultMessages[K] extends (params: never) => string ? K : never
}[MutationName]

/** The params a command's message takes: none, or one object. */
type MessageParams<K extends CommandWithMessage> = ResultMessages[K] extends (...params: infer P) => string ? P : never

/** What the portal says after `command` succeeded, e.g. resultMessage('createRemittance', { amountFen }). */
export function resultMessage<K extends CommandWithMessage>(command: K, ...params: MessageParams<K>): string {
  const message = RESULT_MESSAGES[command] as (...params: MessageParams<K>) => string
  return message(...params)
}
