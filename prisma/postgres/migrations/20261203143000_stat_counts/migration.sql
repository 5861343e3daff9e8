-- Trigger-kept counts for stats (written by hand: Prisma's diff ignores functions and triggers), the PostgreSQL
-- twin of the SQLite migrations *_stat_counts, *_longest_spans, *_month_precision_dates and
-- *_date_spans_with_precision: the same facets and buckets, kept exact inside the writing transaction
-- whatever the write path.
--
-- Statement-level triggers over transition tables, not row triggers: PostgreSQL runs AFTER ROW triggers once
-- the whole statement is done, so a row trigger of a bulk insert of visits would see every visit of the
-- statement and miscount "delegations with a visit"; and one upsert may not touch a count row twice, so the
-- deltas of a statement are summed per bucket first (an update's -1 and +1 of an unchanged bucket cancel).

-- Adds deltas (facet, bucket, count) to StatCount, summed per bucket; rows that fall to 0 stay (the read skips them).
CREATE FUNCTION dg_add_counts(deltas "StatCount"[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO "StatCount" ("facet", "bucket", "count")
  SELECT d."facet", d."bucket", sum(d."count") FROM unnest(deltas) d GROUP BY 1, 2 HAVING sum(d."count") <> 0
  ON CONFLICT ("facet", "bucket") DO UPDATE SET "count" = "StatCount"."count" + excluded."count"
$$;

-- The first and the last day a date can mean: a year (2023), a month (2023-09) or a day (2023-09-14). NULL for
-- text that is no date.
CREATE FUNCTION dg_first_day(value text) RETURNS date LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  RETURN CASE length(value) WHEN 4 THEN (value || '-01-01')::date WHEN 7 THEN (value || '-01')::date ELSE value::date END;
EXCEPTION WHEN others THEN
  RETURN NULL;
END $$;

CREATE FUNCTION dg_last_day(value text) RETURNS date LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  RETURN CASE length(value) WHEN 4 THEN (value || '-12-31')::date WHEN 7 THEN ((value || '-01')::date + interval '1 month' - interval '1 day')::date ELSE value::date END;
EXCEPTION WHEN others THEN
  RETURN NULL;
END $$;

-- The days from the first day a start can mean to the last day the end (or, without one, the start) can mean,
-- for the records the longest-span bound covers (a start and an end, or a start that is a month or a year);
-- NULL for the others. A date that cannot be read counts as a century, which disables the bound rather than
-- hide a record (as on SQLite).
CREATE FUNCTION dg_span(start text, finish text) RETURNS integer LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN start IS NOT NULL AND (finish IS NOT NULL OR length(start) < 10)
    THEN greatest(0, coalesce(dg_last_day(coalesce(finish, start)) - dg_first_day(start), 36525)) END
$$;

-- Raises a running maximum (the `*.longest` rows): writes raise it, deletes leave it, so it is an upper bound.
CREATE FUNCTION dg_raise_longest(facet text, days integer) RETURNS void LANGUAGE sql AS $$
  INSERT INTO "StatCount" ("facet", "bucket", "count") SELECT facet, '', days WHERE days IS NOT NULL
  ON CONFLICT ("facet", "bucket") DO UPDATE SET "count" = greatest("StatCount"."count", excluded."count")
$$;

-- The buckets one row counts in, with its delta.
CREATE FUNCTION dg_event_counts(e "Event", delta integer) RETURNS SETOF "StatCount" LANGUAGE sql IMMUTABLE AS $$
  VALUES ('event.country', coalesce(e."countryId"::text, ''), delta),
         ('event.city', coalesce(e."cityId"::text, ''), delta),
         ('event.kind', e."kind"::text, delta),
         ('event.month', CASE WHEN length(e."startDate") >= 7 THEN substr(e."startDate", 1, 7) ELSE '' END, delta)
$$;

CREATE FUNCTION dg_agreement_counts(g "Agreement", delta integer) RETURNS SETOF "StatCount" LANGUAGE sql IMMUTABLE AS $$
  VALUES ('agreement.country', coalesce(g."countryId"::text, ''), delta),
         ('agreement.kind', g."kind"::text, delta)
$$;

CREATE FUNCTION "StatCount_Event"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM dg_add_counts(ARRAY(SELECT c FROM new_rows r, dg_event_counts(r, 1) c));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM dg_add_counts(ARRAY(SELECT c FROM old_rows r, dg_event_counts(r, -1) c));
  ELSE
    PERFORM dg_add_counts(ARRAY(SELECT c FROM old_rows r, dg_event_counts(r, -1) c) || ARRAY(SELECT c FROM new_rows r, dg_event_counts(r, 1) c));
  END IF;
  IF TG_OP <> 'DELETE' THEN
    PERFORM dg_raise_longest('event.longest', (SELECT max(dg_span(r."startDate", r."endDate")) FROM new_rows r));
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION "StatCount_Agreement"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM dg_add_counts(ARRAY(SELECT c FROM new_rows r, dg_agreement_counts(r, 1) c));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM dg_add_counts(ARRAY(SELECT c FROM old_rows r, dg_agreement_counts(r, -1) c));
  ELSE
    PERFORM dg_add_counts(ARRAY(SELECT c FROM old_rows r, dg_agreement_counts(r, -1) c) || ARRAY(SELECT c FROM new_rows r, dg_agreement_counts(r, 1) c));
  END IF;
  IF TG_OP <> 'DELETE' THEN
    PERFORM dg_raise_longest('agreement.longest', (SELECT max(dg_span(r."signedOn", NULL)) FROM new_rows r));
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION "StatCount_Delegation"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM dg_add_counts(ARRAY[ROW('delegation', '', (SELECT count(*) FROM new_rows))::"StatCount"]);
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM dg_add_counts(ARRAY[ROW('delegation', '', -(SELECT count(*) FROM old_rows))::"StatCount"]);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    PERFORM dg_raise_longest('delegation.longest', (SELECT max(dg_span(r."startDate", r."endDate")) FROM new_rows r));
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION "StatCount_Image"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM dg_raise_longest('image.longest', (SELECT max(dg_span(r."takenOn", NULL)) FROM new_rows r));
  RETURN NULL;
END $$;

-- visit.country counts visits per country; delegation.visited counts delegations with at least one visit.
-- For each delegation a statement touched: it had visits before the statement when (now - added + removed) > 0.
CREATE FUNCTION dg_visit_counts(added_to integer[], added_in integer[], removed_from integer[], removed_in integer[]) RETURNS void LANGUAGE sql AS $$
  SELECT dg_add_counts(
    ARRAY(SELECT ROW('visit.country', country::text, 1)::"StatCount" FROM unnest(added_in) country)
    || ARRAY(SELECT ROW('visit.country', country::text, -1)::"StatCount" FROM unnest(removed_in) country)
    || ARRAY(
      SELECT ROW('delegation.visited', '', (now > 0)::integer - (now - added + removed > 0)::integer)::"StatCount"
      FROM (
        SELECT t.delegation, sum(t.added) AS added, sum(t.removed) AS removed,
               (SELECT count(*) FROM "DelegationVisit" v WHERE v."delegationId" = t.delegation) AS now
        FROM (SELECT unnest(added_to) AS delegation, 1 AS added, 0 AS removed
              UNION ALL SELECT unnest(removed_from), 0, 1) t
        GROUP BY t.delegation
      ) touched
    )
  )
$$;

CREATE FUNCTION "StatCount_DelegationVisit"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM dg_visit_counts(ARRAY(SELECT "delegationId" FROM new_rows), ARRAY(SELECT "countryId" FROM new_rows), '{}', '{}');
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM dg_visit_counts('{}', '{}', ARRAY(SELECT "delegationId" FROM old_rows), ARRAY(SELECT "countryId" FROM old_rows));
  ELSE
    PERFORM dg_visit_counts(ARRAY(SELECT "delegationId" FROM new_rows), ARRAY(SELECT "countryId" FROM new_rows),
                            ARRAY(SELECT "delegationId" FROM old_rows), ARRAY(SELECT "countryId" FROM old_rows));
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "StatCount_Event_insert" AFTER INSERT ON "Event" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "StatCount_Event"();
CREATE TRIGGER "StatCount_Event_update" AFTER UPDATE ON "Event" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "StatCount_Event"();
CREATE TRIGGER "StatCount_Event_delete" AFTER DELETE ON "Event" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "StatCount_Event"();

CREATE TRIGGER "StatCount_Agreement_insert" AFTER INSERT ON "Agreement" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "StatCount_Agreement"();
CREATE TRIGGER "StatCount_Agreement_update" AFTER UPDATE ON "Agreement" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "StatCount_Agreement"();
CREATE TRIGGER "StatCount_Agreement_delete" AFTER DELETE ON "Agreement" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "StatCount_Agreement"();

CREATE TRIGGER "StatCount_Delegation_insert" AFTER INSERT ON "Delegation" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "StatCount_Delegation"();
CREATE TRIGGER "StatCount_Delegation_update" AFTER UPDATE ON "Delegation" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "StatCount_Delegation"();
CREATE TRIGGER "StatCount_Delegation_delete" AFTER DELETE ON "Delegation" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "StatCount_Delegation"();

CREATE TRIGGER "StatCount_Image_insert" AFTER INSERT ON "Image" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "StatCount_Image"();
CREATE TRIGGER "StatCount_Image_update" AFTER UPDATE ON "Image" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "StatCount_Image"();

CREATE TRIGGER "StatCount_DelegationVisit_insert" AFTER INSERT ON "DelegationVisit" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "StatCount_DelegationVisit"();
CREATE TRIGGER "StatCount_DelegationVisit_update" AFTER UPDATE ON "DelegationVisit" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "StatCount_DelegationVisit"();
CREATE TRIGGER "StatCount_DelegationVisit_delete" AFTER DELETE ON "DelegationVisit" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "StatCount_DelegationVisit"();
