from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HealthcardConfig(AppConfig):
    name = "healthcard"
    verbose_name = _("Health card")
