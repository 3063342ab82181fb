-- AlterTable
ALTER TABLE "audit_logs" ADD COLUMN     "chainSeq" INTEGER,
ADD COLUMN     "hash" CHAR(64),
ADD COLUMN     "previousHash" CHAR(64);

-- CreateTable
CREATE TABLE "audit_chain_state" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "headSeq" INTEGER NOT NULL DEFAULT 0,
    "headHash" CHAR(64) NOT NULL,
    "purgedThroughSeq" INTEGER NOT NULL DEFAULT 0,
    "purgedHash" CHAR(64) NOT NULL,
    "sealedAt" TIMESTAMP(3),
    "purgedAt" TIMESTAMP(3),

    CONSTRAINT "audit_chain_state_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "audit_logs_chainSeq_key" ON "audit_logs"("chainSeq");

-- The audit log's hash chain (等保/网络安全法: the log must be tamper-evident and kept at least 180 days).
--
-- Why rows are sealed after they commit, not chained as they are inserted: chaining at insert time means every
-- audited transaction reads the previous row's hash and must hold a lock on the chain's head until it commits —
-- every write in the API would queue behind every other. Instead a row is inserted unsealed (chain columns null)
-- and audit_chain_seal() — run by the scheduler every minute, at each API start and on demand — takes the
-- committed unsealed rows in id order and links each to the previous one. The chain order is the seal order: a row
-- whose transaction commits after a later id was sealed is sealed in a later pass, after it. A row stays
-- unprotected for at most a minute or so; the verifier counts such rows separately.
--
-- The canonical content of a row is every column but the chain's own three, by construction (to_jsonb of the row
-- minus those keys), so a column added later is covered without edits. Null-valued keys are left out, so adding a
-- nullable column leaves the hashes of the rows sealed before it unchanged (a new column must therefore be
-- nullable without a backfilled default; renaming or retyping a column, or rewriting rows, breaks the chain by
-- design). jsonb prints its keys in a fixed order (by length, then bytes) and its values in one normal form, and
-- the settings that could change how a value prints are pinned on the function, so the text is the same on every
-- server and after a pg_dump/pg_restore.
ALTER TABLE "audit_chain_state" ADD CONSTRAINT "audit_chain_state_one_row" CHECK ("id" = 1);
INSERT INTO "audit_chain_state" ("id", "headSeq", "headHash", "purgedThroughSeq", "purgedHash")
VALUES (1, 0, repeat('0', 64), 0, repeat('0', 64));

CREATE FUNCTION "audit_log_content"(entry "audit_logs") RETURNS text LANGUAGE sql STABLE
  SET "TimeZone" = 'UTC' SET "IntervalStyle" = 'postgres' SET "extra_float_digits" = 1 AS $$
  SELECT coalesce(jsonb_object_agg(field.key, field.value), '{}'::jsonb)::text
    FROM jsonb_each(to_jsonb(entry) - 'chainSeq' - 'previousHash' - 'hash') AS field
   WHERE field.value <> 'null'::jsonb
$$;

-- hash = sha256(previous hash || canonical content), hex; the first row's previous hash is 64 zeros (or, after a
-- retention purge, the last purged row's hash).
CREATE FUNCTION "audit_chain_link"(previous text, entry "audit_logs") RETURNS text LANGUAGE sql STABLE AS $$
  SELECT encode(sha256(decode(previous, 'hex') || convert_to("audit_log_content"(entry), 'UTF8')), 'hex')
$$;

-- Seals up to max_rows committed unsealed rows; returns how many (call again until 0). One sealer at a time: the
-- transaction-level advisory lock makes a second caller wait, so a call that returns has sealed every row that
-- had committed before it began.
CREATE FUNCTION "audit_chain_seal"(max_rows integer DEFAULT 5000) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  seq integer;
  previous text;
  entry "audit_logs";
  sealed integer := 0;
BEGIN
  PERFORM pg_advisory_xact_lock(7220022); -- the audit chain's lock (also taken by the purge)
  SELECT "headSeq", "headHash" INTO seq, previous FROM "audit_chain_state" WHERE "id" = 1 FOR UPDATE;
  PERFORM set_config('conac.audit_sealing', 'on', true);
  FOR entry IN SELECT * FROM "audit_logs" WHERE "chainSeq" IS NULL ORDER BY "id" LIMIT max_rows LOOP
    seq := seq + 1;
    UPDATE "audit_logs"
       SET "chainSeq" = seq, "previousHash" = previous, "hash" = "audit_chain_link"(previous, entry)
     WHERE "id" = entry."id"
    RETURNING "hash" INTO previous;
    sealed := sealed + 1;
  END LOOP;
  PERFORM set_config('conac.audit_sealing', 'off', true);
  IF sealed > 0 THEN
    UPDATE "audit_chain_state" SET "headSeq" = seq, "headHash" = previous, "sealedAt" = now() WHERE "id" = 1;
  END IF;
  RETURN sealed;
END $$;
CREATE INDEX "audit_logs_unsealed_idx" ON "audit_logs" ("id") WHERE "chainSeq" IS NULL;

-- Recomputes the chain from the purge checkpoint to the head and reports the first row that does not fit: a gap
-- in the sequence (rows deleted), a previous hash that is not the previous row's (rows deleted or reordered), a
-- hash that is not that of the row's content (the row was changed), or a chain that ends before the recorded head
-- (rows deleted at the end). STABLE: every query in it reads the snapshot of the calling statement, so a seal
-- committing meanwhile cannot make the head and the rows disagree. since_seq: check only the rows from that sequence
-- number on, trusting its stored previous hash (a quick look at the recent part for the admin page; the command
-- checks the whole chain).
CREATE FUNCTION "audit_chain_verify"(since_seq integer DEFAULT NULL) RETURNS TABLE (
  "intact" boolean, "checked" integer, "brokenId" integer, "brokenSeq" integer, "reason" text,
  "headSeq" integer, "headHash" text, "purgedThroughSeq" integer, "unsealed" integer
) LANGUAGE plpgsql STABLE AS $$
DECLARE
  state "audit_chain_state";
  entry "audit_logs";
  expected integer;
  previous text;
  rows_checked integer := 0;
  lowest integer := -2147483648;
  last_id integer;
BEGIN
  SELECT * INTO state FROM "audit_chain_state" WHERE "id" = 1;
  expected := state."purgedThroughSeq";
  previous := state."purgedHash";
  IF since_seq IS NOT NULL AND since_seq > expected + 1 THEN
    expected := since_seq - 1;
    lowest := since_seq;
    SELECT "previousHash" INTO previous FROM "audit_logs" WHERE "chainSeq" = since_seq;
  END IF;
  "headSeq" := state."headSeq";
  "headHash" := state."headHash";
  "purgedThroughSeq" := state."purgedThroughSeq";
  SELECT count(*)::integer INTO "unsealed" FROM "audit_logs" WHERE "chainSeq" IS NULL;
  FOR entry IN SELECT * FROM "audit_logs" WHERE "chainSeq" >= lowest ORDER BY "chainSeq" LOOP
    expected := expected + 1;
    IF entry."chainSeq" <> expected THEN
      "reason" := CASE WHEN entry."chainSeq" < expected
        THEN format('sequence number %s is at or before the purge checkpoint (%s)', entry."chainSeq", expected - 1)
        ELSE format('sequence numbers %s to %s are missing (rows deleted)', expected, entry."chainSeq" - 1) END;
    ELSIF entry."previousHash" IS DISTINCT FROM previous THEN
      "reason" := 'its previous hash is not the hash of the row before it';
    ELSIF entry."hash" IS DISTINCT FROM "audit_chain_link"(previous, entry) THEN
      "reason" := 'its content does not match its hash (the row was changed)';
    END IF;
    IF "reason" IS NOT NULL THEN
      "intact" := false; "checked" := rows_checked; "brokenId" := entry."id"; "brokenSeq" := entry."chainSeq";
      RETURN NEXT;
      RETURN;
    END IF;
    previous := entry."hash";
    last_id := entry."id";
    rows_checked := rows_checked + 1;
  END LOOP;
  "checked" := rows_checked;
  IF expected < state."headSeq" THEN
    "intact" := false; "brokenSeq" := expected + 1;
    "reason" := format('sequence numbers %s to %s are missing at the end (rows deleted)', expected + 1, state."headSeq");
  ELSIF expected > state."headSeq" THEN
    "intact" := false; "brokenId" := last_id; "brokenSeq" := expected;
    "reason" := format('rows after the recorded head (sequence %s) were sealed outside the sealer', state."headSeq");
  ELSIF previous IS DISTINCT FROM state."headHash" THEN
    "intact" := false; "brokenId" := last_id; "brokenSeq" := expected;
    "reason" := 'the last row''s hash is not the one the head records (the chain was rewritten)';
  ELSE
    "intact" := true;
  END IF;
  RETURN NEXT;
END $$;

-- Deletes the sealed rows older than the retention period (at least 180 days, 网络安全法) from the start of the
-- chain, after verifying it, and records the last deleted row's sequence number and hash as the checkpoint the
-- verifier starts from: the chain stays verifiable. Only a prefix of the chain goes, so a recent row sealed
-- before an older late-committed one keeps that one too. Returns the number of rows deleted.
CREATE FUNCTION "audit_chain_purge"(retention_days integer) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  state "audit_chain_state";
  verified record;
  cut integer;
  cut_hash text;
  deleted integer;
BEGIN
  IF retention_days IS NULL OR retention_days < 180 THEN
    RAISE EXCEPTION 'audit log retention must be at least 180 days (网络安全法), got %', retention_days
      USING ERRCODE = '22023';
  END IF;
  PERFORM pg_advisory_xact_lock(7220022);
  SELECT * INTO state FROM "audit_chain_state" WHERE "id" = 1 FOR UPDATE;
  SELECT * INTO verified FROM "audit_chain_verify"();
  IF NOT verified."intact" THEN
    RAISE EXCEPTION 'the audit chain is broken at row % (sequence %): %; nothing purged',
      verified."brokenId", verified."brokenSeq", verified."reason" USING ERRCODE = '55000';
  END IF;
  SELECT coalesce(min("chainSeq") - 1, state."headSeq") INTO cut FROM "audit_logs"
   WHERE "chainSeq" > state."purgedThroughSeq" AND "at" >= localtimestamp - make_interval(days => retention_days);
  IF cut <= state."purgedThroughSeq" THEN
    RETURN 0;
  END IF;
  SELECT "hash" INTO cut_hash FROM "audit_logs" WHERE "chainSeq" = cut;
  PERFORM set_config('conac.audit_purging', 'on', true);
  DELETE FROM "audit_logs" WHERE "chainSeq" > state."purgedThroughSeq" AND "chainSeq" <= cut;
  GET DIAGNOSTICS deleted = ROW_COUNT;
  PERFORM set_config('conac.audit_purging', 'off', true);
  UPDATE "audit_chain_state" SET "purgedThroughSeq" = cut, "purgedHash" = cut_hash, "purgedAt" = now() WHERE "id" = 1;
  RETURN deleted;
END $$;

-- Append-only, with two narrow exceptions: the sealer fills the chain columns of an unsealed row once (every other
-- column unchanged), and the purge deletes sealed rows older than 180 days — a floor no setting lowers. Inserted
-- rows come unsealed. The trigger keeps its name, audit_logs_append_only (a data migration that must rewrite history,
-- like 20261206200000_pii_mask_id_numbers_in_history, disables it by that name — and breaks the chain where it does:
-- such a change is visible by design), and now runs audit_logs_guard instead of refuse_change_of_history.
CREATE FUNCTION "audit_logs_guard"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NEW."chainSeq" IS NOT NULL OR NEW."previousHash" IS NOT NULL OR NEW."hash" IS NOT NULL THEN
      RAISE EXCEPTION 'audit_logs rows are inserted unsealed: only audit_chain_seal() sets the chain columns'
        USING ERRCODE = '42501';
    END IF;
    RETURN NEW;
  ELSIF TG_OP = 'UPDATE' THEN
    IF current_setting('conac.audit_sealing', true) = 'on'
       AND OLD."chainSeq" IS NULL AND OLD."previousHash" IS NULL AND OLD."hash" IS NULL
       AND NEW."chainSeq" IS NOT NULL AND NEW."previousHash" IS NOT NULL AND NEW."hash" IS NOT NULL
       AND (to_jsonb(NEW) - 'chainSeq' - 'previousHash' - 'hash') = (to_jsonb(OLD) - 'chainSeq' - 'previousHash' - 'hash')
    THEN
      RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit_logs is append-only' USING ERRCODE = '42501';
  END IF;
  IF current_setting('conac.audit_purging', true) = 'on' AND OLD."chainSeq" IS NOT NULL
     AND OLD."at" < localtimestamp - interval '180 days' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'audit_logs is append-only: rows are kept at least 180 days (网络安全法) and only the retention purge deletes older ones'
    USING ERRCODE = '42501';
END $$;
DROP TRIGGER "audit_logs_append_only" ON "audit_logs";
CREATE TRIGGER "audit_logs_append_only" BEFORE INSERT OR UPDATE OR DELETE ON "audit_logs"
  FOR EACH ROW EXECUTE FUNCTION "audit_logs_guard"();
CREATE TRIGGER "audit_logs_no_truncate" BEFORE TRUNCATE ON "audit_logs"
  FOR EACH STATEMENT EXECUTE FUNCTION "refuse_change_of_history"();
