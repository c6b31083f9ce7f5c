"""SECURITY S12: the application cannot rewrite the audit trail.

A row-level trigger raises on every UPDATE or DELETE of audit_auditevent, whoever issues it
(the ORM, raw SQL, the admin). Removing rows for retention needs a migration or a superuser
session that disables the trigger deliberately, which leaves its own trace.

TRUNCATE is not blocked here: the test suite's transactional tests empty every table with
TRUNCATE between tests. In production the application role should not own the table (then it
cannot TRUNCATE or drop the trigger either); see README.
"""

from django.db import migrations

FORWARD = """
CREATE OR REPLACE FUNCTION audit_event_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit events are append-only (% refused)', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_event_append_only
    BEFORE UPDATE OR DELETE ON audit_auditevent
    FOR EACH ROW EXECUTE FUNCTION audit_event_refuse_change();
"""

BACKWARD = """
DROP TRIGGER IF EXISTS audit_event_append_only ON audit_auditevent;
DROP FUNCTION IF EXISTS audit_event_refuse_change();
"""


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
