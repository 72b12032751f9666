"""The consent gate of the clinician API, read in one hand-written query."""

import pytest

from consent.selectors import consenting_woman
from consent.services import give_consent, withdraw_consent
from portal.models import User
from tests.factories import WomanFactory

pytestmark = pytest.mark.django_db


class TestConsentingCitizen:
    def test_a_woman_who_has_consented_is_found_whole(self):
        woman = WomanFactory()
        found = consenting_woman(national_id=woman.national_id)
        orm = User.objects.get(pk=woman.pk)
        assert [getattr(found, f.attname) for f in User._meta.concrete_fields] == [
            getattr(orm, f.attname) for f in User._meta.concrete_fields
        ]

    def test_after_withdrawing_she_is_not_found_and_after_consenting_again_she_is(self):
        woman = WomanFactory()
        withdraw_consent(woman=woman)
        assert consenting_woman(national_id=woman.national_id) is None
        give_consent(woman=woman)
        assert consenting_woman(national_id=woman.national_id) == woman

    def test_a_woman_who_never_answered_is_not_found(self):
        woman = WomanFactory(consented=False)
        assert consenting_woman(national_id=woman.national_id) is None

    def test_an_unknown_number_is_not_found(self):
        WomanFactory()
        assert consenting_woman(national_id="01019012345") is None

    def test_another_womans_consent_does_not_count(self):
        WomanFactory()
        never = WomanFactory(consented=False)
        assert consenting_woman(national_id=never.national_id) is None
