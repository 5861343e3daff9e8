-- Written by hand (triggers only; Prisma's diff ignores them). StatCount's `event.longest` and
-- `delegation.longest` rows hold the most days any event's or delegation trip's end has lain after its
-- start: a running maximum that writes raise and deletes leave alone, so it is always an upper bound.
-- Date filters turn it into a lower bound on the start date (shared/filters.ts, `overlaps`). A date
-- SQLite cannot read counts as a century, which disables that bound rather than hide a record.

CREATE TRIGGER "StatCount_Event_span_insert" AFTER INSERT ON "Event"
WHEN NEW."endDate" > NEW."startDate" BEGIN
  INSERT INTO "StatCount" ("facet", "bucket", "count") VALUES ('event.longest', '', coalesce(CAST(julianday(NEW."endDate") - julianday(NEW."startDate") AS INTEGER), 36525))
  ON CONFLICT ("facet", "bucket") DO UPDATE SET "count" = max("count", excluded."count");
END;

CREATE TRIGGER "StatCount_Event_span_update" AFTER UPDATE OF "startDate", "endDate" ON "Event"
WHEN NEW."endDate" > NEW."startDate" BEGIN
  INSERT INTO "StatCount" ("facet", "bucket", "count") VALUES ('event.longest', '', coalesce(CAST(julianday(NEW."endDate") - julianday(NEW."startDate") AS INTEGER), 36525))
  ON CONFLICT ("facet", "bucket") DO UPDATE SET "count" = max("count", excluded."count");
END;

CREATE TRIGGER "StatCount_Delegation_span_insert" AFTER INSERT ON "Delegation"
WHEN NEW."endDate" > NEW."startDate" BEGIN
  INSERT INTO "StatCount" ("facet", "bucket", "count") VALUES ('delegation.longest', '', coalesce(CAST(julianday(NEW."endDate") - julianday(NEW."startDate") AS INTEGER), 36525))
  ON CONFLICT ("facet", "bucket") DO UPDATE SET "count" = max("count", excluded."count");
END;

CREATE TRIGGER "StatCount_Delegation_span_update" AFTER UPDATE OF "startDate", "endDate" ON "Delegation"
WHEN NEW."endDate" > NEW."startDate" BEGIN
  INSERT INTO "StatCount" ("facet", "bucket", "count") VALUES ('delegation.longest', '', coalesce(CAST(julianday(NEW."endDate") - julianday(NEW."startDate") AS INTEGER), 36525))
  ON CONFLICT ("facet", "bucket") DO UPDATE SET "count" = max("count", excluded."count");
END;

-- The spans of the records already there.
INSERT INTO "StatCount" ("facet", "bucket", "count")
SELECT 'event.longest', '', coalesce(max(coalesce(CAST(julianday("endDate") - julianday("startDate") AS INTEGER), 36525)), 0)
FROM "Event" WHERE "endDate" > "startDate"
UNION ALL
SELECT 'delegation.longest', '', coalesce(max(coalesce(CAST(julianday("endDate") - julianday("startDate") AS INTEGER), 36525)), 0)
FROM "Delegation" WHERE "endDate" > "startDate";
