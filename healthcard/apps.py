from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

MIDWIFE_GROUP = "Jordmor"
# What a midwife may do in the administration: find and read a card (view) and record on it
# (change). Adding and deleting cards are not hers to do.
MIDWIFE_PERMISSIONS = ("view_card", "change_card")


def ensure_midwife_group(sender, **kwargs) -> None:
    """The "Jordmor" group exists after every migrate, with exactly its permissions."""
    from django.contrib.auth.management import create_permissions
    from django.contrib.auth.models import Group, Permission

    create_permissions(sender, verbosity=0)  # the card's own may not exist yet on a first run
    group, _created = Group.objects.get_or_create(name=MIDWIFE_GROUP)
    group.permissions.set(
        Permission.objects.filter(
            content_type__app_label="healthcard", codename__in=MIDWIFE_PERMISSIONS
        )
    )


class HealthcardConfig(AppConfig):
    name = "healthcard"
    verbose_name = _("Health card")

    def ready(self) -> None:
        from consent import erasure

        from .services import erase_card_data
        from .views import copies_before_withdrawal

        post_migrate.connect(ensure_midwife_group, sender=self)
        erasure.register(erasure.Eraser("healthcard", erase_card_data, copies_before_withdrawal))
