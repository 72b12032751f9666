"""Hand-written SQL for the few queries every request makes.

Loading the session, the logged-in user and the card's version happens on every page view and
API read. Built by the ORM each cost 0.4-3 ms of Python for a query PostgreSQL answers in
~0.1 ms: more than the rest of a page served from the cache (PERFORMANCE.md). These few
queries are written in SQL and their rows turned into model instances here; everything else
uses the ORM.
"""

import functools

from django.db import connections, router
from django.db.models import Model


def fetch_instance(model: type[Model], sql: str, params: list) -> Model | None:
    """The first row of `sql` as an instance of `model`, or None. Columns named after the
    model's fields (their attnames) fill them; any other column becomes an attribute."""
    database = router.db_for_read(model)
    with connections[database].cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
        names = tuple(column.name for column in cursor.description)
    if row is None:
        return None
    field_positions, extra_positions = _layout(model, names)
    instance = model.from_db(
        database,
        [names[i] for i in field_positions],
        [row[i] for i in field_positions],
    )
    for i in extra_positions:
        setattr(instance, names[i], row[i])
    return instance


@functools.cache
def _layout(model: type[Model], names: tuple[str, ...]) -> tuple[list[int], list[int]]:
    """Which columns are fields (in the model's field order, as from_db wants them) and
    which are extra. Fields that convert their database value (JSON, for one) are refused:
    this path does not run converters."""
    fields = {field.attname: field for field in model._meta.concrete_fields}
    for name in names:
        if name in fields and hasattr(fields[name], "from_db_value"):
            raise TypeError(f"{model.__name__}.{name} needs the ORM's conversion")
    order = {attname: i for i, attname in enumerate(fields)}
    field_positions = sorted(
        (i for i, n in enumerate(names) if n in fields), key=lambda i: order[names[i]]
    )
    extra_positions = [i for i, n in enumerate(names) if n not in fields]
    return field_positions, extra_positions
