-- Issue 15, defect 6: seed 001 asks a domain under .gov.cn of 党政机关 only, so a 事业单位's site application may name
-- any Internet host name (server/src/lib/englishDomain.ts decides by unit type, which a check constraint cannot
-- see). The constraint keeps what holds for every unit: a lower-case host name of LDH labels with a top-level
-- domain of letters (no URL, path, port or IP address). Every stored value already ends in .gov.cn, so passes.
ALTER TABLE "site_applications" DROP CONSTRAINT "site_applications_english_domain_suffix";
ALTER TABLE "site_applications" ADD CONSTRAINT "site_applications_english_domain_host_name"
  CHECK ("englishDomain" IS NULL OR (length("englishDomain") <= 253 AND "englishDomain" ~ '^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$'));
