-- Dates may now be a month (2023-09) or a year (2023) as well as a day (document version 2). The event.month
-- facet of the stats counts (20261129151732_stat_counts) took the first 7 characters of startDate, which for
-- a year alone is the year: such an event's month is unknown, counted under '' like an event without a date.
-- The three Event triggers are re-created with that rule (hand-written: Prisma's diff ignores triggers).
DROP TRIGGER "StatCount_Event_insert";
DROP TRIGGER "StatCount_Event_delete";
DROP TRIGGER "StatCount_Event_update";

CREATE TRIGGER "StatCount_Event_insert" AFTER INSERT ON "Event" BEGIN
  INSERT INTO "StatCount" ("facet", "bucket", "count") VALUES
    ('event.country', coalesce(CAST(NEW."countryId" AS TEXT), ''), 1),
    ('event.city', coalesce(CAST(NEW."cityId" AS TEXT), ''), 1),
    ('event.kind', NEW."kind", 1),
    ('event.month', CASE WHEN length(NEW."startDate") >= 7 THEN substr(NEW."startDate", 1, 7) ELSE '' END, 1)
  ON CONFLICT ("facet", "bucket") DO UPDATE SET "count" = "count" + excluded."count";
END;

CREATE TRIGGER "StatCount_Event_delete" AFTER DELETE ON "Event" BEGIN
  INSERT INTO "StatCount" ("facet", "bucket", "count") VALUES
    ('event.country', coalesce(CAST(OLD."countryId" AS TEXT), ''), -1),
    ('event.city', coalesce(CAST(OLD."cityId" AS TEXT), ''), -1),
    ('event.kind', OLD."kind", -1),
    ('event.month', CASE WHEN length(OLD."startDate") >= 7 THEN substr(OLD."startDate", 1, 7) ELSE '' END, -1)
  ON CONFLICT ("facet", "bucket") DO UPDATE SET "count" = "count" + excluded."count";
END;

CREATE TRIGGER "StatCount_Event_update" AFTER UPDATE OF "countryId", "cityId", "kind", "startDate" ON "Event" BEGIN
  INSERT INTO "StatCount" ("facet", "bucket", "count") VALUES
    ('event.country', coalesce(CAST(OLD."countryId" AS TEXT), ''), -1),
    ('event.city', coalesce(CAST(OLD."cityId" AS TEXT), ''), -1),
    ('event.kind', OLD."kind", -1),
    ('event.month', CASE WHEN length(OLD."startDate") >= 7 THEN substr(OLD."startDate", 1, 7) ELSE '' END, -1),
    ('event.country', coalesce(CAST(NEW."countryId" AS TEXT), ''), 1),
    ('event.city', coalesce(CAST(NEW."cityId" AS TEXT), ''), 1),
    ('event.kind', NEW."kind", 1),
    ('event.month', CASE WHEN length(NEW."startDate") >= 7 THEN substr(NEW."startDate", 1, 7) ELSE '' END, 1)
  ON CONFLICT ("facet", "bucket") DO UPDATE SET "count" = "count" + excluded."count";
END;

-- Recount the facet for the events already there.
DELETE FROM "StatCount" WHERE "facet" = 'event.month';
INSERT INTO "StatCount" ("facet", "bucket", "count")
SELECT 'event.month', CASE WHEN length("startDate") >= 7 THEN substr("startDate", 1, 7) ELSE '' END, count(*) FROM "Event" GROUP BY 2;
