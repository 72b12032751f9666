from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

MIDWIFE_GROUP = "Jordmor"
# What a clinician may do in the administration: find and read a card (view) and record on
# it (change), as a record system with the API's read and write scopes may; adding and
# deleting cards are nobody's. The municipal midwife, the GP and the hospital's midwives and
# obstetricians record the same card, so their roles have the same rights: what the API
# lets a clinician write, and no more.
CLINICIAN_PERMISSIONS = (("healthcard", "view_card"), ("healthcard", "change_card"))
# The staff administrator manages the staff's accounts; she reads no card unless she is
# also in a clinician's role (and is then logged as any clinician).
STAFF_ADMIN_PERMISSIONS = tuple(
    ("portal", f"{action}_user") for action in ("view", "add", "change")
) + (("auth", "view_group"),)
STAFF_ROLES = {
    MIDWIFE_GROUP: CLINICIAN_PERMISSIONS,
    "Fastlege": CLINICIAN_PERMISSIONS,
    "Sykehus: jordmor og fødselslege": CLINICIAN_PERMISSIONS,
    "Personaladministrator": STAFF_ADMIN_PERMISSIONS,
}


def ensure_staff_roles(sender, **kwargs) -> None:
    """The staff's groups exist after every migrate, each with exactly its permissions."""
    from django.apps import apps
    from django.contrib.auth.management import create_permissions
    from django.contrib.auth.models import Group, Permission
    from django.db.models import Q

    for app in ("auth", "portal", "healthcard"):  # they may not exist yet on a first run
        create_permissions(apps.get_app_config(app), verbosity=0)
    for name, permissions in STAFF_ROLES.items():
        group, _created = Group.objects.get_or_create(name=name)
        wanted = Q(pk__in=[])
        for app_label, codename in permissions:
            wanted |= Q(content_type__app_label=app_label, codename=codename)
        group.permissions.set(Permission.objects.filter(wanted))


class HealthcardConfig(AppConfig):
    name = "healthcard"
    verbose_name = _("Health card")

    def ready(self) -> None:
        from consent import erasure

        from .services import erase_card_data
        from .views import copies_before_withdrawal

        post_migrate.connect(ensure_staff_roles, sender=self)
        erasure.register(erasure.Eraser("healthcard", erase_card_data, copies_before_withdrawal))
