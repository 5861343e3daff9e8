-- Full-text search (written by hand; "SearchDoc" is declared external to Prisma), the PostgreSQL twin of the
-- SQLite migrations *_search and *_people_search: the same records, texts and keys.
--
-- "SearchSource" is the text each record contributes: a title, a body and the names of its places, so
-- `Tashkent exhibition` finds the exhibition held in Tashkent. "SearchDoc" holds it with its tsvector (a GIN
-- index), keyed by docid = id * 8 + type code (1 Article, 2 Delegation, 3 Event, 4 Agreement, 5 Image,
-- 6 Organization, 7 Person). Triggers keep SearchDoc equal to the view on every write, whatever the write path.
--
-- The text configuration stems English words and folds accents (`Zurich` finds `Zürich`, `exhibitions` finds
-- `exhibition`, as SQLite's porter + unicode61 remove_diacritics does), and drops no stop words: `the` and
-- `of` are words to look for, as on SQLite (the stock `english` configuration would turn "memorandum of
-- understanding" into `memorandum <2> understand` and "the" into an empty query).
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE TEXT SEARCH DICTIONARY english_stem_nostop (TEMPLATE = snowball, Language = english);
CREATE TEXT SEARCH CONFIGURATION english_unaccent_nostop (COPY = english);
ALTER TEXT SEARCH CONFIGURATION english_unaccent_nostop ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem_nostop;
ALTER TEXT SEARCH CONFIGURATION english_unaccent_nostop ALTER MAPPING FOR asciiword, asciihword, hword_asciipart WITH english_stem_nostop;

CREATE VIEW "SearchSource" AS
SELECT 'Article' AS type, a."id" AS id, a."id"::bigint * 8 + 1 AS docid, a."title" AS title, a."body" AS body, '' AS places
FROM "Article" a
UNION ALL
SELECT 'Delegation', d."id", d."id"::bigint * 8 + 2, d."name", coalesce(d."description", ''),
    trim(coalesce((SELECT c."name" FROM "City" c WHERE c."id" = d."homeCityId"), '') || ' ' ||
         coalesce((SELECT string_agg(n."name", ' ' ORDER BY v."position") FROM "DelegationVisit" v JOIN "Country" n ON n."id" = v."countryId" WHERE v."delegationId" = d."id"), ''))
FROM "Delegation" d
UNION ALL
SELECT 'Event', e."id", e."id"::bigint * 8 + 3, e."name", coalesce(e."description", ''),
    trim(coalesce((SELECT c."name" FROM "City" c WHERE c."id" = e."cityId"), '') || ' ' ||
         coalesce((SELECT n."name" FROM "Country" n WHERE n."id" = e."countryId"), ''))
FROM "Event" e
UNION ALL
SELECT 'Agreement', g."id", g."id"::bigint * 8 + 4, g."title",
    trim(coalesce(g."description", '') || ' ' ||
         coalesce((SELECT string_agg(p."description", ' ' ORDER BY p."id") FROM "AgreementParty" p WHERE p."agreementId" = g."id"), '')),
    trim(coalesce((SELECT c."name" FROM "City" c WHERE c."id" = g."cityId"), '') || ' ' ||
         coalesce((SELECT n."name" FROM "Country" n WHERE n."id" = g."countryId"), ''))
FROM "Agreement" g
UNION ALL
SELECT 'Image', i."id", i."id"::bigint * 8 + 5, i."caption", coalesce(i."credit", ''),
    trim(coalesce((SELECT c."name" FROM "City" c WHERE c."id" = i."cityId"), '') || ' ' ||
         coalesce((SELECT n."name" FROM "Country" n WHERE n."id" = i."countryId"), ''))
FROM "Image" i
UNION ALL
SELECT 'Organization', o."id", o."id"::bigint * 8 + 6, o."name", '',
    trim(coalesce((SELECT c."name" FROM "City" c WHERE c."id" = o."cityId"), '') || ' ' ||
         coalesce((SELECT n."name" FROM "Country" n WHERE n."id" = o."countryId"), ''))
FROM "Organization" o
UNION ALL
SELECT 'Person', p."id", p."id"::bigint * 8 + 7, p."name",
    coalesce((SELECT string_agg(t."title", ' ' ORDER BY t."id") FROM "PersonTitle" t WHERE t."personId" = p."id"), ''),
    coalesce((SELECT n."name" FROM "Country" n WHERE n."id" = p."countryId"), '')
FROM "Person" p;

-- Weights rank a match in a title (A) above one in a place name (B) above one in a body (C): the search reads
-- them as 1.0, 0.4 and 0.1, as SQLite's bm25(10, 1, 4) weighs the columns.
CREATE TABLE "SearchDoc" (
    "docid" BIGINT PRIMARY KEY,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "places" TEXT NOT NULL,
    "tsv" TSVECTOR GENERATED ALWAYS AS (
        setweight(to_tsvector('english_unaccent_nostop'::regconfig, "title"), 'A') ||
        setweight(to_tsvector('english_unaccent_nostop'::regconfig, "places"), 'B') ||
        setweight(to_tsvector('english_unaccent_nostop'::regconfig, "body"), 'C')
    ) STORED
);
CREATE INDEX "SearchDoc_tsv_idx" ON "SearchDoc" USING GIN ("tsv");

-- Writes one type's entries again from the view: those of the records with these ids (gone ones removed).
CREATE FUNCTION dg_search_refresh(kind text, ids integer[]) RETURNS void LANGUAGE sql AS $$
  DELETE FROM "SearchDoc" WHERE "docid" IN (SELECT id::bigint * 8 + CASE kind WHEN 'Article' THEN 1 WHEN 'Delegation' THEN 2 WHEN 'Event' THEN 3 WHEN 'Agreement' THEN 4 WHEN 'Image' THEN 5 WHEN 'Organization' THEN 6 WHEN 'Person' THEN 7 END FROM unnest(ids) id);
  INSERT INTO "SearchDoc" ("docid", "title", "body", "places")
  SELECT s.docid, s.title, s.body, s.places FROM "SearchSource" s WHERE s.type = kind AND s.id = ANY(ids);
$$;

-- One trigger function per table, over the statement's rows (transition tables): the table's own entries,
-- and those of the records whose text includes its rows (a visit's delegation, a party's agreement, a title's
-- person, the records placed in a renamed city or country).
CREATE FUNCTION dg_search_rows() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids integer[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    EXECUTE 'SELECT array_agg(id) FROM new_rows' INTO ids;
  ELSIF TG_OP = 'DELETE' THEN
    EXECUTE 'SELECT array_agg(id) FROM old_rows' INTO ids;
  ELSE
    EXECUTE 'SELECT array_agg(id) FROM (SELECT id FROM old_rows UNION SELECT id FROM new_rows) changed' INTO ids;
  END IF;
  PERFORM dg_search_refresh(TG_ARGV[0], coalesce(ids, '{}'));
  RETURN NULL;
END $$;

-- The parent records of changed child rows: TG_ARGV[0] is the parent's type, TG_ARGV[1] the child's column naming it.
CREATE FUNCTION dg_search_parents() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids integer[];
  col text := quote_ident(TG_ARGV[1]);
BEGIN
  IF TG_OP = 'INSERT' THEN
    EXECUTE format('SELECT array_agg(DISTINCT %s) FROM new_rows', col) INTO ids;
  ELSIF TG_OP = 'DELETE' THEN
    EXECUTE format('SELECT array_agg(DISTINCT %s) FROM old_rows', col) INTO ids;
  ELSE
    EXECUTE format('SELECT array_agg(DISTINCT p) FROM (SELECT %s AS p FROM old_rows UNION SELECT %s FROM new_rows) changed', col, col) INTO ids;
  END IF;
  PERFORM dg_search_refresh(TG_ARGV[0], coalesce(ids, '{}'));
  RETURN NULL;
END $$;

-- A renamed city or country renames itself in the text of every record placed there.
CREATE FUNCTION dg_search_place_rename() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  renamed integer[];
BEGIN
  SELECT array_agg(n.id) INTO renamed FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE n.name IS DISTINCT FROM o.name;
  IF renamed IS NULL THEN
    RETURN NULL;
  END IF;
  IF TG_TABLE_NAME = 'City' THEN
    PERFORM dg_search_refresh('Delegation', ARRAY(SELECT "id" FROM "Delegation" WHERE "homeCityId" = ANY(renamed)));
    PERFORM dg_search_refresh('Event', ARRAY(SELECT "id" FROM "Event" WHERE "cityId" = ANY(renamed)));
    PERFORM dg_search_refresh('Agreement', ARRAY(SELECT "id" FROM "Agreement" WHERE "cityId" = ANY(renamed)));
    PERFORM dg_search_refresh('Image', ARRAY(SELECT "id" FROM "Image" WHERE "cityId" = ANY(renamed)));
    PERFORM dg_search_refresh('Organization', ARRAY(SELECT "id" FROM "Organization" WHERE "cityId" = ANY(renamed)));
  ELSE
    PERFORM dg_search_refresh('Delegation', ARRAY(SELECT DISTINCT "delegationId" FROM "DelegationVisit" WHERE "countryId" = ANY(renamed)));
    PERFORM dg_search_refresh('Event', ARRAY(SELECT "id" FROM "Event" WHERE "countryId" = ANY(renamed)));
    PERFORM dg_search_refresh('Agreement', ARRAY(SELECT "id" FROM "Agreement" WHERE "countryId" = ANY(renamed)));
    PERFORM dg_search_refresh('Image', ARRAY(SELECT "id" FROM "Image" WHERE "countryId" = ANY(renamed)));
    PERFORM dg_search_refresh('Organization', ARRAY(SELECT "id" FROM "Organization" WHERE "countryId" = ANY(renamed)));
    PERFORM dg_search_refresh('Person', ARRAY(SELECT "id" FROM "Person" WHERE "countryId" = ANY(renamed)));
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "Article_search_insert" AFTER INSERT ON "Article" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dg_search_rows('Article');
CREATE TRIGGER "Article_search_update" AFTER UPDATE ON "Article" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dg_search_rows('Article');
CREATE TRIGGER "Article_search_delete" AFTER DELETE ON "Article" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION dg_search_rows('Article');
CREATE TRIGGER "Delegation_search_insert" AFTER INSERT ON "Delegation" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dg_search_rows('Delegation');
CREATE TRIGGER "Delegation_search_update" AFTER UPDATE ON "Delegation" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dg_search_rows('Delegation');
CREATE TRIGGER "Delegation_search_delete" AFTER DELETE ON "Delegation" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION dg_search_rows('Delegation');
CREATE TRIGGER "Event_search_insert" AFTER INSERT ON "Event" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dg_search_rows('Event');
CREATE TRIGGER "Event_search_update" AFTER UPDATE ON "Event" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dg_search_rows('Event');
CREATE TRIGGER "Event_search_delete" AFTER DELETE ON "Event" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION dg_search_rows('Event');
CREATE TRIGGER "Agreement_search_insert" AFTER INSERT ON "Agreement" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dg_search_rows('Agreement');
CREATE TRIGGER "Agreement_search_update" AFTER UPDATE ON "Agreement" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dg_search_rows('Agreement');
CREATE TRIGGER "Agreement_search_delete" AFTER DELETE ON "Agreement" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION dg_search_rows('Agreement');
CREATE TRIGGER "Image_search_insert" AFTER INSERT ON "Image" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dg_search_rows('Image');
CREATE TRIGGER "Image_search_update" AFTER UPDATE ON "Image" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dg_search_rows('Image');
CREATE TRIGGER "Image_search_delete" AFTER DELETE ON "Image" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION dg_search_rows('Image');
CREATE TRIGGER "Organization_search_insert" AFTER INSERT ON "Organization" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dg_search_rows('Organization');
CREATE TRIGGER "Organization_search_update" AFTER UPDATE ON "Organization" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dg_search_rows('Organization');
CREATE TRIGGER "Organization_search_delete" AFTER DELETE ON "Organization" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION dg_search_rows('Organization');
CREATE TRIGGER "Person_search_insert" AFTER INSERT ON "Person" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dg_search_rows('Person');
CREATE TRIGGER "Person_search_update" AFTER UPDATE ON "Person" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dg_search_rows('Person');
CREATE TRIGGER "Person_search_delete" AFTER DELETE ON "Person" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION dg_search_rows('Person');

CREATE TRIGGER "DelegationVisit_search_insert" AFTER INSERT ON "DelegationVisit" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dg_search_parents('Delegation', 'delegationId');
CREATE TRIGGER "DelegationVisit_search_update" AFTER UPDATE ON "DelegationVisit" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dg_search_parents('Delegation', 'delegationId');
CREATE TRIGGER "DelegationVisit_search_delete" AFTER DELETE ON "DelegationVisit" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION dg_search_parents('Delegation', 'delegationId');
CREATE TRIGGER "AgreementParty_search_insert" AFTER INSERT ON "AgreementParty" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dg_search_parents('Agreement', 'agreementId');
CREATE TRIGGER "AgreementParty_search_update" AFTER UPDATE ON "AgreementParty" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dg_search_parents('Agreement', 'agreementId');
CREATE TRIGGER "AgreementParty_search_delete" AFTER DELETE ON "AgreementParty" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION dg_search_parents('Agreement', 'agreementId');
CREATE TRIGGER "PersonTitle_search_insert" AFTER INSERT ON "PersonTitle" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dg_search_parents('Person', 'personId');
CREATE TRIGGER "PersonTitle_search_update" AFTER UPDATE ON "PersonTitle" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dg_search_parents('Person', 'personId');
CREATE TRIGGER "PersonTitle_search_delete" AFTER DELETE ON "PersonTitle" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION dg_search_parents('Person', 'personId');

CREATE TRIGGER "City_search_rename" AFTER UPDATE ON "City" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dg_search_place_rename();
CREATE TRIGGER "Country_search_rename" AFTER UPDATE ON "Country" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dg_search_place_rename();
