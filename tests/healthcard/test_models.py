import pytest
from django.db import IntegrityError, transaction

from healthcard.models import Card, MedicalConditions
from healthcard.templatetags.card import tristate
from tests.factories import CardFactory, CurrentPregnancyFactory, WomanFactory

pytestmark = pytest.mark.django_db


class TestOneActiveCard:
    def test_a_woman_cannot_have_two_active_cards(self):
        card = CardFactory()
        with pytest.raises(IntegrityError), transaction.atomic():
            Card.objects.create(woman=card.woman)

    def test_a_new_card_is_allowed_once_the_last_is_delivered(self):
        card = CardFactory()
        card.status = Card.Status.DELIVERED
        card.save()
        Card.objects.create(woman=card.woman)
        assert card.woman.cards.count() == 2

    def test_two_women_each_have_an_active_card(self):
        CardFactory(woman=WomanFactory())
        CardFactory(woman=WomanFactory())
        assert Card.objects.filter(status="active").count() == 2


class TestThreeStateBooleans:
    def test_not_recorded_yes_and_no_are_stored_distinctly(self):
        section = CurrentPregnancyFactory()
        MedicalConditions.objects.create(
            card=section.card,
            recorded_at=section.recorded_at,
            recorded_by_type="health_personnel",
            recorded_by_name="X",
            diabetes=True,
            epilepsy=False,
        )
        stored = MedicalConditions.objects.get()
        assert (stored.diabetes, stored.epilepsy, stored.heart_disease) == (True, False, None)

    def test_display_says_not_recorded_for_none(self):
        assert [tristate(True), tristate(False), tristate(None)] == ["Ja", "Nei", "Ikke registrert"]
