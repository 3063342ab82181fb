-- Hand-written (issues 20 and 21, the counters' rebuild). stat_month and stat_day were declared IMMUTABLE around
-- to_char, which PostgreSQL marks STABLE (some of its formats follow the locale); a SQL function is inlined only
-- when its body is no more volatile than its declaration, so every bucket was a real function call: 12 µs a row,
-- some 5.6 million calls in a rebuild after a national import. Declared STABLE they are inlined into the
-- rebuild's and the import's statements. 'YYYY-MM' and 'YYYY-MM-DD' do not follow the locale, so the values are
-- unchanged; no index or generated column uses either function.
CREATE OR REPLACE FUNCTION "stat_month"(t TIMESTAMP) RETURNS VARCHAR LANGUAGE sql STABLE AS $$ SELECT to_char(t + interval '8 hours', 'YYYY-MM') $$;
CREATE OR REPLACE FUNCTION "stat_day"(t TIMESTAMP) RETURNS VARCHAR LANGUAGE sql STABLE AS $$ SELECT to_char(t + interval '8 hours', 'YYYY-MM-DD') $$;
