"""SECURITY S12: TRUNCATE of the audit trail is refused too.

The row-level trigger of 0002 does not fire on TRUNCATE, so a statement-level trigger refuses
it. The test suite empties every table with TRUNCATE between transactional tests: its
connections set the custom setting `cgrs.allow_audit_truncate=on` (cgrs/settings/test.py);
nothing else ever sets it. In production the application's role must not own the table and
has only INSERT and SELECT on it, so it can neither TRUNCATE nor drop these triggers (README,
"What an operator must set").
"""

from django.db import migrations

FORWARD = """
CREATE OR REPLACE FUNCTION audit_event_refuse_truncate() RETURNS trigger AS $$
BEGIN
    IF coalesce(current_setting('cgrs.allow_audit_truncate', true), '') = 'on' THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION 'audit events are append-only (TRUNCATE refused)'
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_event_no_truncate
    BEFORE TRUNCATE ON audit_auditevent
    FOR EACH STATEMENT EXECUTE FUNCTION audit_event_refuse_truncate();
"""

BACKWARD = """
DROP TRIGGER IF EXISTS audit_event_no_truncate ON audit_auditevent;
DROP FUNCTION IF EXISTS audit_event_refuse_truncate();
"""


class Migration(migrations.Migration):
    dependencies = [("audit", "0004_redaction_actions")]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
