from django import template
from django.apps import apps

register = template.Library()

# Receipts are append-only: those written before a model was renamed keep its old name.
RENAMED = {"Pregnancy": "Card"}  # healthcard migration 0008


@register.filter
def erased_items(erased: dict) -> list[tuple[str, int]]:
    """A withdrawal receipt's counts with each kind of entry named in the page's language."""
    items = []
    for model_name, count in erased.items():
        try:
            model = apps.get_model("healthcard", RENAMED.get(model_name, model_name))
        except LookupError:
            items.append((model_name, count))
            continue
        items.append((model._meta.verbose_name_plural, count))
    return items
