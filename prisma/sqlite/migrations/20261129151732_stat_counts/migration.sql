-- CreateTable
CREATE TABLE "StatCount" (
    "facet" TEXT NOT NULL,
    "bucket" TEXT NOT NULL,
    "count" INTEGER NOT NULL,

    PRIMARY KEY ("facet", "bucket")
);

-- Triggers (written by hand: Prisma's diff ignores triggers). They keep StatCount exact inside the writing
-- transaction, whatever the write path (GraphQL, import CLI, seed, db:synth, a console). Each adds +1 for the
-- new row's buckets and -1 for the old row's; an update does both, which nets to nothing for an unchanged
-- bucket. Rows that fall to 0 stay (the read skips them). A later migration that makes Prisma redefine
-- Event, Agreement, Delegation or DelegationVisit drops these triggers: re-create them there
-- (test/stat-counts.test.ts fails otherwise).
CREATE TRIGGER "StatCount_Event_insert" AFTER INSERT ON "Event" BEGIN
  INSERT INTO "StatCount" ("facet", "bucket", "count") VALUES
    ('event.country', coalesce(CAST(NEW."countryId" AS TEXT), ''), 1),
    ('event.city', coalesce(CAST(NEW."cityId" AS TEXT), ''), 1),
    ('event.kind', NEW."kind", 1),
    ('event.month', coalesce(substr(NEW."startDate", 1, 7), ''), 1)
  ON CONFLICT ("facet", "bucket") DO UPDATE SET "count" = "count" + excluded."count";
END;

CREATE TRIGGER "StatCount_Event_delete" AFTER DELETE ON "Event" BEGIN
  INSERT INTO "StatCount" ("facet", "bucket", "count") VALUES
    ('event.country', coalesce(CAST(OLD."countryId" AS TEXT), ''), -1),
    ('event.city', coalesce(CAST(OLD."cityId" AS TEXT), ''), -1),
    ('event.kind', OLD."kind", -1),
    ('event.month', coalesce(substr(OLD."startDate", 1, 7), ''), -1)
  ON CONFLICT ("facet", "bucket") DO UPDATE SET "count" = "count" + excluded."count";
END;

CREATE TRIGGER "StatCount_Event_update" AFTER UPDATE OF "countryId", "cityId", "kind", "startDate" ON "Event" BEGIN
  INSERT INTO "StatCount" ("facet", "bucket", "count") VALUES
    ('event.country', coalesce(CAST(OLD."countryId" AS TEXT), ''), -1),
    ('event.city', coalesce(CAST(OLD."cityId" AS TEXT), ''), -1),
    ('event.kind', OLD."kind", -1),
    ('event.month', coalesce(substr(OLD."startDate", 1, 7), ''), -1),
    ('event.country', coalesce(CAST(NEW."countryId" AS TEXT), ''), 1),
    ('event.city', coalesce(CAST(NEW."cityId" AS TEXT), ''), 1),
    ('event.kind', NEW."kind", 1),
    ('event.month', coalesce(substr(NEW."startDate", 1, 7), ''), 1)
  ON CONFLICT ("facet", "bucket") DO UPDATE SET "count" = "count" + excluded."count";
END;

CREATE TRIGGER "StatCount_Agreement_insert" AFTER INSERT ON "Agreement" BEGIN
  INSERT INTO "StatCount" ("facet", "bucket", "count") VALUES
    ('agreement.country', coalesce(CAST(NEW."countryId" AS TEXT), ''), 1),
    ('agreement.kind', NEW."kind", 1)
  ON CONFLICT ("facet", "bucket") DO UPDATE SET "count" = "count" + excluded."count";
END;

CREATE TRIGGER "StatCount_Agreement_delete" AFTER DELETE ON "Agreement" BEGIN
  INSERT INTO "StatCount" ("facet", "bucket", "count") VALUES
    ('agreement.country', coalesce(CAST(OLD."countryId" AS TEXT), ''), -1),
    ('agreement.kind', OLD."kind", -1)
  ON CONFLICT ("facet", "bucket") DO UPDATE SET "count" = "count" + excluded."count";
END;

CREATE TRIGGER "StatCount_Agreement_update" AFTER UPDATE OF "countryId", "kind" ON "Agreement" BEGIN
  INSERT INTO "StatCount" ("facet", "bucket", "count") VALUES
    ('agreement.country', coalesce(CAST(OLD."countryId" AS TEXT), ''), -1),
    ('agreement.kind', OLD."kind", -1),
    ('agreement.country', coalesce(CAST(NEW."countryId" AS TEXT), ''), 1),
    ('agreement.kind', NEW."kind", 1)
  ON CONFLICT ("facet", "bucket") DO UPDATE SET "count" = "count" + excluded."count";
END;

CREATE TRIGGER "StatCount_Delegation_insert" AFTER INSERT ON "Delegation" BEGIN
  INSERT INTO "StatCount" ("facet", "bucket", "count") VALUES ('delegation', '', 1)
  ON CONFLICT ("facet", "bucket") DO UPDATE SET "count" = "count" + excluded."count";
END;

CREATE TRIGGER "StatCount_Delegation_delete" AFTER DELETE ON "Delegation" BEGIN
  INSERT INTO "StatCount" ("facet", "bucket", "count") VALUES ('delegation', '', -1)
  ON CONFLICT ("facet", "bucket") DO UPDATE SET "count" = "count" + excluded."count";
END;

-- delegation.visited counts delegations with at least one visit: a visit adds one when it is its
-- delegation's only visit, and removing a visit takes one when its delegation has none left (the
-- cascade from a deleted delegation included). A delegation's trip names each country once.
CREATE TRIGGER "StatCount_DelegationVisit_insert" AFTER INSERT ON "DelegationVisit" BEGIN
  INSERT INTO "StatCount" ("facet", "bucket", "count") VALUES
    ('visit.country', CAST(NEW."countryId" AS TEXT), 1),
    ('delegation.visited', '', (SELECT count(*) = 1 FROM "DelegationVisit" WHERE "delegationId" = NEW."delegationId"))
  ON CONFLICT ("facet", "bucket") DO UPDATE SET "count" = "count" + excluded."count";
END;

CREATE TRIGGER "StatCount_DelegationVisit_delete" AFTER DELETE ON "DelegationVisit" BEGIN
  INSERT INTO "StatCount" ("facet", "bucket", "count") VALUES
    ('visit.country', CAST(OLD."countryId" AS TEXT), -1),
    ('delegation.visited', '', -(NOT EXISTS (SELECT 1 FROM "DelegationVisit" WHERE "delegationId" = OLD."delegationId")))
  ON CONFLICT ("facet", "bucket") DO UPDATE SET "count" = "count" + excluded."count";
END;

CREATE TRIGGER "StatCount_DelegationVisit_country" AFTER UPDATE OF "countryId" ON "DelegationVisit" BEGIN
  INSERT INTO "StatCount" ("facet", "bucket", "count") VALUES
    ('visit.country', CAST(OLD."countryId" AS TEXT), -1),
    ('visit.country', CAST(NEW."countryId" AS TEXT), 1)
  ON CONFLICT ("facet", "bucket") DO UPDATE SET "count" = "count" + excluded."count";
END;

CREATE TRIGGER "StatCount_DelegationVisit_delegation" AFTER UPDATE OF "delegationId" ON "DelegationVisit"
WHEN OLD."delegationId" IS NOT NEW."delegationId" BEGIN
  INSERT INTO "StatCount" ("facet", "bucket", "count") VALUES
    ('delegation.visited', '', -(NOT EXISTS (SELECT 1 FROM "DelegationVisit" WHERE "delegationId" = OLD."delegationId"))),
    ('delegation.visited', '', (SELECT count(*) = 1 FROM "DelegationVisit" WHERE "delegationId" = NEW."delegationId"))
  ON CONFLICT ("facet", "bucket") DO UPDATE SET "count" = "count" + excluded."count";
END;

-- The counts of the records already there.
INSERT INTO "StatCount" ("facet", "bucket", "count")
SELECT 'event.country', coalesce(CAST("countryId" AS TEXT), ''), count(*) FROM "Event" GROUP BY 2
UNION ALL SELECT 'event.city', coalesce(CAST("cityId" AS TEXT), ''), count(*) FROM "Event" GROUP BY 2
UNION ALL SELECT 'event.kind', "kind", count(*) FROM "Event" GROUP BY 2
UNION ALL SELECT 'event.month', coalesce(substr("startDate", 1, 7), ''), count(*) FROM "Event" GROUP BY 2
UNION ALL SELECT 'agreement.country', coalesce(CAST("countryId" AS TEXT), ''), count(*) FROM "Agreement" GROUP BY 2
UNION ALL SELECT 'agreement.kind', "kind", count(*) FROM "Agreement" GROUP BY 2
UNION ALL SELECT 'visit.country', CAST("countryId" AS TEXT), count(*) FROM "DelegationVisit" GROUP BY 2
UNION ALL SELECT 'delegation', '', count(*) FROM "Delegation"
UNION ALL SELECT 'delegation.visited', '', count(DISTINCT "delegationId") FROM "DelegationVisit";
