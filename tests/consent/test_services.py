import threading
import time
import uuid

import pytest
from django.db import DatabaseError, connection, transaction

from consent import texts
from consent.models import AppendOnlyError, ConsentEvent
from consent.selectors import current_consent, has_active_consent
from consent.services import ConsentRequired, give_consent, withdraw_consent
from healthcard import services as card_services
from healthcard.demo import MIDWIFE, week_30_full_history
from healthcard.models import Card, Consultation, CurrentPregnancy
from tests.factories import CardFactory, ConsultationFactory, WomanFactory

pytestmark = pytest.mark.django_db


class TestGiveAndWithdraw:
    def test_giving_records_the_text_version_and_its_fingerprint(self, ingrid):
        event = give_consent(woman=ingrid, language="en")
        assert has_active_consent(woman=ingrid)
        assert (event.kind, event.text_version, event.language) == (
            "given",
            texts.CURRENT_VERSION,
            "en",
        )
        assert event.text_fingerprint == texts.fingerprint(texts.CURRENT_VERSION)

    def test_double_submit_records_one_event(self, ingrid):
        submission = uuid.uuid4()
        first = give_consent(woman=ingrid, submission_id=submission)
        again = give_consent(woman=ingrid, submission_id=submission)
        assert first.pk == again.pk
        give_consent(woman=ingrid)  # already given: nothing new
        assert ConsentEvent.objects.count() == 1

    def test_withdrawal_erases_the_card_and_keeps_the_history(self, kari):
        week_30_full_history(kari)
        event = withdraw_consent(woman=kari, reason="Flytter")

        assert not has_active_consent(woman=kari)
        assert not Card.objects.exists()
        assert not Consultation.objects.exists()
        assert event.erased["Card"] == 1
        assert event.erased["Consultation"] == 6
        assert [e.kind for e in ConsentEvent.objects.filter(woman=kari)] == [
            "withdrawn",
            "given",
        ]

    def test_withdrawal_leaves_other_women_alone(self, kari):
        other = ConsultationFactory()
        withdraw_consent(woman=kari)
        assert Consultation.objects.filter(pk=other.pk).exists()

    def test_retried_withdrawal_returns_the_first_receipt(self, kari):
        submission = uuid.uuid4()
        first = withdraw_consent(woman=kari, submission_id=submission)
        again = withdraw_consent(woman=kari, submission_id=submission)
        assert first.pk == again.pk
        assert ConsentEvent.objects.filter(kind="withdrawn").count() == 1

    def test_withdrawing_without_consent_is_refused(self, ingrid):
        with pytest.raises(ConsentRequired):
            withdraw_consent(woman=ingrid)

    def test_giving_again_starts_an_empty_card(self, kari):
        week_30_full_history(kari)
        withdraw_consent(woman=kari)
        give_consent(woman=kari)
        assert has_active_consent(woman=kari)
        assert not kari.cards.exists()
        card = card_services.create_card(woman=kari)
        assert card.status == "active"


class TestAppendOnly:
    def test_an_event_cannot_be_changed_or_deleted_through_the_orm(self, kari):
        event = current_consent(woman=kari)
        event.kind = "withdrawn"
        with pytest.raises(AppendOnlyError):
            event.save()
        with pytest.raises(AppendOnlyError):
            event.delete()
        with pytest.raises(AppendOnlyError):
            ConsentEvent.objects.filter(pk=event.pk).update(kind="withdrawn")
        with pytest.raises(AppendOnlyError):
            ConsentEvent.objects.all().delete()
        assert current_consent(woman=kari).kind == "given"

    @pytest.mark.parametrize(
        "sql",
        [
            "UPDATE consent_consentevent SET kind = 'withdrawn'",
            "DELETE FROM consent_consentevent",
        ],
    )
    def test_the_database_refuses_changes_even_in_raw_sql(self, kari, sql):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(sql)
        assert current_consent(woman=kari).kind == "given"


class TestEveryStorePathNeedsConsent:
    @pytest.fixture
    def card_without_consent(self):
        woman = WomanFactory(consented=False)
        return CardFactory(woman=woman)

    def test_opening_a_card(self, ingrid):
        with pytest.raises(ConsentRequired):
            card_services.create_card(woman=ingrid)

    def test_adding_an_entry(self, card_without_consent):
        with pytest.raises(ConsentRequired):
            card_services.add_entry(
                card=card_without_consent,
                model=Consultation,
                actor=MIDWIFE,
                date="2026-11-01",
                weeks=20,
            )
        assert not Consultation.objects.exists()

    def test_saving_a_section(self, card_without_consent):
        with pytest.raises(ConsentRequired):
            card_services.save_section(
                card=card_without_consent,
                model=CurrentPregnancy,
                actor=MIDWIFE,
                number_of_fetuses=1,
            )

    def test_retracting_an_entry(self, card_without_consent):
        entry = ConsultationFactory(card=card_without_consent)
        with pytest.raises(ConsentRequired):
            card_services.retract_entry(entry=entry, actor=MIDWIFE, reason="Feil pasient.")

    def test_her_own_birth_wishes(self, card_without_consent):
        with pytest.raises(ConsentRequired):
            card_services.save_birth_wishes(
                card=card_without_consent,
                woman=card_without_consent.woman,
                wishes="x",
                questions="",
                expected_version=None,
            )

    def test_after_withdrawal_the_next_write_is_refused(self, kari):
        card = card_services.create_card(woman=kari)
        withdraw_consent(woman=kari)
        with pytest.raises(ConsentRequired):
            card_services.add_entry(
                card=card, model=Consultation, actor=MIDWIFE, date="2026-11-01", weeks=20
            )


@pytest.mark.django_db(transaction=True)
class TestWithdrawalRacingAClinicianWrite:
    def test_a_write_in_flight_lands_first_and_is_then_erased(self, kari):
        card = card_services.create_card(woman=kari)
        written, release = threading.Event(), threading.Event()
        errors = []

        def clinician_write():
            try:
                with transaction.atomic():
                    card_services.add_entry(
                        card=card,
                        model=Consultation,
                        actor=MIDWIFE,
                        date="2026-11-01",
                        weeks=20,
                    )
                    written.set()
                    release.wait(5)
            except Exception as error:  # surfaced below
                errors.append(error)
            finally:
                connection.close()

        def withdrawal():
            try:
                withdraw_consent(woman=kari)
            finally:
                connection.close()

        writer = threading.Thread(target=clinician_write)
        writer.start()
        assert written.wait(5)
        withdrawer = threading.Thread(target=withdrawal)
        withdrawer.start()
        time.sleep(0.5)
        assert withdrawer.is_alive(), "withdrawal must wait for the write holding her lock"
        release.set()
        writer.join(5)
        withdrawer.join(5)

        assert errors == []
        assert not Consultation.objects.exists()
        assert not has_active_consent(woman=kari)

    def test_a_write_after_the_withdrawal_is_refused(self, kari):
        card = card_services.create_card(woman=kari)
        withdraw_consent(woman=kari)
        with pytest.raises(ConsentRequired):
            card_services.add_entry(
                card=card, model=Consultation, actor=MIDWIFE, date="2026-11-01", weeks=20
            )
        assert not Consultation.objects.exists()


class TestWhatWithdrawalKeeps:
    def test_the_access_log_outlives_the_erased_card(self, kari):
        from healthcard.models import AccessEvent

        card = week_30_full_history(kari)  # written by clinicians: each write is logged
        logged = AccessEvent.objects.filter(woman=kari).count()
        assert logged > 0
        withdraw_consent(woman=kari)
        assert AccessEvent.objects.filter(woman=kari).count() == logged
        assert AccessEvent.objects.filter(card_id=card.pk).exists()
        assert not Card.objects.exists()
