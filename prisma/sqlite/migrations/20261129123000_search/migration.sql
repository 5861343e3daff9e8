-- Full-text search over articles, delegations, events, agreements, images and organizations (SQLite FTS5).
--
-- "SearchSource" is the text each record contributes: a title, a body and the names of its places, so
-- `Tashkent exhibition` finds the exhibition held in Tashkent. "SearchIndex" is the FTS5 index of that
-- view, keyed by rowid = id * 8 + type code (1 Article, 2 Delegation, 3 Event, 4 Agreement, 5 Image,
-- 6 Organization), so a record's entry is found by rowid, never by a scan.
--
-- Triggers keep the index equal to the view on every write, whatever the write path (import, mutation,
-- raw SQL). The test suite compares the two after imports, updates and deletions.
--
-- Caution for later migrations: Prisma redefines a SQLite table (CREATE new_X, copy, DROP X, RENAME) for
-- many column changes. That drops the table's triggers, and the RENAME fails while this view refers to
-- the table. Such a migration must drop the view and triggers first and re-create them after, then
-- re-fill the index (DELETE FROM "SearchIndex"; INSERT ... SELECT ... FROM "SearchSource").

-- porter: `exhibitions` finds `exhibition`; unicode61 folds case; remove_diacritics 2: `Zurich` finds `Zürich`.
CREATE VIRTUAL TABLE "SearchIndex" USING fts5(
    title, body, places,
    tokenize = 'porter unicode61 remove_diacritics 2'
);

-- Relevance (bm25): a match in a title weighs more than one in a place name, which weighs more than one in a body.
INSERT INTO "SearchIndex" ("SearchIndex", rank) VALUES ('rank', 'bm25(10.0, 1.0, 4.0)');

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
FROM "Organization" o;

INSERT INTO "SearchIndex" (rowid, title, body, places) SELECT docid, title, body, places FROM "SearchSource";

CREATE TRIGGER "Article_search_insert" AFTER INSERT ON "Article" BEGIN
    INSERT OR REPLACE INTO "SearchIndex" (rowid, title, body, places)
    SELECT docid, title, body, places FROM "SearchSource" WHERE type = 'Article' AND id = NEW."id";
END;
CREATE TRIGGER "Article_search_update" AFTER UPDATE OF "title", "body" ON "Article" BEGIN
    INSERT OR REPLACE INTO "SearchIndex" (rowid, title, body, places)
    SELECT docid, title, body, places FROM "SearchSource" WHERE type = 'Article' AND id = NEW."id";
END;
CREATE TRIGGER "Article_search_delete" AFTER DELETE ON "Article" BEGIN
    DELETE FROM "SearchIndex" WHERE rowid = OLD."id" * 8 + 1;
END;

CREATE TRIGGER "Delegation_search_insert" AFTER INSERT ON "Delegation" BEGIN
    INSERT OR REPLACE INTO "SearchIndex" (rowid, title, body, places)
    SELECT docid, title, body, places FROM "SearchSource" WHERE type = 'Delegation' AND id = NEW."id";
END;
CREATE TRIGGER "Delegation_search_update" AFTER UPDATE OF "name", "description", "homeCityId" ON "Delegation" BEGIN
    INSERT OR REPLACE INTO "SearchIndex" (rowid, title, body, places)
    SELECT docid, title, body, places FROM "SearchSource" WHERE type = 'Delegation' AND id = NEW."id";
END;
CREATE TRIGGER "Delegation_search_delete" AFTER DELETE ON "Delegation" BEGIN
    DELETE FROM "SearchIndex" WHERE rowid = OLD."id" * 8 + 2;
END;

CREATE TRIGGER "Event_search_insert" AFTER INSERT ON "Event" BEGIN
    INSERT OR REPLACE INTO "SearchIndex" (rowid, title, body, places)
    SELECT docid, title, body, places FROM "SearchSource" WHERE type = 'Event' AND id = NEW."id";
END;
CREATE TRIGGER "Event_search_update" AFTER UPDATE OF "name", "description", "cityId", "countryId" ON "Event" BEGIN
    INSERT OR REPLACE INTO "SearchIndex" (rowid, title, body, places)
    SELECT docid, title, body, places FROM "SearchSource" WHERE type = 'Event' AND id = NEW."id";
END;
CREATE TRIGGER "Event_search_delete" AFTER DELETE ON "Event" BEGIN
    DELETE FROM "SearchIndex" WHERE rowid = OLD."id" * 8 + 3;
END;

CREATE TRIGGER "Agreement_search_insert" AFTER INSERT ON "Agreement" BEGIN
    INSERT OR REPLACE INTO "SearchIndex" (rowid, title, body, places)
    SELECT docid, title, body, places FROM "SearchSource" WHERE type = 'Agreement' AND id = NEW."id";
END;
CREATE TRIGGER "Agreement_search_update" AFTER UPDATE OF "title", "description", "cityId", "countryId" ON "Agreement" BEGIN
    INSERT OR REPLACE INTO "SearchIndex" (rowid, title, body, places)
    SELECT docid, title, body, places FROM "SearchSource" WHERE type = 'Agreement' AND id = NEW."id";
END;
CREATE TRIGGER "Agreement_search_delete" AFTER DELETE ON "Agreement" BEGIN
    DELETE FROM "SearchIndex" WHERE rowid = OLD."id" * 8 + 4;
END;

CREATE TRIGGER "Image_search_insert" AFTER INSERT ON "Image" BEGIN
    INSERT OR REPLACE INTO "SearchIndex" (rowid, title, body, places)
    SELECT docid, title, body, places FROM "SearchSource" WHERE type = 'Image' AND id = NEW."id";
END;
CREATE TRIGGER "Image_search_update" AFTER UPDATE OF "caption", "credit", "cityId", "countryId" ON "Image" BEGIN
    INSERT OR REPLACE INTO "SearchIndex" (rowid, title, body, places)
    SELECT docid, title, body, places FROM "SearchSource" WHERE type = 'Image' AND id = NEW."id";
END;
CREATE TRIGGER "Image_search_delete" AFTER DELETE ON "Image" BEGIN
    DELETE FROM "SearchIndex" WHERE rowid = OLD."id" * 8 + 5;
END;

CREATE TRIGGER "Organization_search_insert" AFTER INSERT ON "Organization" BEGIN
    INSERT OR REPLACE INTO "SearchIndex" (rowid, title, body, places)
    SELECT docid, title, body, places FROM "SearchSource" WHERE type = 'Organization' AND id = NEW."id";
END;
CREATE TRIGGER "Organization_search_update" AFTER UPDATE OF "name", "cityId", "countryId" ON "Organization" BEGIN
    INSERT OR REPLACE INTO "SearchIndex" (rowid, title, body, places)
    SELECT docid, title, body, places FROM "SearchSource" WHERE type = 'Organization' AND id = NEW."id";
END;
CREATE TRIGGER "Organization_search_delete" AFTER DELETE ON "Organization" BEGIN
    DELETE FROM "SearchIndex" WHERE rowid = OLD."id" * 8 + 6;
END;

-- DelegationVisit rows are part of their Delegation's text.
CREATE TRIGGER "DelegationVisit_search_insert" AFTER INSERT ON "DelegationVisit" BEGIN
    INSERT OR REPLACE INTO "SearchIndex" (rowid, title, body, places)
    SELECT docid, title, body, places FROM "SearchSource" WHERE type = 'Delegation' AND id = NEW."delegationId";
END;
CREATE TRIGGER "DelegationVisit_search_update" AFTER UPDATE ON "DelegationVisit" BEGIN
    INSERT OR REPLACE INTO "SearchIndex" (rowid, title, body, places)
    SELECT docid, title, body, places FROM "SearchSource" WHERE type = 'Delegation' AND id = OLD."delegationId";
    INSERT OR REPLACE INTO "SearchIndex" (rowid, title, body, places)
    SELECT docid, title, body, places FROM "SearchSource" WHERE type = 'Delegation' AND id = NEW."delegationId";
END;
CREATE TRIGGER "DelegationVisit_search_delete" AFTER DELETE ON "DelegationVisit" BEGIN
    INSERT OR REPLACE INTO "SearchIndex" (rowid, title, body, places)
    SELECT docid, title, body, places FROM "SearchSource" WHERE type = 'Delegation' AND id = OLD."delegationId";
END;

-- AgreementParty rows are part of their Agreement's text.
CREATE TRIGGER "AgreementParty_search_insert" AFTER INSERT ON "AgreementParty" BEGIN
    INSERT OR REPLACE INTO "SearchIndex" (rowid, title, body, places)
    SELECT docid, title, body, places FROM "SearchSource" WHERE type = 'Agreement' AND id = NEW."agreementId";
END;
CREATE TRIGGER "AgreementParty_search_update" AFTER UPDATE ON "AgreementParty" BEGIN
    INSERT OR REPLACE INTO "SearchIndex" (rowid, title, body, places)
    SELECT docid, title, body, places FROM "SearchSource" WHERE type = 'Agreement' AND id = OLD."agreementId";
    INSERT OR REPLACE INTO "SearchIndex" (rowid, title, body, places)
    SELECT docid, title, body, places FROM "SearchSource" WHERE type = 'Agreement' AND id = NEW."agreementId";
END;
CREATE TRIGGER "AgreementParty_search_delete" AFTER DELETE ON "AgreementParty" BEGIN
    INSERT OR REPLACE INTO "SearchIndex" (rowid, title, body, places)
    SELECT docid, title, body, places FROM "SearchSource" WHERE type = 'Agreement' AND id = OLD."agreementId";
END;

-- A renamed place renames itself in the text of every record placed there.
CREATE TRIGGER "City_search_rename" AFTER UPDATE OF "name" ON "City" BEGIN
    INSERT OR REPLACE INTO "SearchIndex" (rowid, title, body, places)
    SELECT docid, title, body, places FROM "SearchSource" WHERE type = 'Delegation' AND id IN (SELECT "id" FROM "Delegation" WHERE "homeCityId" = NEW."id");
    INSERT OR REPLACE INTO "SearchIndex" (rowid, title, body, places)
    SELECT docid, title, body, places FROM "SearchSource" WHERE type = 'Event' AND id IN (SELECT "id" FROM "Event" WHERE "cityId" = NEW."id");
    INSERT OR REPLACE INTO "SearchIndex" (rowid, title, body, places)
    SELECT docid, title, body, places FROM "SearchSource" WHERE type = 'Agreement' AND id IN (SELECT "id" FROM "Agreement" WHERE "cityId" = NEW."id");
    INSERT OR REPLACE INTO "SearchIndex" (rowid, title, body, places)
    SELECT docid, title, body, places FROM "SearchSource" WHERE type = 'Image' AND id IN (SELECT "id" FROM "Image" WHERE "cityId" = NEW."id");
    INSERT OR REPLACE INTO "SearchIndex" (rowid, title, body, places)
    SELECT docid, title, body, places FROM "SearchSource" WHERE type = 'Organization' AND id IN (SELECT "id" FROM "Organization" WHERE "cityId" = NEW."id");
END;
CREATE TRIGGER "Country_search_rename" AFTER UPDATE OF "name" ON "Country" BEGIN
    INSERT OR REPLACE INTO "SearchIndex" (rowid, title, body, places)
    SELECT docid, title, body, places FROM "SearchSource" WHERE type = 'Delegation' AND id IN (SELECT "delegationId" FROM "DelegationVisit" WHERE "countryId" = NEW."id");
    INSERT OR REPLACE INTO "SearchIndex" (rowid, title, body, places)
    SELECT docid, title, body, places FROM "SearchSource" WHERE type = 'Event' AND id IN (SELECT "id" FROM "Event" WHERE "countryId" = NEW."id");
    INSERT OR REPLACE INTO "SearchIndex" (rowid, title, body, places)
    SELECT docid, title, body, places FROM "SearchSource" WHERE type = 'Agreement' AND id IN (SELECT "id" FROM "Agreement" WHERE "countryId" = NEW."id");
    INSERT OR REPLACE INTO "SearchIndex" (rowid, title, body, places)
    SELECT docid, title, body, places FROM "SearchSource" WHERE type = 'Image' AND id IN (SELECT "id" FROM "Image" WHERE "countryId" = NEW."id");
    INSERT OR REPLACE INTO "SearchIndex" (rowid, title, body, places)
    SELECT docid, title, body, places FROM "SearchSource" WHERE type = 'Organization' AND id IN (SELECT "id" FROM "Organization" WHERE "countryId" = NEW."id");
END;
