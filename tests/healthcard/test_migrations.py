"""A migration keeps what is already stored: the card's rename (0008) moves every row with it,
and the midwife group keeps its permissions."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("healthcard", "0007_bounds_on_the_models")]
AFTER = [("healthcard", "0008_the_card")]


def migrate(healthcard_at):
    """The database with the card's app at this migration and every other app at its latest;
    the models as they were then."""
    executor = MigrationExecutor(connection)
    others = [leaf for leaf in executor.loader.graph.leaf_nodes() if leaf[0] != "healthcard"]
    targets = [*others, *healthcard_at]
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def back_to_latest():
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_the_card_rename_keeps_every_card_entry_and_permission(back_to_latest):
    old = migrate(BEFORE)
    woman = old.get_model("portal", "User").objects.create(username="kari", national_id="1")
    card = old.get_model("healthcard", "Pregnancy").objects.create(woman=woman)
    old.get_model("healthcard", "Consultation").objects.create(
        pregnancy=card,
        date="2026-11-01",
        weeks=20,
        days=0,
        recorded_at="2026-11-01T10:00Z",
        recorded_by_type="health_personnel",
        recorded_by_name="Jorunn Jordmor",
    )
    old.get_model("healthcard", "AccessEvent").objects.create(
        woman=woman, pregnancy_id=card.pk, channel="api", action="read", section="record"
    )
    permission = old.get_model("auth", "Permission").objects.get(codename="view_pregnancy")

    new = migrate(AFTER)
    [moved] = new.get_model("healthcard", "Card").objects.filter(woman_id=woman.pk)
    assert moved.pk == card.pk
    assert new.get_model("healthcard", "Consultation").objects.get().card_id == card.pk
    assert new.get_model("healthcard", "AccessEvent").objects.get().card_id == card.pk
    assert new.get_model("auth", "Permission").objects.get(pk=permission.pk).codename == "view_card"
