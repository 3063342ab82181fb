// The portal's result messages (web/components/ui/resultMessages.ts, issue 16): one table keyed by the mutation, so
// a mutation without a message is a type error. These rows pin the wording the components wrote inline before the
// table existed, letter for letter, including the ones no browser test reaches; the money and time in them use the
// portal's one format.
import { describe, expect, it } from 'vitest'
import { resultMessage } from '../../web/components/ui/resultMessages.ts'

describe('result messages: the wording each command had inline', () => {
  it.each([
    [resultMessage('createRemittance', { amountFen: 180000 }), '汇款单已提交：1,800.00 元，等待 CONAC 认款。'],
    [
      resultMessage('collectFee', { unitName: '清丰县人民医院', amountFen: 30050 }),
      '已向 清丰县人民医院 收费 300.50 元，域名转为待缴费（待扣费）。',
    ],
    [
      resultMessage('requestRenewal', { count: 2, totalFen: 60000 }),
      '已提交 2 个域名的续费申请，共 600.00 元，请到同级编办缴费。',
    ],
    [resultMessage('updatePaymentSettings'), '缴费方式已保存'],
    [resultMessage('updateUnitContacts'), '联系人信息已保存'],
    [resultMessage('sendVerificationCode', { mobile: '13800138000' }), '验证码已发送至 138****8000，5 分钟内有效'],
    [resultMessage('revokeApiToken', { name: '统计接口' }), '已撤销令牌“统计接口”。'],
    [
      resultMessage('applyForDomain', { fullName: '清丰县政府.政务' }),
      '已提交域名申请 清丰县政府.政务，等待同级编办审核。',
    ],
    [resultMessage('withdrawDomainApplication', { fullName: '清丰县政府.政务' }), '已撤销 清丰县政府.政务 的申请。'],
    [
      resultMessage('reviewDomain', { fullName: '清丰县政府.政务', review: '编办审核', approved: true }),
      '清丰县政府.政务 编办审核通过，已通知申请单位。',
    ],
    [
      resultMessage('reviewDomain', { fullName: '清丰县政府.政务', review: 'CONAC审核', approved: false }),
      '清丰县政府.政务 CONAC审核不通过，已通知申请单位。',
    ],
    [
      resultMessage('requestInvoices', { count: 10, invoiceType: '增值税普通发票', faceValueFen: 3000000 }),
      '已提交预开发票申请：10 张增值税普通发票，票面总额 30,000.00 元，等待 CONAC 审核寄出。',
    ],
    [
      resultMessage('shipInvoiceRequest', { officeName: '清丰县编办', count: 10, trackingNumber: 'SF100' }),
      '已审核通过并寄出：清丰县编办 10 张，快递单号 SF100',
    ],
    [resultMessage('rejectInvoiceRequest', { officeName: '清丰县编办' }), '已不通过 清丰县编办 的申请'],
    [resultMessage('signInvoiceRequest', { count: 10 }), '已签收 10 张发票，已计入发票余额。'],
    [
      resultMessage('issueInvoice', { unitName: '清丰县人民医院', count: 1, amountFen: 30000 }),
      '已为 清丰县人民医院 开具发票 1 张，金额 300.00 元。',
    ],
    [resultMessage('voidInvoice', { invoiceId: '12' }), '已作废发票 #12'],
    [
      resultMessage('redLetterInvoice', { invoiceId: '12', amountFen: -30000 }),
      '已对发票 #12 红字冲销，金额 -300.00 元',
    ],
    [resultMessage('splitInvoice', { invoiceId: '12', parts: 3 }), '已将发票 #12 拆分为 3 条记录'],
    [resultMessage('setRewardRate', { from: '2026-01-01', rate: '10.00%' }), '已设置：自 2026-01-01 起 10.00%'],
    [resultMessage('saveSiteApplicationDraft', { serialNumber: 'WZ2025000001' }), '草稿已保存（WZ2025000001）'],
    [resultMessage('submitSiteApplication'), '申请已提交，等待同级编办初审。'],
    [resultMessage('resubmitSiteApplication'), '申请已重新提交，等待同级编办初审。'],
    [resultMessage('withdrawSiteApplication'), '申请已撤回。'],
    [resultMessage('requestBadgeChange'), '变更申请已提交，等待同级编办审核。'],
    [resultMessage('requestBadgeCancellation'), '注销申请已提交，等待同级编办审核。'],
    [resultMessage('withdrawBadgeChangeRequest'), '申请已撤回。'],
    [
      resultMessage('reviewBadgeChange', {
        request: '清丰县人民医院的标识变更申请（202541092200001）',
        approved: true,
      }),
      '清丰县人民医院的标识变更申请（202541092200001）已审核通过，已通知申请单位。',
    ],
    [resultMessage('publishMicroSite'), '网络红页已发布。'],
    [resultMessage('unpublishMicroSite'), '已取消发布，公众无法再访问本页面。'],
    [resultMessage('updateMicroSiteNewsItem', { title: '开展义诊' }), '已修改工作动态「开展义诊」。'],
    [resultMessage('deleteMicroSiteNewsItem', { title: '开展义诊' }), '已删除工作动态「开展义诊」。'],
    [resultMessage('updateDnsRecord'), '已修改解析记录'],
  ])('%s', (text, expected) => expect(text).toBe(expected))
})

describe('result messages that depend on the outcome', () => {
  it('resubmitting a domain names its old name only when it changed', () => {
    expect(
      resultMessage('resubmitDomainApplication', { fullName: '清丰县政务.政务', previousFullName: '清丰县政务.政务' }),
    ).toBe('已重新提交 清丰县政务.政务，等待同级编办审核。')
    expect(
      resultMessage('resubmitDomainApplication', { fullName: '清丰政务.政务', previousFullName: '清丰县政务.政务' }),
    ).toBe('已重新提交 清丰政务.政务（原 清丰县政务.政务），等待同级编办审核。')
  })

  it('认款 says whether the remittance covered all its items', () => {
    const base = { officeName: '清丰县编办', amountFen: 180000 }
    expect(
      resultMessage('confirmRemittance', { ...base, charges: { items: 3, charged: 3, waiting: 0, waitingFen: 0 } }),
    ).toBe('已认款：清丰县编办 1,800.00 元。本单 3 项已全部扣费，域名注册或续费已完成。')
    expect(
      resultMessage('confirmRemittance', { ...base, charges: { items: 3, charged: 1, waiting: 2, waitingFen: 60000 } }),
    ).toBe(
      '已认款：清丰县编办 1,800.00 元。本单 1 项已扣费；2 项共 600.00 元待扣费（帐户余额不足，编办下次汇款经认款后即扣）。',
    )
  })

  it('a site review says where the application went', () => {
    const review = (approved: boolean, status: string, badgeNumber: string | null, level = '复审') =>
      resultMessage('reviewSiteApplication', { review: level, approved, status, badgeNumber })
    expect(review(false, 'OFFICE_REJECTED', null, '初审')).toBe('初审不通过，已通知申请单位修改后重新提交。')
    expect(review(true, 'PENDING_CONAC_REVIEW', null, '初审')).toBe('初审通过，已提交 CONAC 复审。')
    expect(review(true, 'AWAITING_PAPER', null)).toBe('复审通过，已通知申请单位向同级编办报送书面材料。')
    expect(review(true, 'BADGE_ISSUED', '202541092200001')).toBe(
      '复审通过，网站标识已发放（编号 202541092200001），已通知申请单位。',
    )
    expect(review(true, 'BADGE_ISSUED', null)).toBe('复审通过。')
  })

  it('paper materials: recorded, confirmed, returned', () => {
    expect(resultMessage('recordPaperMaterials', { complete: true })).toBe('已登记收到的书面材料，材料齐全，可以确认。')
    expect(resultMessage('recordPaperMaterials', { complete: false })).toBe('已登记收到的书面材料（材料尚不齐全）。')
    expect(resultMessage('confirmPaperMaterials', { approved: true, badgeNumber: '202541092200002' })).toBe(
      '书面材料已确认，网站标识已发放（编号 202541092200002），已通知申请单位。',
    )
    expect(resultMessage('confirmPaperMaterials', { approved: true, badgeNumber: null })).toBe('书面材料已确认。')
    expect(resultMessage('confirmPaperMaterials', { approved: false })).toBe(
      '书面材料已退回，已通知申请单位修改后重新提交。',
    )
  })

  it('the micro-site editor: created, saved while public, saved; news items while public or not', () => {
    expect(resultMessage('saveMicroSite', { created: true, published: false })).toBe(
      '网络红页已创建（未发布）。可以继续添加工作动态，确认无误后发布。',
    )
    expect(resultMessage('saveMicroSite', { created: false, published: true })).toBe('已保存，对外页面已更新。')
    expect(resultMessage('saveMicroSite', { created: false, published: false })).toBe('已保存。')
    expect(resultMessage('addMicroSiteNewsItem', { title: '开展义诊', published: true })).toBe(
      '已添加工作动态「开展义诊」，已显示在对外页面上。',
    )
    expect(resultMessage('addMicroSiteNewsItem', { title: '开展义诊', published: false })).toBe(
      '已添加工作动态「开展义诊」。',
    )
  })

  it('DNS: a URL转发 is two records', () => {
    expect(resultMessage('addDnsRecord', { urlForward: true })).toBe('已添加 URL转发，自动生成两条记录')
    expect(resultMessage('addDnsRecord', { urlForward: false })).toBe('已添加解析记录')
    expect(resultMessage('deleteDnsRecord', { urlForward: true })).toBe('已删除 URL转发的两条记录')
    expect(resultMessage('deleteDnsRecord', { urlForward: false })).toBe('已删除解析记录')
  })

  it('installation checks: one badge at once, and a run over every badge queued for the scheduler', () => {
    expect(resultMessage('checkBadgeInstallation', { found: true, detail: null })).toBe('检测完成：已找到标识代码')
    expect(resultMessage('checkBadgeInstallation', { found: false, detail: undefined })).toBe(
      '检测完成：未找到标识代码',
    )
    expect(resultMessage('checkBadgeInstallation', { found: false, detail: '无法访问网站首页' })).toBe(
      '检测完成：无法访问网站首页',
    )
    // 立即运行检测 queues a run for the scheduler; the page follows its progress (latestInstallCheckRun).
    expect(resultMessage('runInstallChecks', { queued: true, total: 0 })).toBe(
      '已提交标识安装检测，等待调度进程开始（一般在一分钟内）；检测在后台进行，进度显示在下方。',
    )
    expect(resultMessage('runInstallChecks', { queued: false, total: 200000 })).toBe(
      '已开始标识安装检测，本轮共需检测 200,000 个标识；检测在后台进行，进度显示在下方。',
    )
  })

  it('全部标为已读 says how many, or that there were none', () => {
    expect(resultMessage('markNotificationsRead', { count: 3 })).toBe('已将 3 条消息标为已读。')
    expect(resultMessage('markNotificationsRead', { count: 0 })).toBe('没有未读消息。')
  })
})

describe('立即运行 and 立即执行 (runJobNow)', () => {
  const answer = { periodKey: '2025-12-06', job: { title: '每日扣费' } }
  const run = {
    startedAt: '2025-12-05T17:00:00Z',
    finishedAt: '2025-12-05T17:00:03Z',
    result: '{"charged":2,"chargedFen":60000}',
    error: null,
  }

  it('a scheduled job: ran now, failed now, or had already run today', () => {
    expect(
      resultMessage('runJobNow', { jobRun: { ...answer, alreadyRan: false, run: { ...run, status: 'SUCCEEDED' } } }),
    ).toBe('「每日扣费」2025-12-06 运行完成：扣费成功 2，扣费金额 600.00 元')
    expect(
      resultMessage('runJobNow', {
        jobRun: { ...answer, alreadyRan: false, run: { ...run, status: 'FAILED', error: null } },
      }),
    ).toBe('「每日扣费」2025-12-06 运行失败：未知错误')
    expect(
      resultMessage('runJobNow', { jobRun: { ...answer, alreadyRan: true, run: { ...run, status: 'SUCCEEDED' } } }),
    ).toBe(
      '「每日扣费」今天（2025-12-06）已于 2025-12-06 01:00 运行过，未重复执行；那次的结果：扣费成功 2，扣费金额 600.00 元。',
    )
  })

  it('the daily charge: what the run did and what waits today', () => {
    const todaysRun = {
      status: 'SUCCEEDED' as const,
      startedAt: '2025-12-05T17:00:00Z',
      finishedAt: '2025-12-05T17:00:03Z',
      charged: 2,
      skipped: 1,
      chargedFen: 60000,
      error: null,
    }
    const today = {
      day: '2025-12-06',
      todaysRun,
      chargedToday: { items: 3, amountFen: 90000 },
      waiting: { items: 1, amountFen: 30000, shortfallFen: 10000, offices: 1 },
    }
    const totals =
      '今天共扣费 3 项，共 900.00 元（每日扣费和认款后即时扣费）；待扣费 1 项，共 300.00 元：1 个编办的帐户余额不足（共差 100.00 元），待其汇款经认款后即扣。'
    expect(resultMessage('runJobNow', { dailyCharge: { alreadyRan: false, today } })).toBe(
      `今天（2025-12-06）的每日扣费已执行：扣费 2 项，共 600.00 元；余额不足或域名已变化未扣 1 项。${totals}`,
    )
    expect(resultMessage('runJobNow', { dailyCharge: { alreadyRan: true, today } })).toBe(
      `今天（2025-12-06）的每日扣费已于 01:00:03 运行过，未重复执行；那次扣费 2 项，共 600.00 元；余额不足或域名已变化未扣 1 项。${totals}`,
    )
    const nothingWaits = { ...today, waiting: { items: 0, amountFen: 0, shortfallFen: 0, offices: 0 } }
    expect(resultMessage('runJobNow', { dailyCharge: { alreadyRan: false, today: nothingWaits } })).toMatch(
      /；没有待扣费的项目。$/,
    )
    expect(
      resultMessage('runJobNow', {
        dailyCharge: {
          alreadyRan: false,
          today: { ...today, todaysRun: { ...todaysRun, status: 'FAILED', error: '数据库不可用' } },
        },
      }),
    ).toBe('今天（2025-12-06）的每日扣费失败：数据库不可用。已扣的项目不受影响，可稍后再试。')
    expect(
      resultMessage('runJobNow', { dailyCharge: { alreadyRan: false, today: { ...today, todaysRun: null } } }),
    ).toBe('今天（2025-12-06）的每日扣费没有运行，请刷新后重试。')
    expect(resultMessage('runJobNow', { dailyCharge: { alreadyRan: false, today: null } })).toBe(
      '已执行，请刷新页面查看结果',
    )
  })
})
