// Rows built in SQL as JSON (to_jsonb, jsonb_build_object), turned back into what Prisma itself returns for the
// model: every scalar field with its Prisma type (DateTime as Date, BigInt as bigint), nothing else. Lets one
// hand-written statement load a row with its relations in the shape the Pothos prisma plugin expects, so its
// relation fields resolve from the parent instead of issuing one query per relation.
//
// Assumes what the schema keeps to: column names are the field names (no field-level @map), and DateTime columns
// are `timestamp(3)` holding UTC (Prisma's default), which to_jsonb writes without a zone.
import { getDatamodel } from '../generated/pothos-types.ts'

type Json = Record<string, unknown>
type Convert = (value: unknown) => unknown

const models: Record<string, { fields: readonly { name: string; kind: string; type: string; isList: boolean }[] }> =
  getDatamodel().datamodel.models

/** A timestamp as to_jsonb writes it, as a Date. */
export function toDate(value: unknown): Date {
  const text = String(value)
  // to_jsonb(timestamp) has no zone: it is UTC. A timestamptz comes with its offset.
  return new Date(/(Z|[+-]\d\d(:?\d\d)?)$/.test(text) ? text : `${text}Z`)
}

function scalarConverter(model: string, type: string, field: string): Convert | null {
  switch (type) {
    case 'DateTime':
      return toDate
    case 'BigInt':
      return (value) => BigInt(value as string | number)
    case 'Int':
    case 'Float':
    case 'String':
    case 'Boolean':
    case 'Json':
      return null
    default:
      // Decimal and Bytes would need Prisma's own classes; no model read this way has one.
      throw new Error(`jsonRows: ${model}.${field} has type ${type}, which is not supported`)
  }
}

const converters = new Map<string, (json: Json) => Json>()

/** The Prisma-shaped row of `model` from its to_jsonb(row): scalar fields only, typed as Prisma types them. */
export function fromJsonRow(model: string, json: Json): Json {
  let convert = converters.get(model)
  if (!convert) {
    const fields = models[model]?.fields.filter((field) => field.kind === 'scalar' || field.kind === 'enum')
    if (!fields) throw new Error(`jsonRows: unknown model ${model}`)
    const plan = fields.map((field) => {
      const scalar = field.kind === 'enum' ? null : scalarConverter(model, field.type, field.name)
      const one: Convert | null = scalar && ((value) => (value == null ? value : scalar(value)))
      const each: Convert | null =
        one && field.isList ? (value) => (value == null ? value : (value as unknown[]).map(one)) : one
      return { name: field.name, each }
    })
    convert = (row) => {
      const out: Json = {}
      for (const { name, each } of plan) {
        const value = row[name] ?? null
        out[name] = each ? each(value) : value
      }
      return out
    }
    converters.set(model, convert)
  }
  return convert(json)
}

/** A json/jsonb column as the driver adapter hands it over (parsed by some, text from others). */
export function parseJsonColumn<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T
}
