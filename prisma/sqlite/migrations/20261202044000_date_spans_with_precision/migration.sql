-- Dates may now be a month (2023-09) or a year (2023) as well as a day. The longest-span rows of StatCount
-- (20261129152233_longest_spans) measured julianday(end) - julianday(start) on the stored text, which for a
-- month reads NULL (counted as a century, which turns the filters' start bound off) and for a year reads a
-- Julian day number (a negative span, which hid records from date filters). Spans are now measured from the
-- first day a start can mean to the last day the end (or, without one, the start) can mean, so a month
-- alone spans its days. Agreements' and images' single dates get the same bound (a month or a year spans its
-- days; a day, none), so their date filters keep a plain range on their indexes.
DROP TRIGGER "StatCount_Event_span_insert";
DROP TRIGGER "StatCount_Event_span_update";
DROP TRIGGER "StatCount_Delegation_span_insert";
DROP TRIGGER "StatCount_Delegation_span_update";

CREATE TRIGGER "StatCount_Event_span_insert" AFTER INSERT ON "Event"
WHEN NEW."startDate" IS NOT NULL AND (NEW."endDate" IS NOT NULL OR length(NEW."startDate") < 10) BEGIN
  INSERT INTO "StatCount" ("facet", "bucket", "count") VALUES ('event.longest', '', max(0, coalesce(CAST(julianday((CASE length(coalesce(NEW."endDate", NEW."startDate")) WHEN 4 THEN coalesce(NEW."endDate", NEW."startDate") || '-12-31' WHEN 7 THEN date(coalesce(NEW."endDate", NEW."startDate") || '-01', '+1 month', '-1 day') ELSE coalesce(NEW."endDate", NEW."startDate") END)) - julianday((CASE length(NEW."startDate") WHEN 4 THEN NEW."startDate" || '-01-01' WHEN 7 THEN NEW."startDate" || '-01' ELSE NEW."startDate" END)) AS INTEGER), 36525)))
  ON CONFLICT ("facet", "bucket") DO UPDATE SET "count" = max("count", excluded."count");
END;

CREATE TRIGGER "StatCount_Event_span_update" AFTER UPDATE OF "startDate", "endDate" ON "Event"
WHEN NEW."startDate" IS NOT NULL AND (NEW."endDate" IS NOT NULL OR length(NEW."startDate") < 10) BEGIN
  INSERT INTO "StatCount" ("facet", "bucket", "count") VALUES ('event.longest', '', max(0, coalesce(CAST(julianday((CASE length(coalesce(NEW."endDate", NEW."startDate")) WHEN 4 THEN coalesce(NEW."endDate", NEW."startDate") || '-12-31' WHEN 7 THEN date(coalesce(NEW."endDate", NEW."startDate") || '-01', '+1 month', '-1 day') ELSE coalesce(NEW."endDate", NEW."startDate") END)) - julianday((CASE length(NEW."startDate") WHEN 4 THEN NEW."startDate" || '-01-01' WHEN 7 THEN NEW."startDate" || '-01' ELSE NEW."startDate" END)) AS INTEGER), 36525)))
  ON CONFLICT ("facet", "bucket") DO UPDATE SET "count" = max("count", excluded."count");
END;

CREATE TRIGGER "StatCount_Delegation_span_insert" AFTER INSERT ON "Delegation"
WHEN NEW."startDate" IS NOT NULL AND (NEW."endDate" IS NOT NULL OR length(NEW."startDate") < 10) BEGIN
  INSERT INTO "StatCount" ("facet", "bucket", "count") VALUES ('delegation.longest', '', max(0, coalesce(CAST(julianday((CASE length(coalesce(NEW."endDate", NEW."startDate")) WHEN 4 THEN coalesce(NEW."endDate", NEW."startDate") || '-12-31' WHEN 7 THEN date(coalesce(NEW."endDate", NEW."startDate") || '-01', '+1 month', '-1 day') ELSE coalesce(NEW."endDate", NEW."startDate") END)) - julianday((CASE length(NEW."startDate") WHEN 4 THEN NEW."startDate" || '-01-01' WHEN 7 THEN NEW."startDate" || '-01' ELSE NEW."startDate" END)) AS INTEGER), 36525)))
  ON CONFLICT ("facet", "bucket") DO UPDATE SET "count" = max("count", excluded."count");
END;

CREATE TRIGGER "StatCount_Delegation_span_update" AFTER UPDATE OF "startDate", "endDate" ON "Delegation"
WHEN NEW."startDate" IS NOT NULL AND (NEW."endDate" IS NOT NULL OR length(NEW."startDate") < 10) BEGIN
  INSERT INTO "StatCount" ("facet", "bucket", "count") VALUES ('delegation.longest', '', max(0, coalesce(CAST(julianday((CASE length(coalesce(NEW."endDate", NEW."startDate")) WHEN 4 THEN coalesce(NEW."endDate", NEW."startDate") || '-12-31' WHEN 7 THEN date(coalesce(NEW."endDate", NEW."startDate") || '-01', '+1 month', '-1 day') ELSE coalesce(NEW."endDate", NEW."startDate") END)) - julianday((CASE length(NEW."startDate") WHEN 4 THEN NEW."startDate" || '-01-01' WHEN 7 THEN NEW."startDate" || '-01' ELSE NEW."startDate" END)) AS INTEGER), 36525)))
  ON CONFLICT ("facet", "bucket") DO UPDATE SET "count" = max("count", excluded."count");
END;

CREATE TRIGGER "StatCount_Agreement_span_insert" AFTER INSERT ON "Agreement"
WHEN length(NEW."signedOn") < 10 BEGIN
  INSERT INTO "StatCount" ("facet", "bucket", "count") VALUES ('agreement.longest', '', max(0, coalesce(CAST(julianday((CASE length(NEW."signedOn") WHEN 4 THEN NEW."signedOn" || '-12-31' WHEN 7 THEN date(NEW."signedOn" || '-01', '+1 month', '-1 day') ELSE NEW."signedOn" END)) - julianday((CASE length(NEW."signedOn") WHEN 4 THEN NEW."signedOn" || '-01-01' WHEN 7 THEN NEW."signedOn" || '-01' ELSE NEW."signedOn" END)) AS INTEGER), 36525)))
  ON CONFLICT ("facet", "bucket") DO UPDATE SET "count" = max("count", excluded."count");
END;

CREATE TRIGGER "StatCount_Agreement_span_update" AFTER UPDATE OF "signedOn" ON "Agreement"
WHEN length(NEW."signedOn") < 10 BEGIN
  INSERT INTO "StatCount" ("facet", "bucket", "count") VALUES ('agreement.longest', '', max(0, coalesce(CAST(julianday((CASE length(NEW."signedOn") WHEN 4 THEN NEW."signedOn" || '-12-31' WHEN 7 THEN date(NEW."signedOn" || '-01', '+1 month', '-1 day') ELSE NEW."signedOn" END)) - julianday((CASE length(NEW."signedOn") WHEN 4 THEN NEW."signedOn" || '-01-01' WHEN 7 THEN NEW."signedOn" || '-01' ELSE NEW."signedOn" END)) AS INTEGER), 36525)))
  ON CONFLICT ("facet", "bucket") DO UPDATE SET "count" = max("count", excluded."count");
END;

CREATE TRIGGER "StatCount_Image_span_insert" AFTER INSERT ON "Image"
WHEN length(NEW."takenOn") < 10 BEGIN
  INSERT INTO "StatCount" ("facet", "bucket", "count") VALUES ('image.longest', '', max(0, coalesce(CAST(julianday((CASE length(NEW."takenOn") WHEN 4 THEN NEW."takenOn" || '-12-31' WHEN 7 THEN date(NEW."takenOn" || '-01', '+1 month', '-1 day') ELSE NEW."takenOn" END)) - julianday((CASE length(NEW."takenOn") WHEN 4 THEN NEW."takenOn" || '-01-01' WHEN 7 THEN NEW."takenOn" || '-01' ELSE NEW."takenOn" END)) AS INTEGER), 36525)))
  ON CONFLICT ("facet", "bucket") DO UPDATE SET "count" = max("count", excluded."count");
END;

CREATE TRIGGER "StatCount_Image_span_update" AFTER UPDATE OF "takenOn" ON "Image"
WHEN length(NEW."takenOn") < 10 BEGIN
  INSERT INTO "StatCount" ("facet", "bucket", "count") VALUES ('image.longest', '', max(0, coalesce(CAST(julianday((CASE length(NEW."takenOn") WHEN 4 THEN NEW."takenOn" || '-12-31' WHEN 7 THEN date(NEW."takenOn" || '-01', '+1 month', '-1 day') ELSE NEW."takenOn" END)) - julianday((CASE length(NEW."takenOn") WHEN 4 THEN NEW."takenOn" || '-01-01' WHEN 7 THEN NEW."takenOn" || '-01' ELSE NEW."takenOn" END)) AS INTEGER), 36525)))
  ON CONFLICT ("facet", "bucket") DO UPDATE SET "count" = max("count", excluded."count");
END;

-- The spans of the records already there (a running maximum: recomputed from scratch here).
DELETE FROM "StatCount" WHERE "facet" IN ('event.longest', 'delegation.longest', 'agreement.longest', 'image.longest');
INSERT INTO "StatCount" ("facet", "bucket", "count")
SELECT 'event.longest', '', coalesce(max(max(0, coalesce(CAST(julianday((CASE length(coalesce("Event"."endDate", "Event"."startDate")) WHEN 4 THEN coalesce("Event"."endDate", "Event"."startDate") || '-12-31' WHEN 7 THEN date(coalesce("Event"."endDate", "Event"."startDate") || '-01', '+1 month', '-1 day') ELSE coalesce("Event"."endDate", "Event"."startDate") END)) - julianday((CASE length("Event"."startDate") WHEN 4 THEN "Event"."startDate" || '-01-01' WHEN 7 THEN "Event"."startDate" || '-01' ELSE "Event"."startDate" END)) AS INTEGER), 36525))), 0) FROM "Event" WHERE "Event"."startDate" IS NOT NULL AND ("Event"."endDate" IS NOT NULL OR length("Event"."startDate") < 10)
UNION ALL
SELECT 'delegation.longest', '', coalesce(max(max(0, coalesce(CAST(julianday((CASE length(coalesce("Delegation"."endDate", "Delegation"."startDate")) WHEN 4 THEN coalesce("Delegation"."endDate", "Delegation"."startDate") || '-12-31' WHEN 7 THEN date(coalesce("Delegation"."endDate", "Delegation"."startDate") || '-01', '+1 month', '-1 day') ELSE coalesce("Delegation"."endDate", "Delegation"."startDate") END)) - julianday((CASE length("Delegation"."startDate") WHEN 4 THEN "Delegation"."startDate" || '-01-01' WHEN 7 THEN "Delegation"."startDate" || '-01' ELSE "Delegation"."startDate" END)) AS INTEGER), 36525))), 0) FROM "Delegation" WHERE "Delegation"."startDate" IS NOT NULL AND ("Delegation"."endDate" IS NOT NULL OR length("Delegation"."startDate") < 10)
UNION ALL
SELECT 'agreement.longest', '', coalesce(max(max(0, coalesce(CAST(julianday((CASE length("Agreement"."signedOn") WHEN 4 THEN "Agreement"."signedOn" || '-12-31' WHEN 7 THEN date("Agreement"."signedOn" || '-01', '+1 month', '-1 day') ELSE "Agreement"."signedOn" END)) - julianday((CASE length("Agreement"."signedOn") WHEN 4 THEN "Agreement"."signedOn" || '-01-01' WHEN 7 THEN "Agreement"."signedOn" || '-01' ELSE "Agreement"."signedOn" END)) AS INTEGER), 36525))), 0) FROM "Agreement" WHERE length("Agreement"."signedOn") < 10
UNION ALL
SELECT 'image.longest', '', coalesce(max(max(0, coalesce(CAST(julianday((CASE length("Image"."takenOn") WHEN 4 THEN "Image"."takenOn" || '-12-31' WHEN 7 THEN date("Image"."takenOn" || '-01', '+1 month', '-1 day') ELSE "Image"."takenOn" END)) - julianday((CASE length("Image"."takenOn") WHEN 4 THEN "Image"."takenOn" || '-01-01' WHEN 7 THEN "Image"."takenOn" || '-01' ELSE "Image"."takenOn" END)) AS INTEGER), 36525))), 0) FROM "Image" WHERE length("Image"."takenOn") < 10;
