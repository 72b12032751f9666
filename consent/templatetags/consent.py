from django import template
from django.apps import apps

register = template.Library()

# Receipts are append-only: those written before a model was renamed keep its old name.
RENAMED = {"Pregnancy": "Card"}  # healthcard migration 0008


def _model_named(model_name: str):
    """The erased kind's model, in the apps that erase on withdrawal (consent.erasure)."""
    for app_label in ("healthcard", "notifications"):
        try:
            return apps.get_model(app_label, model_name)
        except LookupError:
            continue
    return None


@register.filter
def erased_items(erased: dict) -> list[tuple[str, int]]:
    """A withdrawal receipt's counts with each kind of entry named in the page's language."""
    items = []
    for model_name, count in erased.items():
        model = _model_named(RENAMED.get(model_name, model_name))
        items.append((model._meta.verbose_name_plural if model else model_name, count))
    return items
