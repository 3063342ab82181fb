// A command is one thing a user can do (a mutation); a query with rules beyond a scoped list gets the same shape.
// The file that defines one reads top-down in the order a reviewer asks: the policy (who), the scope (which rows),
// then in run(): the input checks, the transition (lib: commands/transition.ts), the effects, the notice.
import type { Context } from '../context.ts'
import type { NotificationTemplateName } from '../modules/notifications/templates.ts'
import { authorize, type Policy } from './policy.ts'

interface RootFieldSpec {
  /** The root field's name in the schema: Mutation.<name> for a command, Query.<name> for a query. */
  name: string
  /** Who may call it (checked by shield and again by execute()). */
  policy: Policy
  /** Which rows it may touch or read, named after the builder in lib/scope.ts that decides them. */
  scope: string
}

export interface CommandSpec<Input, Output> extends RootFieldSpec {
  /** The state change it makes, from which states to which; absent for commands that have no status to move. */
  transition?: { entity: string; from: readonly string[]; to: readonly string[] }
  /** What else it changes beyond its own row (ledger, DNS records, badge, paper materials …). */
  effects?: readonly string[]
  /** The notification templates it may send (a name that is not a template is a type error). */
  notices?: readonly NotificationTemplateName[]
  run(ctx: Context, input: Input): Promise<Output>
}

export interface Command<Input = never, Output = unknown> extends CommandSpec<Input, Output> {
  kind: 'command'
  /** Checks the policy, then runs. Resolvers call this, never run() directly. */
  execute(ctx: Context, input: Input): Promise<Output>
}

export function defineCommand<Input, Output>(spec: CommandSpec<Input, Output>): Command<Input, Output> {
  return {
    ...spec,
    kind: 'command',
    async execute(ctx, input) {
      authorize(spec.policy, ctx.viewer)
      return spec.run(ctx, input)
    },
  }
}

export interface QuerySpec<Input, Output> extends RootFieldSpec {
  run(ctx: Context, input: Input): Promise<Output> | Output
}

export interface Query<Input = never, Output = unknown> extends QuerySpec<Input, Output> {
  kind: 'query'
  execute(ctx: Context, input: Input): Promise<Output>
}

/** A query whose rules go beyond a scoped list (a level, an own-province rule, CONAC only …). */
export function defineQuery<Input, Output>(spec: QuerySpec<Input, Output>): Query<Input, Output> {
  return {
    ...spec,
    kind: 'query',
    async execute(ctx, input) {
      authorize(spec.policy, ctx.viewer)
      return spec.run(ctx, input)
    },
  }
}

/** A plain query: its policy (enforced by shield) and the scope builder its resolver filters by. */
export interface ScopedQuery extends RootFieldSpec {
  kind: 'scopedQuery'
}

export function scopedQuery(spec: RootFieldSpec): ScopedQuery {
  return { ...spec, kind: 'scopedQuery' }
}

export type RootField = Command | Query | ScopedQuery
