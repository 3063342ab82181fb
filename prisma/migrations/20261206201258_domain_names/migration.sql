-- CreateEnum
CREATE TYPE "DomainNameKind" AS ENUM ('PRIMARY', 'VARIANT');

-- CreateTable
CREATE TABLE "domain_names" (
    "id" SERIAL NOT NULL,
    "domain_id" INTEGER NOT NULL,
    "suffix" "DomainSuffix" NOT NULL,
    "u_label" VARCHAR(63) NOT NULL,
    "a_label" VARCHAR(63) NOT NULL,
    "kind" "DomainNameKind" NOT NULL,
    "resolves" BOOLEAN NOT NULL DEFAULT false,
    "live" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "domain_names_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "domain_names_domain_id_idx" ON "domain_names"("domain_id");

-- AddForeignKey
ALTER TABLE "domain_names" ADD CONSTRAINT "domain_names_domain_id_fkey" FOREIGN KEY ("domain_id") REFERENCES "domains"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written (issue 18, names valid on the wire).
-- The A-label of a label that the API has already validated (IDNA2008 / UTS #46 in server/src/lib/idna.ts): the
-- Punycode of RFC 3492, so that every domain, however it was created (the API, the seed, a test fixture, SQL by
-- hand), gets its PRIMARY row from the database itself. Validation stays in the API; this only encodes.
-- tests/api/domain-names.test.ts checks that it agrees with the npm package on real names.
CREATE FUNCTION "punycode_adapt"(delta BIGINT, num_points INTEGER, first_time BOOLEAN) RETURNS INTEGER
LANGUAGE plpgsql IMMUTABLE STRICT AS $$
DECLARE
  k INTEGER := 0;
BEGIN
  delta := CASE WHEN first_time THEN delta / 700 ELSE delta / 2 END;
  delta := delta + delta / num_points;
  WHILE delta > ((36 - 1) * 26) / 2 LOOP
    delta := delta / (36 - 1);
    k := k + 36;
  END LOOP;
  RETURN k + ((36 - 1 + 1) * delta) / (delta + 38);
END $$;

CREATE FUNCTION "punycode_encode"(input TEXT) RETURNS TEXT
LANGUAGE plpgsql IMMUTABLE STRICT AS $$
DECLARE
  code_points INTEGER[] := ARRAY(SELECT ascii(ch) FROM regexp_split_to_table(input, '') AS ch);
  total INTEGER := coalesce(array_length(code_points, 1), 0);
  output TEXT := '';
  n INTEGER := 128;
  delta BIGINT := 0;
  bias INTEGER := 72;
  basic INTEGER;
  handled INTEGER;
  m INTEGER;
  q BIGINT;
  t INTEGER;
  k INTEGER;
  d INTEGER;
  c INTEGER;
BEGIN
  FOREACH c IN ARRAY code_points LOOP
    IF c < 128 THEN output := output || chr(c); END IF;
  END LOOP;
  basic := length(output);
  handled := basic;
  IF basic > 0 THEN output := output || '-'; END IF;
  WHILE handled < total LOOP
    m := 2147483647;
    FOREACH c IN ARRAY code_points LOOP
      IF c >= n AND c < m THEN m := c; END IF;
    END LOOP;
    delta := delta + (m - n)::BIGINT * (handled + 1);
    n := m;
    FOREACH c IN ARRAY code_points LOOP
      IF c < n THEN delta := delta + 1; END IF;
      IF c = n THEN
        q := delta;
        k := 36;
        LOOP
          t := CASE WHEN k <= bias THEN 1 WHEN k >= bias + 26 THEN 26 ELSE k - bias END;
          EXIT WHEN q < t;
          d := t + ((q - t) % (36 - t))::INTEGER;
          output := output || chr(CASE WHEN d < 26 THEN 97 + d ELSE 22 + d END);
          q := (q - t) / (36 - t);
          k := k + 36;
        END LOOP;
        output := output || chr(CASE WHEN q < 26 THEN 97 + q::INTEGER ELSE 22 + q::INTEGER END);
        bias := "punycode_adapt"(delta, handled + 1, handled = basic);
        delta := 0;
        handled := handled + 1;
      END IF;
    END LOOP;
    delta := delta + 1;
    n := n + 1;
  END LOOP;
  RETURN output;
END $$;

-- One label as DNS carries it: ASCII labels lower-cased, others xn-- and their Punycode.
CREATE FUNCTION "idna_a_label"(label TEXT) RETURNS TEXT
LANGUAGE sql IMMUTABLE STRICT AS $$
  SELECT CASE
    WHEN lowered ~ '^[\x01-\x7f]*$' THEN lowered
    ELSE 'xn--' || "punycode_encode"(lowered)
  END
  FROM (SELECT translate(label, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') AS lowered) AS l
$$;

-- Whether a domain in this status holds its names (mirrors domains_live_name_unique and names.ts DEAD_STATUSES).
CREATE FUNCTION "domain_holds_names"(status "DomainStatus") RETURNS BOOLEAN
LANGUAGE sql IMMUTABLE STRICT AS $$
  SELECT status NOT IN ('OFFICE_REJECTED', 'CONAC_REJECTED', 'CANCELLED')
$$;

-- One name, primary or variant, is held by one live domain at a time.
CREATE UNIQUE INDEX "domain_names_live_unique" ON "domain_names" ("suffix", "a_label") WHERE "live";
-- Exactly one PRIMARY row per domain (written by the trigger below), which always resolves.
CREATE UNIQUE INDEX "domain_names_one_primary" ON "domain_names" ("domain_id") WHERE "kind" = 'PRIMARY';
CREATE UNIQUE INDEX "domain_names_domain_a_label" ON "domain_names" ("domain_id", "a_label");
ALTER TABLE "domain_names" ADD CONSTRAINT "domain_names_primary_resolves" CHECK ("kind" <> 'PRIMARY' OR "resolves");
ALTER TABLE "domain_names" ADD CONSTRAINT "domain_names_a_label_ascii"
  CHECK ("a_label" ~ '^[a-z0-9-]+$' AND octet_length("a_label") <= 63);

-- The PRIMARY row follows domains.name and domains.suffix; every row's live follows domains.status. A new name drops
-- the variants of the old one (the API reserves the new name's variants in the same transaction).
CREATE FUNCTION "domains_sync_names"() RETURNS TRIGGER
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "domain_names" ("domain_id", "suffix", "u_label", "a_label", "kind", "resolves", "live")
    VALUES (NEW."id", NEW."suffix", NEW."name", "idna_a_label"(NEW."name"), 'PRIMARY', TRUE,
            "domain_holds_names"(NEW."status"));
    RETURN NULL;
  END IF;
  IF NEW."name" IS DISTINCT FROM OLD."name" OR NEW."suffix" IS DISTINCT FROM OLD."suffix" THEN
    DELETE FROM "domain_names" WHERE "domain_id" = NEW."id" AND "kind" = 'VARIANT';
    UPDATE "domain_names"
       SET "u_label" = NEW."name", "a_label" = "idna_a_label"(NEW."name"), "suffix" = NEW."suffix",
           "live" = "domain_holds_names"(NEW."status")
     WHERE "domain_id" = NEW."id" AND "kind" = 'PRIMARY';
  ELSIF "domain_holds_names"(NEW."status") IS DISTINCT FROM "domain_holds_names"(OLD."status") THEN
    UPDATE "domain_names" SET "live" = "domain_holds_names"(NEW."status") WHERE "domain_id" = NEW."id";
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "domains_sync_names" AFTER INSERT OR UPDATE OF "name", "suffix", "status" ON "domains"
  FOR EACH ROW EXECUTE FUNCTION "domains_sync_names"();

-- Backfill: the PRIMARY row of every existing domain. A name whose A-label would pass 63 octets cannot exist in DNS
-- (the API refused such names from this migration on); it gets no row and is named in a notice.
DO $$
DECLARE
  too_long RECORD;
BEGIN
  FOR too_long IN
    SELECT "id", "name" FROM "domains" WHERE octet_length("idna_a_label"("name")) > 63
  LOOP
    RAISE NOTICE 'domain % (%) has an A-label longer than 63 octets: no domain_names row', too_long."id", too_long."name";
  END LOOP;
END $$;
INSERT INTO "domain_names" ("domain_id", "suffix", "u_label", "a_label", "kind", "resolves", "live", "created_at")
SELECT "id", "suffix", "name", "idna_a_label"("name"), 'PRIMARY', TRUE, "domain_holds_names"("status"), "createdAt"
  FROM "domains"
 WHERE octet_length("idna_a_label"("name")) <= 63
 ORDER BY "id";
