-- People in full-text search: a person's entry (type code 7) is its name, the titles articles give it,
-- and its country. The view is re-created with them; triggers keep the index equal to it, as for the other
-- types (see the search migration).
DROP VIEW "SearchSource";
CREATE VIEW "SearchSource" AS
SELECT 'Article' AS type, a."id" AS id, a."id" * 8 + 1 AS docid, a."title" AS title, a."body" AS body, '' AS places
FROM "Article" a
UNION ALL
SELECT 'Delegation', d."id", d."id" * 8 + 2, d."name", coalesce(d."description", ''),
    trim(coalesce((SELECT c."name" FROM "City" c WHERE c."id" = d."homeCityId"), '') || ' ' ||
         coalesce((SELECT group_concat(n."name", ' ') FROM "DelegationVisit" v JOIN "Country" n ON n."id" = v."countryId" WHERE v."delegationId" = d."id"), ''))
FROM "Delegation" d
UNION ALL
SELECT 'Event', e."id", e."id" * 8 + 3, e."name", coalesce(e."description", ''),
    trim(coalesce((SELECT c."name" FROM "City" c WHERE c."id" = e."cityId"), '') || ' ' ||
         coalesce((SELECT n."name" FROM "Country" n WHERE n."id" = e."countryId"), ''))
FROM "Event" e
UNION ALL
SELECT 'Agreement', g."id", g."id" * 8 + 4, g."title",
    trim(coalesce(g."description", '') || ' ' ||
         coalesce((SELECT group_concat(p."description", ' ') FROM "AgreementParty" p WHERE p."agreementId" = g."id"), '')),
    trim(coalesce((SELECT c."name" FROM "City" c WHERE c."id" = g."cityId"), '') || ' ' ||
         coalesce((SELECT n."name" FROM "Country" n WHERE n."id" = g."countryId"), ''))
FROM "Agreement" g
UNION ALL
SELECT 'Image', i."id", i."id" * 8 + 5, i."caption", coalesce(i."credit", ''),
    trim(coalesce((SELECT c."name" FROM "City" c WHERE c."id" = i."cityId"), '') || ' ' ||
         coalesce((SELECT n."name" FROM "Country" n WHERE n."id" = i."countryId"), ''))
FROM "Image" i
UNION ALL
SELECT 'Organization', o."id", o."id" * 8 + 6, o."name", '',
    trim(coalesce((SELECT c."name" FROM "City" c WHERE c."id" = o."cityId"), '') || ' ' ||
         coalesce((SELECT n."name" FROM "Country" n WHERE n."id" = o."countryId"), ''))
FROM "Organization" o
UNION ALL
SELECT 'Person', p."id", p."id" * 8 + 7, p."name",
    coalesce((SELECT group_concat(t."title", ' ') FROM "PersonTitle" t WHERE t."personId" = p."id"), ''),
    coalesce((SELECT n."name" FROM "Country" n WHERE n."id" = p."countryId"), '')
FROM "Person" p;

INSERT INTO "SearchIndex" (rowid, title, body, places) SELECT docid, title, body, places FROM "SearchSource" WHERE type = 'Person';

CREATE TRIGGER "Person_search_insert" AFTER INSERT ON "Person" BEGIN
    INSERT OR REPLACE INTO "SearchIndex" (rowid, title, body, places)
    SELECT docid, title, body, places FROM "SearchSource" WHERE type = 'Person' AND id = NEW."id";
END;
CREATE TRIGGER "Person_search_update" AFTER UPDATE OF "name", "countryId" ON "Person" BEGIN
    INSERT OR REPLACE INTO "SearchIndex" (rowid, title, body, places)
    SELECT docid, title, body, places FROM "SearchSource" WHERE type = 'Person' AND id = NEW."id";
END;
CREATE TRIGGER "Person_search_delete" AFTER DELETE ON "Person" BEGIN
    DELETE FROM "SearchIndex" WHERE rowid = OLD."id" * 8 + 7;
END;

-- PersonTitle rows are part of their person's text.
CREATE TRIGGER "PersonTitle_search_insert" AFTER INSERT ON "PersonTitle" BEGIN
    INSERT OR REPLACE INTO "SearchIndex" (rowid, title, body, places)
    SELECT docid, title, body, places FROM "SearchSource" WHERE type = 'Person' AND id = NEW."personId";
END;
CREATE TRIGGER "PersonTitle_search_update" AFTER UPDATE ON "PersonTitle" BEGIN
    INSERT OR REPLACE INTO "SearchIndex" (rowid, title, body, places)
    SELECT docid, title, body, places FROM "SearchSource" WHERE type = 'Person' AND id = OLD."personId";
    INSERT OR REPLACE INTO "SearchIndex" (rowid, title, body, places)
    SELECT docid, title, body, places FROM "SearchSource" WHERE type = 'Person' AND id = NEW."personId";
END;
CREATE TRIGGER "PersonTitle_search_delete" AFTER DELETE ON "PersonTitle" BEGIN
    INSERT OR REPLACE INTO "SearchIndex" (rowid, title, body, places)
    SELECT docid, title, body, places FROM "SearchSource" WHERE type = 'Person' AND id = OLD."personId";
END;

-- A renamed country renames itself in its people's text.
CREATE TRIGGER "Country_search_rename_people" AFTER UPDATE OF "name" ON "Country" BEGIN
    INSERT OR REPLACE INTO "SearchIndex" (rowid, title, body, places)
    SELECT docid, title, body, places FROM "SearchSource" WHERE type = 'Person' AND id IN (SELECT "id" FROM "Person" WHERE "countryId" = NEW."id");
END;
