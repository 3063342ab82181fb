-- 账号认领 (modules/migration/claim/invite.ts): the invitation job takes the next imported account not yet invited,
-- oldest import first, one at a time. Only those accounts are in this index, so each pick reads a handful of
-- entries however many of a million imported accounts were invited before (a partial index: Prisma's schema cannot
-- state one, so it lives here only).
CREATE INDEX "users_claim_invite_queue" ON "users" ("importedAt", "id")
  WHERE "importedAt" IS NOT NULL AND "claimInvitedAt" IS NULL AND "status" = 'PENDING_ACTIVATION';
