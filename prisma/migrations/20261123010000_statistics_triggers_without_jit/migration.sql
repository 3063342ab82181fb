-- The region_statistics triggers planned their statement with the planner's default guess for set-returning
-- functions (1000 rows each, a million after the join with the ancestors), which crossed PostgreSQL's JIT
-- threshold: every written row paid 50–100 ms of LLVM compilation at commit (3,216 offices took 100 s to seed).
-- Real row estimates, and no JIT in the statistics functions, whose statements read a handful of rows by key.
ALTER FUNCTION "region_statistics_ancestors"(CHAR(6)) ROWS 3;
ALTER FUNCTION "stat_units"("units") ROWS 4;
ALTER FUNCTION "stat_domains"("domains") ROWS 8;
ALTER FUNCTION "stat_domain_renewals"("domain_renewals") ROWS 1;
ALTER FUNCTION "stat_site_applications"("site_applications") ROWS 3;
ALTER FUNCTION "stat_badges"("badges") ROWS 6;
ALTER FUNCTION "stat_fee_collections"("fee_collections") ROWS 1;
ALTER FUNCTION "stat_remittances"("remittances") ROWS 1;
ALTER FUNCTION "stat_fee_collection_items"("fee_collection_items") ROWS 1;
ALTER FUNCTION "stat_offices"("offices") ROWS 1;
ALTER FUNCTION "stat_invoices"("invoices") ROWS 2;
ALTER FUNCTION "stat_review_decisions"("review_decisions") ROWS 2;
ALTER FUNCTION "region_statistics_track"() SET jit = off;
ALTER FUNCTION "compact_region_statistics"() SET jit = off;
ALTER FUNCTION "region_statistics_read"(TEXT[], TEXT[], TEXT[], TEXT[], TEXT[], TEXT[]) SET jit = off;
