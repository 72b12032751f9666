from decimal import Decimal

from django import template
from django.utils import formats
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from healthcard.clinical.explanations import EXPLANATIONS
from healthcard.clinical.guideline import PLAIN_TEST_NAMES

register = template.Library()


@register.filter
def tristate(value) -> str:
    """A card boolean: yes, no, or not recorded (None)."""
    if value is None:
        return _("Not recorded")
    return _("Yes") if value else _("No")


@register.filter
def test_name(result) -> str:
    """A lab result's test in plain words (its own display for a test not in the programme)."""
    return str(PLAIN_TEST_NAMES.get(result.code, result.display))


@register.inclusion_tag("components/explain.html", takes_context=True)
def explain(context, key: str, name: str = "") -> dict:
    """A short explanation she can open: what it is, why, what is normal. Nothing for a test
    outside the programme, nor on a clinician's page (the words are hers). name tells a
    screen reader which of the "What is this?" it is."""
    explanation = EXPLANATIONS.get(key)
    if explanation is None or context.get("for_clinician"):
        return {}
    return {"explanation": explanation, "normal": explanation.normal_text(), "name": name}


# The consultation table's columns, explained together under it.
MEASURES = (
    ("gestational_age", _lazy("Week")),
    ("weight", _lazy("Weight")),
    ("blood_pressure", _lazy("Blood pressure")),
    ("urine_protein", _lazy("Urine protein")),
    ("oedema", _lazy("Oedema")),
    ("NOR05172", "Hb"),
    ("baby", _lazy("Baby")),
)


@register.inclusion_tag("components/explain_measures.html")
def explain_measures() -> dict:
    return {
        "measures": [
            (label, EXPLANATIONS[key], EXPLANATIONS[key].normal_text()) for key, label in MEASURES
        ]
    }


@register.filter
def written(value) -> str:
    """Free text as the record system wrote it: Norwegian, whatever her page's language, so
    a screen reader reads it with a Norwegian voice (WCAG 3.1.2, language of parts)."""
    if value in (None, ""):
        return ""
    return format_html('<span lang="no">{}</span>', value)


# Units as they are written in Norway: micrograms with µ, not the laboratory's ASCII "ug".
UNITS = {"ug/L": "µg/L", "umol/L": "µmol/L"}


@register.filter
def unit(value: str) -> str:
    return UNITS.get(value, value)


@register.filter
def protein(consultation) -> str:
    """Protein in the urine as she reads it: "Negative" in words (the card's code says Neg)."""
    if consultation.urine_protein == "T008":
        return _("Negative")
    return consultation.get_urine_protein_display()


@register.filter
def oedema(value) -> str:
    """The paper card's oedema grade (0–3) in words."""
    if value is None:
        return ""
    return {
        0: _("None"),
        1: _("A little (+)"),
        2: _("Moderate (++)"),
        3: _("Much (+++)"),
    }.get(value, str(value))


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
