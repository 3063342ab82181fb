-- Issue 22: the rate limits' token buckets move from each API process's memory into the database, so several API
-- processes share one budget per API token and per client address (server/src/limits/rateLimit.ts spends with one
-- INSERT … ON CONFLICT DO UPDATE). UNLOGGED: the buckets are not worth a WAL write on every integrator request, and
-- after a crash PostgreSQL empties the table, which is the same as every bucket full. Not replicated to standbys
-- either, for the same reason. Prisma's schema cannot say UNLOGGED, and its diff does not look at it.
CREATE UNLOGGED TABLE "rate_limit_buckets" (
    "key" TEXT NOT NULL,
    "points" DOUBLE PRECISION NOT NULL,
    "at" TIMESTAMPTZ(6) NOT NULL,
    "full_at" TIMESTAMPTZ(6) NOT NULL,
    "last_allowed" BOOLEAN NOT NULL,

    CONSTRAINT "rate_limit_buckets_pkey" PRIMARY KEY ("key")
);
