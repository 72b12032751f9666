"""Her questions to the midwife: she asks on her card, it reaches the worklist of the
midwives who follow her up, one of them answers in the card, and she sees the answer with
who gave it. Nothing is changed or deleted; a retry asks once; two answers at once give one."""

import uuid

import pytest
from django.test import Client
from django.urls import reverse

from consent.services import withdraw_consent
from healthcard.demo import MIDWIFE, week_30_full_history
from healthcard.models import AccessEvent, Card, Question
from healthcard.services import Actor, AlreadyAnswered, answer_question, ask_question
from tests.conftest import log_in_with_second_factor
from tests.factories import CardFactory, WomanFactory
from tests.races import race

pytestmark = pytest.mark.django_db

WORKLIST = reverse("admin:dhg_worklist")


@pytest.fixture
def card(kari):
    return week_30_full_history(kari)


def questions_url(card) -> str:
    return reverse("healthcard:questions", args=[card.pk])


def answer_url(card, question) -> str:
    return reverse("admin:dhg_answer_question", args=[card.pk, question.pk])


def ask(client, card, text="Kan jeg trene som før?", submission_id=None):
    return client.post(
        questions_url(card), {"text": text, "submission_id": submission_id or uuid.uuid4()}
    )


def staff_client(user) -> Client:
    client = Client()
    log_in_with_second_factor(client, user)
    return client


def test_she_asks_the_midwife_answers_and_she_sees_who_did(kari_client, card, midwife):
    response = ask(kari_client, card)
    assert response.status_code == 302
    page = kari_client.get(questions_url(card)).content.decode()
    assert "Kan jeg trene som før?" in page and "Ikke besvart ennå." in page
    assert "Spørsmålet ditt er sendt." in page

    midwife_client = staff_client(midwife)
    worklist = midwife_client.get(WORKLIST).content.decode()
    assert "1 ikke besvart" in worklist
    admin_card = midwife_client.get(reverse("admin:dhg_card", args=[card.pk])).content.decode()
    assert "Kan jeg trene som før?" in admin_card and "Ikke besvart" in admin_card
    question = Question.objects.get()
    answered = midwife_client.post(
        answer_url(card, question), {"answer": "Ja, rolig trening er bra."}
    )
    assert answered.status_code == 302 and answered["Location"].endswith("#questions")
    assert "1 ikke besvart" not in midwife_client.get(WORKLIST).content.decode()

    page = kari_client.get(questions_url(card)).content.decode()
    assert "Svar fra Jorunn Jordmor" in page
    assert '<span lang="no">Ja, rolig trening er bra.</span>' in page
    assert "Oslo kommune, Helsestasjon Frogner" in page
    log = kari_client.get(reverse("healthcard:access_log")).content.decode()
    assert "svarte på spørsmålet ditt" in log
    question.refresh_from_db()
    assert question.answered_by_hpr == midwife.hpr_number
    assert question.answered_by_org_nr == midwife.org_nr


def test_her_own_question_is_not_in_her_access_log(kari_client, card):
    before = AccessEvent.objects.count()
    ask(kari_client, card)
    assert AccessEvent.objects.count() == before


def test_a_retried_submission_asks_once(kari_client, card):
    submission = uuid.uuid4()
    assert ask(kari_client, card, submission_id=submission).status_code == 302
    assert ask(kari_client, card, submission_id=submission).status_code == 302
    assert Question.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_taps_at_once_ask_once(kari):
    card = week_30_full_history(kari)
    submission = uuid.uuid4()
    results = race(
        lambda: ask_question(card=card, woman=kari, text="Én gang", submission_id=submission),
        lambda: ask_question(card=card, woman=kari, text="Én gang", submission_id=submission),
    )
    assert all(isinstance(r, Question) for r in results), results
    assert Question.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_midwives_answering_at_once_give_one_answer(kari, midwife):
    card = week_30_full_history(kari)
    question = ask_question(
        card=card, woman=kari, text="Hvor føder jeg?", submission_id=uuid.uuid4()
    )
    colleague = Actor(name="Kollega Jordmor", org_nr=MIDWIFE.org_nr, org_name=MIDWIFE.org_name)
    results = race(
        lambda: answer_question(
            card=card, question_id=question.pk, actor=Actor.staff(midwife), text="Ullevål."
        ),
        lambda: answer_question(card=card, question_id=question.pk, actor=colleague, text="Ahus."),
    )
    assert sorted(type(r).__name__ for r in results) == ["AlreadyAnswered", "Question"]
    question.refresh_from_db()
    winner = next(r for r in results if isinstance(r, Question))
    assert question.answer == winner.answer
    assert AccessEvent.objects.filter(section="question", action="write").count() == 1


def test_an_answer_is_not_replaced(kari_client, card, midwife):
    midwife_client = staff_client(midwife)
    ask(kari_client, card)
    question = Question.objects.get()
    answer_question(card=card, question_id=question.pk, actor=MIDWIFE, text="Første svar.")
    response = midwife_client.post(answer_url(card, question), {"answer": "Andre svar."})
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.answer == "Første svar."
    with pytest.raises(AlreadyAnswered):
        answer_question(card=card, question_id=question.pk, actor=MIDWIFE, text="Tredje.")


class TestBadInput:
    def test_an_empty_question_is_a_clear_error(self, kari_client, card):
        response = ask(kari_client, card, text="   ")
        assert response.status_code == 422
        assert "Skriv spørsmålet ditt." in response.content.decode()
        assert not Question.objects.exists()

    def test_a_too_long_question_is_refused(self, kari_client, card):
        response = ask(kari_client, card, text="x" * 2001)
        assert response.status_code == 422 and not Question.objects.exists()

    def test_a_missing_submission_id_is_refused(self, kari_client, card):
        response = kari_client.post(questions_url(card), {"text": "Hei"})
        assert response.status_code == 422 and not Question.objects.exists()

    def test_an_empty_answer_is_a_clear_error(self, kari_client, card, midwife):
        midwife_client = staff_client(midwife)
        ask(kari_client, card)
        question = Question.objects.get()
        response = midwife_client.post(answer_url(card, question), {"answer": ""})
        assert response.status_code == 422
        assert "Skriv svaret." in response.content.decode()
        question.refresh_from_db()
        assert not question.is_answered


class TestWhoMay:
    def test_another_womans_card_is_404(self, kari_client, card):
        other = CardFactory(woman=WomanFactory())
        assert kari_client.get(questions_url(other)).status_code == 404
        assert ask(kari_client, other).status_code == 404
        assert not Question.objects.exists()

    def test_a_question_of_another_card_cannot_be_answered_through_this_one(
        self, midwife_client, card
    ):
        other = CardFactory(woman=WomanFactory())
        theirs = ask_question(
            card=other, woman=other.woman, text="Mitt", submission_id=uuid.uuid4()
        )
        response = midwife_client.post(answer_url(card, theirs), {"answer": "Feil kort"})
        assert response.status_code == 404
        theirs.refresh_from_db()
        assert not theirs.is_answered

    def test_a_closed_card_takes_no_new_questions(self, kari_client, card):
        Card.objects.filter(pk=card.pk).update(status=Card.Status.CLOSED)
        page = kari_client.get(questions_url(card)).content.decode()
        assert "Send spørsmålet" not in page
        assert ask(kari_client, card).status_code == 409
        assert not Question.objects.exists()


def test_her_download_has_her_questions_and_answers(kari_client, card, kari):
    question = ask_question(card=card, woman=kari, text="Spørsmål?", submission_id=uuid.uuid4())
    answer_question(card=card, question_id=question.pk, actor=MIDWIFE, text="Svar.")
    document = kari_client.get(reverse("healthcard:card_download", args=[card.pk])).json()
    [asked] = document["questions"]
    assert asked["question"] == "Spørsmål?" and asked["answer"] == "Svar."
    assert asked["answeredBy"] == MIDWIFE.name


def test_withdrawal_erases_her_questions(kari_client, card, kari):
    ask(kari_client, card)
    withdraw_consent(woman=kari)
    assert not Question.objects.exists()
