"""The access log is append-only in the database itself: no UPDATE or DELETE, whoever asks
(Normen: the log of who saw a patient's data must not be altered)."""

from django.db import migrations

CREATE = """
CREATE FUNCTION access_event_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'the access log is append-only (% refused)', TG_OP;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER access_event_append_only
    BEFORE UPDATE OR DELETE ON healthcard_accessevent
    FOR EACH ROW EXECUTE FUNCTION access_event_append_only();
"""

DROP = """
DROP TRIGGER access_event_append_only ON healthcard_accessevent;
DROP FUNCTION access_event_append_only();
"""


class Migration(migrations.Migration):
    dependencies = [("healthcard", "0003_entry_revisions")]

    operations = [migrations.RunSQL(CREATE, DROP)]
