"""Her questionnaires: the EPDS scored on the server against the published scoring table,
its alerts (10 or more, any thought of self-harm) and where she is shown to get help; the
pre-visit questionnaire before her first consultation; when each is asked; each answer kept
with its questionnaire's version and words, in the record and on the midwife's card."""

import datetime
import uuid

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from healthcard import questionnaires
from healthcard.demo import week_12_first_pregnancy, week_30_full_history
from healthcard.models import Card, QuestionnaireResponse
from healthcard.questionnaires.epds import EPDS
from tests.conftest import log_in_with_second_factor

pytestmark = pytest.mark.django_db

RECORD = "/api/maternity-record/v1/record/{}"

# The published EPDS scoring (Cox et al. 1987): items 1, 2 and 4 score 0, 1, 2, 3 from the
# first answer to the last; items 3 and 5 to 10 score 3, 2, 1, 0.
PUBLISHED = {f"q{n}": (0, 1, 2, 3) if n in (1, 2, 4) else (3, 2, 1, 0) for n in range(1, 11)}


def epds_answers(choice: dict | int = 0) -> dict:
    """The position (0-3) of the answer picked for each item: one for all, or per item."""
    picks = choice if isinstance(choice, dict) else {q.code: choice for q in EPDS.questions}
    return {code: EPDS.question(code).options[pick].code for code, pick in picks.items()}


def score_of(picks: dict) -> int:
    return sum(PUBLISHED[code][pick] for code, pick in picks.items())


def answer(client, card, code="epds", **values):
    url = reverse("healthcard:questionnaire", args=[card.pk, code])
    return client.post(url, {"submission_id": uuid.uuid4(), **values})


@pytest.fixture
def card(kari):
    return week_30_full_history(kari)


class TestEpdsScoring:
    def test_each_item_scores_as_the_published_table_says(self):
        for question in EPDS.questions:
            assert [o.score for o in question.options] == list(PUBLISHED[question.code])

    @pytest.mark.parametrize("pick", [0, 1, 2, 3])
    def test_the_same_answer_everywhere(self, pick):
        picks = {q.code: pick for q in EPDS.questions}
        values = questionnaires.response_values(
            EPDS, epds_answers(pick), language="nb", on=timezone.localdate()
        )
        assert values["score"] == score_of(picks) == {0: 21, 1: 17, 2: 13, 3: 9}[pick]

    def test_a_mixed_answer_and_the_extremes(self):
        worst = {c: PUBLISHED[c].index(3) for c in PUBLISHED}
        best = {c: PUBLISHED[c].index(0) for c in PUBLISHED}
        for picks, expected in ((worst, 30), (best, 0)):
            values = questionnaires.response_values(
                EPDS, epds_answers(picks), language="nb", on=timezone.localdate()
            )
            assert values["score"] == expected

    def test_an_unfinished_epds_has_no_score(self):
        partial = {k: v for k, v in epds_answers(0).items() if k != "q10"}
        values = questionnaires.response_values(
            EPDS, partial, language="nb", on=timezone.localdate()
        )
        assert values["score"] is None


class TestHerEpds:
    def test_scored_on_the_server_whatever_the_form_says(self, kari_client, kari, card, epj_client):
        best = {c: PUBLISHED[c].index(0) for c in PUBLISHED}
        response = answer(kari_client, card, score=30, **epds_answers(best))
        assert response.status_code == 302
        saved = QuestionnaireResponse.objects.get()
        assert saved.score == 0 and saved.questionnaire_version == EPDS.version
        record = epj_client(kari).get(RECORD.format(card.pk)).json()
        [written] = record["questionnaireResponses"]
        assert written["questionnaire"] == "epds" and written["score"] == 0
        assert written["metadata"]["lastUpdatedBy"]["userType"] == "citizen"
        assert written["answers"][0]["question"].startswith("Jeg har kunnet le")  # her words
        codes = [a["code"] for a in record["clinicalAlerts"]]
        assert "own-epds-at-threshold" not in codes

    def test_10_or_more_is_urgent_and_she_is_shown_where_to_get_help(
        self, kari_client, kari, card, epj_client
    ):
        picks = {c: PUBLISHED[c].index(1) for c in PUBLISHED} | {"q10": 3}  # 9 + 0
        picks |= {"q1": 2}  # 10
        assert score_of(picks) == 10
        response = answer(kari_client, card, **epds_answers(picks))
        page = kari_client.get(response.url).content.decode()
        assert 'id="help-now"' in page and "116 123" in page
        codes = [
            a["code"] for a in epj_client(kari).get(RECORD.format(card.pk)).json()["clinicalAlerts"]
        ]
        assert "own-epds-at-threshold" in codes and "own-epds-self-harm" not in codes

    def test_9_is_not(self, kari_client, kari, card, epj_client):
        picks = {c: PUBLISHED[c].index(1) for c in PUBLISHED} | {"q10": 3}
        assert score_of(picks) == 9
        response = answer(kari_client, card, **epds_answers(picks))
        assert 'id="help-now"' not in kari_client.get(response.url).content.decode()

    def test_any_thought_of_self_harm_is_urgent_whatever_the_score(
        self, kari_client, kari, card, epj_client
    ):
        picks = {c: PUBLISHED[c].index(0) for c in PUBLISHED} | {"q10": 2}  # hardly ever: 1
        assert score_of(picks) == 1
        response = answer(kari_client, card, **epds_answers(picks))
        assert "116 117" in kari_client.get(response.url).content.decode()
        codes = [
            a["code"] for a in epj_client(kari).get(RECORD.format(card.pk)).json()["clinicalAlerts"]
        ]
        assert "own-epds-self-harm" in codes

    def test_every_question_must_be_answered(self, kari_client, card):
        partial = {k: v for k, v in epds_answers(0).items() if k != "q7"}
        response = answer(kari_client, card, **partial)
        assert response.status_code == 422 and "q7" in response.context["form"].errors
        assert not QuestionnaireResponse.objects.exists()

    def test_an_answer_that_is_not_one_of_the_options_is_refused(self, kari_client, card):
        response = answer(kari_client, card, **(epds_answers(0) | {"q1": "q1-7"}))
        assert response.status_code == 422 and not QuestionnaireResponse.objects.exists()

    def test_the_midwife_sees_the_score_and_the_answers(self, kari_client, card, midwife):
        answer(kari_client, card, **epds_answers({c: PUBLISHED[c].index(3) for c in PUBLISHED}))
        staff = Client()
        log_in_with_second_factor(staff, midwife)
        page = staff.get(reverse("admin:dhg_card", args=[card.pk])).content.decode()
        assert "poengsum 30 av 30" in page and "Tanken på å skade meg selv" in page
        assert "Tanker om selvskading i hennes egen EPDS" in page


class TestWhenAsked:
    def due(self, **kwargs) -> list[str]:
        defaults = {"today": datetime.date(2026, 6, 1), "ended_on": None, "active": True}
        defaults |= {"consultations": 1, "answered": []}
        return [d.questionnaire.code for d in questionnaires.due_now(**(defaults | kwargs))]

    def due_at(self, weeks: int, days: int = 0) -> datetime.date:
        return datetime.date(2026, 6, 1) + datetime.timedelta(days=283 - weeks * 7 - days)

    @pytest.mark.parametrize(
        ("weeks", "days", "asked"),
        [(19, 6, False), (20, 0, True), (28, 6, True), (29, 0, False)],
    )
    def test_the_epds_in_weeks_20_to_28(self, weeks, days, asked):
        assert ("epds" in self.due(due_date=self.due_at(weeks, days))) is asked

    def test_answered_once_in_the_window_it_is_not_asked_again(self):
        done = type("R", (), {"questionnaire": "epds", "date": datetime.date(2026, 5, 20)})
        assert "epds" not in self.due(due_date=self.due_at(24), answered=[done])

    @pytest.mark.parametrize(("days", "asked"), [(41, False), (42, True), (62, True), (63, False)])
    def test_the_epds_6_to_8_weeks_after_the_birth(self, days, asked):
        born = datetime.date(2026, 6, 1) - datetime.timedelta(days=days)
        due = self.due(due_date=born, ended_on=born, active=False)
        assert ("epds" in due) is asked

    def test_the_pre_visit_questionnaire_before_the_first_consultation(self):
        assert "pre_visit" in self.due(due_date=None, consultations=0)
        assert "pre_visit" not in self.due(due_date=None, consultations=1)


def test_the_pre_visit_questionnaire_end_to_end(ingrid_client, ingrid, epj_client):
    card = Card.objects.get(woman=ingrid)
    listing = ingrid_client.get(reverse("healthcard:questionnaires", args=[card.pk]))
    assert "Før den første konsultasjonen" in listing.content.decode()
    response = answer(
        ingrid_client,
        card,
        "pre_visit",
        last_period=(timezone.localdate() - datetime.timedelta(weeks=8)).isoformat(),
        earlier_pregnancies="0",
        illness="no",
        medicines="yes",
        illness_and_medicines="Levaxin 50 µg",
        folic_acid="yes",
        tobacco="stopped_now",
        alcohol="no",
        drugs="no",
        mental_health="no",
        family=["diabetes"],
        interpreter="no",
    )
    assert response.status_code == 302, response.context["form"].errors
    [written] = epj_client(ingrid).get(RECORD.format(card.pk)).json()["questionnaireResponses"]
    answers = {a["linkId"]: a for a in written["answers"]}
    assert answers["illness_and_medicines"]["answer"] == "Levaxin 50 µg"
    assert answers["family"]["answer"] == ["diabetes"] and written["score"] is None
    assert answers["tobacco"]["display"] == "Jeg sluttet da jeg visste at jeg var gravid"


def test_a_pre_visit_with_an_impossible_number_is_refused(ingrid_client, ingrid):
    card = Card.objects.get(woman=ingrid)
    response = answer(ingrid_client, card, "pre_visit", earlier_pregnancies="45")
    assert response.status_code == 422 and "earlier_pregnancies" in response.context["form"].errors


@pytest.fixture
def ingrid_client(client, ingrid):
    from consent.services import give_consent

    give_consent(woman=ingrid)
    card = week_12_first_pregnancy(ingrid)
    card.consultations.all().delete()  # opened, not yet seen
    client.force_login(ingrid)
    return client


def test_an_unknown_questionnaire_is_404(kari_client, card):
    assert (
        kari_client.get(reverse("healthcard:questionnaire", args=[card.pk, "sf36"])).status_code
        == 404
    )


def test_the_pre_visit_questionnaire_takes_what_she_can_answer_but_not_nothing(
    ingrid_client, ingrid
):
    card = Card.objects.get(woman=ingrid)
    assert answer(ingrid_client, card, "pre_visit", folic_acid="yes").status_code == 302
    empty = answer(ingrid_client, card, "pre_visit")
    assert empty.status_code == 422 and "Svar på minst ett spørsmål." in empty.content.decode()
    assert QuestionnaireResponse.objects.count() == 1
