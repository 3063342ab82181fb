-- A domain that changes hands (过户: domains.unitId, or a 机构改革 move) takes its CHARGED renewals' counts along,
-- by the rule the reorganisation migration set for every other count: a month dated before a reorganisation's
-- effective date stays with the region the domain had then (stat_region_at reads reorganised_objects), the rest
-- follows the domain. The transfer migration's trigger moved every month, and subtracted from the giving unit's
-- region even the months an earlier reorganisation had kept elsewhere; now both sides are computed the same way,
-- the removed side with the giving unit's region as "current", so months kept by history net to zero.
CREATE OR REPLACE FUNCTION "region_statistics_domain_unit_moved"() RETURNS trigger LANGUAGE plpgsql SET jit = off AS $$
BEGIN
  INSERT INTO "region_statistic_deltas" ("root", "child", "metric", "bucket", "k1", "k2", "n", "fen")
  SELECT a.root, f.child, f.metric, f.bucket, c.k1, c.k2, SUM(c.n), SUM(c.fen)
    FROM (SELECT s.region, s.metric, s.bucket, s.k1, s.k2, s.n, s.fen
            FROM "domain_renewals" r
            CROSS JOIN LATERAL "stat_domain_renewals"(r) s
           WHERE r."domainId" = NEW."id"
          UNION ALL
          -- stat_domain_renewals as it counted under the giving unit (its body, with OLD's unit as the current one)
          SELECT "stat_region_at"('DOMAIN', r."domainId", t.at, u."regionCode"), 'renewals'::varchar, "stat_month"(t.at),
                 ''::varchar, ''::varchar, -1::bigint, 0::bigint
            FROM "domain_renewals" r
            JOIN "units" u ON u."id" = OLD."unitId"
            CROSS JOIN LATERAL (SELECT COALESCE((SELECT fi."chargedAt" FROM "fee_collection_items" fi
                                                  WHERE fi."renewalId" = r."id"), r."requestedAt") AS at) t
           WHERE r."domainId" = NEW."id" AND r."status" = 'CHARGED') c
    CROSS JOIN LATERAL "region_statistics_ancestors"(c.region) a
    CROSS JOIN LATERAL "region_statistics_forms"(a.root, a.child, c.metric, c.bucket) f
   GROUP BY 1, 2, 3, 4, 5, 6
  HAVING SUM(c.n) <> 0 OR SUM(c.fen) <> 0;
  RETURN NULL;
END $$;
