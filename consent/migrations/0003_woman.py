"""One word for her across the code: the consent event's citizen is the woman."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("consent", "0002_append_only_trigger")]

    operations = [
        migrations.RemoveConstraint(model_name="consentevent", name="one_event_per_submission"),
        migrations.RenameField(model_name="consentevent", old_name="citizen", new_name="woman"),
        migrations.AddConstraint(
            model_name="consentevent",
            constraint=models.UniqueConstraint(
                fields=("woman", "submission_id"), name="one_event_per_submission"
            ),
        ),
    ]
