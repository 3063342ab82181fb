// exports.ts still imports the list filters from here; they live in filters.ts. (exports.ts is being moved onto a
// shared lib/exports at the same time; once its import names filters.ts, this file goes.)
export { type UnitInvoiceFilter, unitInvoiceWhere, type UnitPaymentFilter, unitPaymentWhere } from './filters.ts'
