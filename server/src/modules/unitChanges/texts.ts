// The words 单位信息变更 answers with, shared by its commands.
import type { FactChanges } from './facts.ts'
import { UNIT_FACT_NAMES } from './facts.ts'
import { UNIT_FACT_TEXT } from './targets.ts'

export const PENDING_EXISTS = '本单位已有待审核的单位信息变更申请，请等待审核结果或撤回后再申请'
export const SAME_LEVEL_ONLY = '只有单位的同级编办可以审核单位信息变更'

/** The changed facts by their Chinese names, e.g. 单位名称、单位地址. */
export const changedFactsText = (after: FactChanges) =>
  UNIT_FACT_NAMES.filter((name) => name in after)
    .map((name) => UNIT_FACT_TEXT[name])
    .join('、')
