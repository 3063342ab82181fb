-- Hand-written (issue 18): a name's length is limited by its A-label (63 octets in DNS), not by 40 characters: a
-- 41-letter ASCII name fits, a 19-character Chinese one may not (validated in the API, lib/idna.ts; this is the
-- database's own guard).
ALTER TABLE "domains" DROP CONSTRAINT "domains_name_format";
ALTER TABLE "domains" ADD CONSTRAINT "domains_name_format" CHECK (
  char_length("name") >= 2 AND position('.' in "name") = 0 AND octet_length("idna_a_label"("name")) <= 63
) NOT VALID;
