"""One word for the card: the model Pregnancy is Card, and every part's link to it is `card`
(README glossary). PostgreSQL renames tables and columns in place; no row is rewritten."""

from django.conf import settings
from django.db import migrations, models

SECTIONS = [
    "beforepregnancy", "birthwishes", "currentpregnancy", "heredity", "medicalconditions",
    "medication", "motherdetails", "previouspregnancies", "rhesusnegative",
]  # fmt: skip
LISTS = [
    "birthoutcome", "careteammember", "clinicalnote", "consultation", "fundalheight",
    "labresult", "lifestylefactor", "ultrasound",
]  # fmt: skip


def link_to_the_card(part: str) -> migrations.AlterField:
    """The renamed link, now also called "card" in forms and errors."""
    if part in SECTIONS:
        field = models.OneToOneField(
            "healthcard.card", models.CASCADE, related_name="%(class)s", verbose_name="card"
        )
    else:
        field = models.ForeignKey(
            "healthcard.card", models.CASCADE, related_name="%(class)ss", verbose_name="card"
        )
    return migrations.AlterField(model_name=part, name="card", field=field)


def rename_permissions(apps, schema_editor, old="pregnancy", new="card"):
    """The midwife group's permissions keep their rows, under the model's new name."""
    Permission = apps.get_model("auth", "Permission")
    for action in ("add", "change", "delete", "view"):
        Permission.objects.filter(
            content_type__app_label="healthcard", codename=f"{action}_{old}"
        ).update(codename=f"{action}_{new}")


def restore_permissions(apps, schema_editor):
    rename_permissions(apps, schema_editor, old="card", new="pregnancy")


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("healthcard", "0007_bounds_on_the_models"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RenameModel("Pregnancy", "Card"),
        migrations.AlterModelOptions(
            name="card",
            options={
                "ordering": ["-created_at"],
                "verbose_name": "health card",
                "verbose_name_plural": "health cards",
            },
        ),
        migrations.AlterField(
            model_name="card",
            name="woman",
            field=models.ForeignKey(
                on_delete=models.deletion.PROTECT,
                related_name="cards",
                to=settings.AUTH_USER_MODEL,
                verbose_name="woman",
            ),
        ),
        migrations.RenameField("accessevent", "pregnancy_id", "card_id"),
        migrations.RenameField("entryrevision", "pregnancy", "card"),
        *[migrations.RenameField(part, "pregnancy", "card") for part in SECTIONS + LISTS],
        *[link_to_the_card(part) for part in SECTIONS + LISTS],
        migrations.RunPython(rename_permissions, restore_permissions),
    ]
