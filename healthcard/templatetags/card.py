from decimal import Decimal

from django import template
from django.utils import formats
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def tristate(value) -> str:
    """A card boolean: yes, no, or not recorded (None)."""
    if value is None:
        return _("Not recorded")
    return _("Yes") if value else _("No")


@register.filter
def due_date_basis(basis: str) -> str:
    return {
        "corrected": _("corrected"),
        "ultrasound": _("set by ultrasound"),
        "last_period": _("calculated from your last period"),
    }.get(basis, "")


@register.filter
def sf_band(band: str) -> str:
    return {
        "below": _("below the 10th percentile"),
        "above": _("above the 90th percentile"),
        "within": _("within the normal range"),
        "outside_reference": _("outside the curve's weeks"),
    }.get(band, "")


@register.filter
def measurement(value):
    """A lab value without the trailing zeros its column's precision adds (12.80 -> 12,8)."""
    if value is None:
        return ""
    return formats.number_format(Decimal(format(value.normalize(), "f")))


@register.simple_tag(takes_context=True)
def alerts_on(context, entry) -> list:
    """The midwife's open alerts that this entry raised, to mark its row (her own pages
    carry advice instead, and have no alerts in their context)."""
    if not context.get("flag_entries"):
        return []
    return [a for a in context.get("alerts", ()) if not a.acknowledgement and entry in a.based_on]
