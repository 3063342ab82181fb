// 定时任务 for CONAC: the scheduled jobs with their last run and next run, and 立即运行 (the current period, once).
// The command and the query are files of their own (commands/, queries/) with their policy at the top; this file
// only translates.
import { builder } from '../../builder.ts'
import type { JobRun } from '../../generated/prisma/client.ts'
import { JobStatusEnum } from '../fees/schema.ts'
import { runJobNow } from './commands/run-job-now.ts'
import { scheduledJobs } from './queries/scheduled-jobs.ts'
import type { JobDefinition } from './registry.ts'
import { describeSchedule, nextRunAt } from './schedule.ts'

const ScheduledJobRunRef = builder.objectRef<JobRun>('ScheduledJobRun').implement({
  description: 'One run of a scheduled job: the period it covered and how it ended.',
  fields: (t) => ({
    periodKey: t.exposeString('periodKey', {
      description:
        'The Beijing day the run covered, YYYY-MM-DD; for a job run every N minutes its slot, YYYY-MM-DD HH:MM',
    }),
    status: t.expose('status', { type: JobStatusEnum }),
    startedAt: t.expose('startedAt', { type: 'DateTime' }),
    finishedAt: t.expose('finishedAt', { type: 'DateTime', nullable: true }),
    result: t.string({
      nullable: true,
      description: 'The run’s summary as a JSON object text, e.g. {"domains":2,"notifications":6}',
      resolve: (run) => (run.result == null ? null : JSON.stringify(run.result)),
    }),
    error: t.exposeString('error', { nullable: true }),
  }),
})

const ScheduledJobRef = builder.objectRef<JobDefinition>('ScheduledJob').implement({
  description: '定时任务: a job the scheduler runs once per period (a Beijing day, or an N-minute slot).',
  fields: (t) => ({
    name: t.exposeString('name', { description: 'e.g. dailyCharge, expiryReminders; the argument of runJobNow' }),
    title: t.exposeString('title', { description: 'Chinese title, e.g. 每日扣费' }),
    schedule: t.string({
      description: 'e.g. 每天 01:00（北京时间）, 工作日 09:00（北京时间）',
      resolve: (job) => describeSchedule(job.schedule),
    }),
    lastRun: t.field({
      type: ScheduledJobRunRef,
      nullable: true,
      description: 'The most recently started run',
      resolve: (job, _args, ctx) =>
        ctx.prisma.jobRun.findFirst({ where: { job: job.name }, orderBy: [{ startedAt: 'desc' }, { id: 'desc' }] }),
    }),
    nextRunAt: t.field({
      type: 'DateTime',
      description: 'The next scheduled time',
      resolve: (job) => nextRunAt(job.schedule, new Date()),
    }),
  }),
})

interface JobRunResultShape {
  job: JobDefinition
  periodKey: string
  run: JobRun
  alreadyRan: boolean
}

const JobRunResultRef = builder.objectRef<JobRunResultShape>('JobRunResult').implement({
  description: 'The answer to runJobNow: the run of the current period.',
  fields: (t) => ({
    job: t.field({ type: ScheduledJobRef, resolve: (result) => result.job }),
    periodKey: t.exposeString('periodKey'),
    alreadyRan: t.exposeBoolean('alreadyRan', {
      description: 'The period had already run successfully: nothing was done',
    }),
    run: t.field({ type: ScheduledJobRunRef, resolve: (result) => result.run }),
  }),
})

builder.queryFields((t) => ({
  scheduledJobs: t.field({
    type: [ScheduledJobRef],
    description: '定时任务 with their last and next run. CONAC staff.',
    resolve: (_root, _args, ctx) => scheduledJobs.execute(ctx, undefined),
  }),
}))

builder.mutationFields((t) => ({
  runJobNow: t.field({
    type: JobRunResultRef,
    nullable: true,
    description:
      '立即运行 a job for the current period (today, Beijing time) unless it already ran; CONFLICT while it is running. CONAC staff.',
    args: { job: t.arg.string({ required: true }) },
    resolve: (_root, { job }, ctx) => runJobNow.execute(ctx, { job }),
  }),
}))
