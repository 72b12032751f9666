"""Consent events are append-only in the database itself: no UPDATE or DELETE, whoever asks."""

from django.db import migrations

CREATE = """
CREATE FUNCTION consent_event_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'consent events are append-only (% refused)', TG_OP;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER consent_event_append_only
    BEFORE UPDATE OR DELETE ON consent_consentevent
    FOR EACH ROW EXECUTE FUNCTION consent_event_append_only();
"""

DROP = """
DROP TRIGGER consent_event_append_only ON consent_consentevent;
DROP FUNCTION consent_event_append_only();
"""


class Migration(migrations.Migration):
    dependencies = [("consent", "0001_initial")]

    operations = [migrations.RunSQL(CREATE, DROP)]
