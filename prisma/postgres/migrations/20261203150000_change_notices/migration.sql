-- Change notices for the replicas' response caches (written by hand: Prisma's diff ignores functions and
-- triggers). Every statement that writes a table notifies `data_changed` with the table's name; PostgreSQL
-- delivers it to every listening connection when the transaction commits (once per table and transaction,
-- nothing for a rollback). Each replica listens on one connection and drops its cached responses
-- (src/db/change-feed.ts). A table added later needs the trigger too: test/postgres-replicas.test.ts checks
-- that every table has it.
CREATE FUNCTION dg_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('data_changed', TG_TABLE_NAME);
  RETURN NULL;
END $$;

DO $$
DECLARE
  t text;
BEGIN
  FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations' LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION dg_notify_change()', t || '_notify_change', t);
  END LOOP;
END $$;
