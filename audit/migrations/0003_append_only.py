"""The audit is append-only in the database too (PostgreSQL, as in production and CI): an UPDATE or a
DELETE of an audit row fails, whoever issues it, except
- the actor set to NULL when that user is deleted (LogEntry.actor is SET_NULL; actor_email stays), and
- the retention purge (audit.search.purge_older_than), which says `SET LOCAL audit.purge = 'on'` first.
TRUNCATE (the test runner's flush) is not a row operation and is not affected. Other databases (the
SQLite of development) rely on the portal and the admin offering no way to change the rows."""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION audit_logentry_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF current_setting('audit.purge', true) = 'on' THEN
            RETURN OLD;
        END IF;
    ELSIF NEW.actor_id IS NULL AND (to_jsonb(NEW) - 'actor_id') = (to_jsonb(OLD) - 'actor_id') THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit rows are append-only (%% of auditlog_logentry %%)', TG_OP, OLD.id
        USING ERRCODE = 'insufficient_privilege';
END
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS auditlog_logentry_append_only ON auditlog_logentry;
CREATE TRIGGER auditlog_logentry_append_only BEFORE UPDATE OR DELETE ON auditlog_logentry
    FOR EACH ROW EXECUTE FUNCTION audit_logentry_append_only();
"""
DROP = """
DROP TRIGGER IF EXISTS auditlog_logentry_append_only ON auditlog_logentry;
DROP FUNCTION IF EXISTS audit_logentry_append_only();
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_security_officers"), ("auditlog", "0017_add_actor_email")]
    operations = [migrations.RunPython(create, drop)]
