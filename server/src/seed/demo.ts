// Demo units and one login for every role. The password is a demo password, documented in the README;
// never use these accounts outside a demo or test database.
import { creditCodeCheckCharacter, idNumberCheckCharacter } from '../lib/identifiers.ts'
import { sealIdNumber } from '../lib/idNumberColumns.ts'
import { hashPassword } from '../lib/password.ts'
import type { PrismaClient } from '../generated/prisma/client.ts'
import type { OfficeRole, SystemCategory, UnitType, UserRole } from '../generated/prisma/enums.ts'
import { seedDemoInvoices } from './demoInvoices.ts'
import { seedDemoSites } from './demoSites.ts'

export const DEMO_PASSWORD = 'Demo@2026'

export interface DemoUnit {
  key: string
  name: string
  type: UnitType
  systemCategory: SystemCategory
  regionCode: string
  /** GB 32100 registration-authority and category marks: 11 机构编制/机关, 12 机构编制/事业单位 */
  creditMarks: string
  orgCode: string
  superiorUnitName: string
  functions: string
  address: string
  postcode: string
  handlerName: string
  handlerMobile: string
}

export const DEMO_UNITS: DemoUnit[] = [
  {
    key: 'qingfeng-government',
    name: '清丰县人民政府办公室',
    type: 'PARTY_GOVERNMENT',
    systemCategory: 'GOVERNMENT',
    regionCode: '410922',
    creditMarks: '11',
    orgCode: '005310021',
    superiorUnitName: '清丰县人民政府',
    functions: '负责县政府日常政务运转、督查督办和政务公开工作。',
    address: '河南省濮阳市清丰县中州西路1号',
    postcode: '457300',
    handlerName: '李明',
    handlerMobile: '13800000001',
  },
  {
    key: 'qingfeng-hospital',
    name: '清丰县人民医院',
    type: 'PUBLIC_INSTITUTION',
    systemCategory: 'PUBLIC_INSTITUTION',
    regionCode: '410922',
    creditMarks: '12',
    orgCode: '005310187',
    superiorUnitName: '清丰县卫生健康委员会',
    functions: '承担全县医疗救治、公共卫生服务和基层医疗指导。',
    address: '河南省濮阳市清丰县建设路66号',
    postcode: '457300',
    handlerName: '王芳',
    handlerMobile: '13800000002',
  },
  {
    key: 'puyang-education',
    name: '濮阳市教育局',
    type: 'PARTY_GOVERNMENT',
    systemCategory: 'GOVERNMENT',
    regionCode: '410900',
    creditMarks: '11',
    orgCode: '005301234',
    superiorUnitName: '濮阳市人民政府',
    functions: '负责全市教育事业发展规划和管理。',
    address: '河南省濮阳市华龙区开州中路88号',
    postcode: '457000',
    handlerName: '赵强',
    handlerMobile: '13800000003',
  },
  {
    key: 'shijiazhuang-water',
    name: '石家庄市水利局',
    type: 'PARTY_GOVERNMENT',
    systemCategory: 'GOVERNMENT',
    regionCode: '130100',
    creditMarks: '11',
    orgCode: '000456789',
    superiorUnitName: '石家庄市人民政府',
    functions: '负责全市水资源管理、水利工程建设和防汛抗旱。',
    address: '河北省石家庄市长安区建设北大街12号',
    postcode: '050000',
    handlerName: '孙丽',
    handlerMobile: '13800000004',
  },
]

export interface DemoAccount {
  username: string
  displayName: string
  role: UserRole
  /** The office's region code, for office and CONAC staff */
  officeRegionCode?: string
  /** DemoUnit.key, for unit users */
  unitKey?: string
  /** The office roles of a staff account; every role when absent */
  officeRoles?: OfficeRole[]
  /** What the README says this login is for */
  description: string
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  {
    username: 'conac',
    displayName: 'CONAC 全部角色',
    role: 'CONAC_STAFF',
    officeRegionCode: '100000',
    description: 'CONAC staff (中央编办域名注册管理中心)',
  },
  {
    username: 'henan',
    displayName: '河南省编办 全部角色',
    role: 'OFFICE_STAFF',
    officeRegionCode: '410000',
    description: 'province office, 河南省',
  },
  {
    username: 'puyang',
    displayName: '濮阳市编办 全部角色',
    role: 'OFFICE_STAFF',
    officeRegionCode: '410900',
    description: 'city office, 河南省 / 濮阳市',
  },
  {
    username: 'py-admin',
    displayName: '濮阳市编办 用户管理员',
    role: 'OFFICE_STAFF',
    officeRegionCode: '410900',
    officeRoles: ['ADMIN'],
    description: 'city office 濮阳市, role 管理员 only (accounts of the office)',
  },
  {
    username: 'py-shenhe',
    displayName: '濮阳市编办 审核员',
    role: 'OFFICE_STAFF',
    officeRegionCode: '410900',
    officeRoles: ['REVIEWER'],
    description: 'city office 濮阳市, role 审核员 only (reviews, paper materials)',
  },
  {
    username: 'py-caiwu',
    displayName: '濮阳市编办 财务',
    role: 'OFFICE_STAFF',
    officeRegionCode: '410900',
    officeRoles: ['FINANCE'],
    description: 'city office 濮阳市, role 财务 only (fees, remittances, invoices)',
  },
  {
    username: 'qingfeng',
    displayName: '清丰县编办 全部角色',
    role: 'OFFICE_STAFF',
    officeRegionCode: '410922',
    description: 'county office, 河南省 / 濮阳市 / 清丰县',
  },
  {
    username: 'nanle',
    displayName: '南乐县编办 全部角色',
    role: 'OFFICE_STAFF',
    officeRegionCode: '410923',
    description: 'county office, 河南省 / 濮阳市 / 南乐县 (a sibling of 清丰县)',
  },
  {
    username: 'hebei',
    displayName: '河北省编办 全部角色',
    role: 'OFFICE_STAFF',
    officeRegionCode: '130000',
    description: 'province office, 河北省 (another province)',
  },
  {
    username: 'qfzf',
    displayName: '李明',
    role: 'UNIT_USER',
    unitKey: 'qingfeng-government',
    description: 'unit user, 清丰县人民政府办公室 (党政机关)',
  },
  {
    username: 'qfyy',
    displayName: '王芳',
    role: 'UNIT_USER',
    unitKey: 'qingfeng-hospital',
    description: 'unit user, 清丰县人民医院 (事业单位)',
  },
  {
    username: 'pyjy',
    displayName: '赵强',
    role: 'UNIT_USER',
    unitKey: 'puyang-education',
    description: 'unit user, 濮阳市教育局 (city-level 党政机关)',
  },
  {
    username: 'sjzsl',
    displayName: '孙丽',
    role: 'UNIT_USER',
    unitKey: 'shijiazhuang-water',
    description: 'unit user, 石家庄市水利局 (河北省)',
  },
]

export function demoCreditCode(unit: DemoUnit): string {
  const first17 = `${unit.creditMarks}${unit.regionCode}${unit.orgCode}`
  return first17 + creditCodeCheckCharacter(first17)
}

function demoIdNumber(regionCode: string, sequence: number): string {
  const first17 = `${regionCode}19850315${String(100 + sequence).padStart(3, '0')}`
  return first17 + idNumberCheckCharacter(first17)
}

export async function seedDemoData(prisma: PrismaClient): Promise<void> {
  const unitIds = new Map<string, number>()
  // A unit's primary account is registered with its handler's mobile, as registerUnit does: 忘记密码 sends there.
  const handlerMobiles = new Map<string, string>()
  for (const [index, unit] of DEMO_UNITS.entries()) {
    handlerMobiles.set(unit.key, unit.handlerMobile)
    const { key, creditMarks, orgCode, ...fields } = unit
    const record = await prisma.unit.upsert({
      where: { creditCode: demoCreditCode(unit) },
      update: {},
      create: {
        ...fields,
        creditCode: demoCreditCode(unit),
        handlerEmail: `${key}@example.com`,
        ...sealIdNumber('unit', demoIdNumber(unit.regionCode, index)),
        landline: '0393-7220000',
      },
    })
    unitIds.set(key, record.id)
  }

  const passwordHash = await hashPassword(process.env.DEMO_PASSWORD || DEMO_PASSWORD)
  for (const account of DEMO_ACCOUNTS) {
    const office = account.officeRegionCode
      ? await prisma.office.findUniqueOrThrow({ where: { regionCode: account.officeRegionCode } })
      : undefined
    await prisma.user.upsert({
      where: { username: account.username },
      update: {},
      create: {
        username: account.username,
        displayName: account.displayName,
        passwordHash,
        passwordChangedAt: new Date(),
        role: account.role,
        officeRoles: office ? (account.officeRoles ?? ['ADMIN', 'REVIEWER', 'FINANCE']) : [],
        unitRole: account.unitKey ? 'PRIMARY' : null,
        demo: true,
        officeId: office?.id,
        unitId: account.unitKey ? unitIds.get(account.unitKey) : undefined,
        email: `${account.username}@example.com`,
        // Staff get a (fictitious) mobile of their own, for the SMS second factor where it applies (production);
        // unit accounts their handler's, as registration gives them.
        mobile: office
          ? `139${account.officeRegionCode}${String(DEMO_ACCOUNTS.indexOf(account)).padStart(2, '0')}`
          : account.unitKey
            ? handlerMobiles.get(account.unitKey)
            : undefined,
      },
    })
  }

  // The dated price list. 300 yuan a year for either suffix is a demo figure.
  await prisma.priceListEntry.createMany({
    data: [
      { suffix: 'ZHENGWU', feePerYearFen: 30000n, effectiveFrom: new Date('2014-01-01') },
      { suffix: 'GONGYI', feePerYearFen: 30000n, effectiveFrom: new Date('2014-01-01') },
    ],
    skipDuplicates: true,
  })

  // How the demo offices collect fees (缴费方式设置); the bank details are fictitious.
  for (const regionCode of ['410000', '410900', '410922', '410923', '130000']) {
    const office = await prisma.office.findUniqueOrThrow({ where: { regionCode } })
    await prisma.paymentSettings.upsert({
      where: { officeId: office.id },
      update: {},
      create: {
        officeId: office.id,
        mode: 'COUNTER_OR_TRANSFER',
        bankName: '中国工商银行（演示）',
        accountName: office.name,
        accountNumber: `6222 0000 ${regionCode} 0001`,
        details: '工作日 9:00-17:00 到编办窗口缴费，或转账至上述账户并注明单位名称。',
      },
    })
  }

  await seedDemoSites(prisma)
  await seedDemoInvoices(prisma)
}
