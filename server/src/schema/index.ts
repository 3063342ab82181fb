// Loads every module (each registers its types and fields with the builder) and builds the schema.
import { lexicographicSortSchema, printSchema } from 'graphql'
import { builder } from '../builder.ts'
import '../modules/regions/schema.ts'
import '../modules/users/schema.ts'
import '../modules/units/schema.ts'
import '../modules/auth/schema.ts'
import '../modules/apiTokens/schema.ts'
import '../modules/reviews/schema.ts'
import '../modules/domains/schema.ts'
import '../modules/fees/schema.ts'
import '../modules/fees/payments.schema.ts'
import '../modules/fees/remittances.schema.ts'
import '../modules/fees/charges.schema.ts'
import '../modules/renewals/schema.ts'
import '../modules/verification/schema.ts'
import '../modules/registration/schema.ts'
import '../modules/registration/handover.schema.ts'
import '../modules/domainApplications/schema.ts'
import '../modules/dns/schema.ts'
import '../modules/siteApplications/schema.ts'
import '../modules/invoices/types.ts'
import '../modules/invoiceReports/schema.ts'
import '../modules/invoiceReports/coordination.schema.ts'
import '../modules/invoiceReports/rewardRates.schema.ts'
import '../modules/invoices/schema.ts'
import '../modules/badges/schema.ts'
import '../modules/installChecks/schema.ts'
import '../modules/microSites/schema.ts'
import '../modules/jobs/schema.ts'
import '../modules/notifications/centre.schema.ts'
import '../modules/audit/schema.ts'
import '../modules/statistics/schema.ts'

export const schema = builder.toSchema()

/** The schema as committed in schema.graphql: sorted, so the diff of a change shows only what changed. */
export function printedSchema(): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`
}
