// Kept only for modules/jobs/registry.ts, which imports the daily charge from here: once it imports
// './dailyCharge.ts' itself (the jobs module's own change), this file goes.
export { DAILY_CHARGE_JOB, DAILY_CHARGE_SCHEDULE, runDailyCharge } from './dailyCharge.ts'
