// fees (collectFee) still imports issueInvoiceInTx from here; it lives in stock.ts, with drawInvoice (the same draw
// without its own audit row). Once fees imports stock.ts, this file goes.
export { drawInvoice, issueInvoiceInTx } from './stock.ts'
