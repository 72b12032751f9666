"""What a clinician cannot have meant is refused with 422, naming the field and why, through
every door: the API (one write, a batch, a correction) and the midwife's admin."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from healthcard import parts
from healthcard.demo import week_30_full_history
from healthcard.models import CareTeamMember, Consultation, LabResult, PreviousPregnancies
from tests.conftest import API
from tests.races import epj

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
APPOINTMENT = {  # Kari (week_30_full_history) is 30+2 today
    **parts.BY_NAME["antenatalAppointments"].example,
    "date": TODAY.isoformat(),
    "pregnancyWeek": 30,
    "daysAfterFullPregnancyWeek": 2,
}


@pytest.fixture
def card(kari):
    return week_30_full_history(kari)


def post(card, part: str, body: dict):
    return epj(card.woman.national_id).post(API + f"record/{card.pk}/{part}", body, format="json")


def errors(response) -> dict[str, str]:
    assert response.status_code == 422, response.content[:400]
    return {e["field"]: e["message"] for e in response.json()["errors"]}


def days_ago(n: int) -> str:
    return (TODAY - datetime.timedelta(days=n)).isoformat()


class TestDatesAndWeeks:
    def test_a_week_that_does_not_match_the_date_and_due_date(self, card):
        found = errors(post(card, "antenatalAppointments", {**APPOINTMENT, "pregnancyWeek": 24}))
        assert "expected about 30+2 (±2 weeks)" in found["pregnancyWeek"]
        assert not Consultation.objects.filter(card=card, weeks=24, date=TODAY).exists()

    def test_two_weeks_off_is_allowed(self, card):
        body = {**APPOINTMENT, "pregnancyWeek": 28, "daysAfterFullPregnancyWeek": 2}
        assert post(card, "antenatalAppointments", body).status_code == 201

    def test_a_date_before_1900(self, card):
        body = {**parts.BY_NAME["symphysisFundalHeights"].example, "measurementDate": "1899-12-31"}
        assert errors(post(card, "symphysisFundalHeights", body)) == {
            "measurementDate": "The date is before 1900."
        }

    def test_a_date_long_before_her_last_period(self, card):
        body = {**APPOINTMENT, "date": days_ago(400), "pregnancyWeek": 10}
        assert "before her last period" in errors(post(card, "antenatalAppointments", body))["date"]

    def test_a_fetus_she_does_not_have(self, card):
        twins = [{"fosterId": 1, "fetalHeartRate": 140}, {"fosterId": 2, "fetalHeartRate": 150}]
        found = errors(
            post(card, "antenatalAppointments", {**APPOINTMENT, "fetusesVitalSigns": twins})
        )
        assert found == {
            "fetusesVitalSigns[1].fosterId": "Fetus 2, but her card records 1 fetus(es)."
        }


class TestCodedValues:
    @pytest.mark.parametrize(
        "coded, field",
        [
            ({"code": "T049", "display": "Neg"}, "proteinInUrineTestResult.display"),
            ({"code": "T049", "codeSystem": "urn:oid:9.9"}, "proteinInUrineTestResult.codeSystem"),
        ],
    )
    def test_a_display_or_system_that_contradicts_the_code(self, card, coded, field):
        body = {**APPOINTMENT, "proteinInUrineTestResult": coded}
        assert field in errors(post(card, "antenatalAppointments", body))

    def test_the_codes_own_display_in_either_language(self, card):
        for display in ("Neg", "neg", None):
            coded = {"code": "T008", **({"display": display} if display else {})}
            body = {**APPOINTMENT, "proteinInUrineTestResult": coded}
            assert post(card, "antenatalAppointments", body).status_code == 201


class TestLabResults:
    def body(self, **changes) -> dict:
        return {
            "test": {"code": "NOR05172", "display": "Hemoglobin"},
            "value": 11.9,
            "unit": "g/dL",
            "date": TODAY.isoformat(),
            **changes,
        }

    def test_a_test_outside_the_programme(self, card):
        found = errors(post(card, "clinicalTests", self.body(test={"code": "NPU99999"})))
        assert found["test.code"].startswith("Not a test of the antenatal programme")

    def test_a_display_that_contradicts_the_code(self, card):
        found = errors(
            post(card, "clinicalTests", self.body(test={"code": "NOR05172", "display": "HIV"}))
        )
        assert found == {"test.display": "NOR05172 is 'Hemoglobin', not 'HIV'."}

    def test_the_codes_own_display_is_stored(self, card):
        response = post(
            card, "clinicalTests", self.body(test={"code": "NOR05172", "display": "hemoglobin"})
        )
        assert response.status_code == 201
        assert LabResult.objects.get(pk=response.json()["metadata"]["id"]).display == "Hemoglobin"

    @pytest.mark.parametrize(
        "changes, field",
        [
            ({"unit": "mmol/L"}, "unit"),
            ({"value": 119}, "value"),  # g/L typed as g/dL
            ({"test": {"code": "NPU19649", "display": "HIV"}}, "value"),
        ],
        ids=["wrong unit", "out of range", "a number for a result test"],
    )
    def test_a_value_or_unit_the_test_cannot_have(self, card, changes, field):
        assert field in errors(post(card, "clinicalTests", self.body(**changes)))


class TestNextCheck:
    @pytest.mark.parametrize(
        ("days_after", "status"), [(0, 422), (1, 201), (16 * 7, 201), (16 * 7 + 1, 422)]
    )
    def test_after_the_visit_and_within_sixteen_weeks(self, card, days_after, status):
        next_check = TODAY + datetime.timedelta(days=days_after)
        body = {**APPOINTMENT, "nextAppointmentDate": next_check.isoformat()}
        response = post(card, "antenatalAppointments", body)
        assert response.status_code == status, response.content[:300]
        if status == 422:
            assert "nextAppointmentDate" in errors(response)
        else:
            assert not Consultation.objects.filter(
                card=card, next_check_on=None, date=TODAY
            ).exists()


class TestCounts:
    def test_miscarriages_beyond_the_pregnancies(self, card):
        body = {
            "numberOfPreviousPregnancies": 1,
            "spontaneousMiscarriages": 1,
            "numberOfPreviousLiveBirths": 1,
        }
        url = API + f"record/{card.pk}/previousPregnancies"
        version = PreviousPregnancies.objects.get(card=card).version
        response = epj(card.woman.national_id).put(
            url, body, format="json", HTTP_IF_MATCH=f'"{version}"'
        )
        assert "numberOfPreviousPregnancies" in errors(response)

    def test_twins_make_more_children_than_pregnancies(self, card):
        body = {"numberOfPreviousPregnancies": 1, "numberOfPreviousLiveBirths": 2}
        url = API + f"record/{card.pk}/previousPregnancies"
        version = PreviousPregnancies.objects.get(card=card).version
        response = epj(card.woman.national_id).put(
            url, body, format="json", HTTP_IF_MATCH=f'"{version}"'
        )
        assert response.status_code == 200, response.content

    def put_previous(self, card, body):
        url = API + f"record/{card.pk}/previousPregnancies"
        version = PreviousPregnancies.objects.get(card=card).version
        return epj(card.woman.national_id).put(
            url, body, format="json", HTTP_IF_MATCH=f'"{version}"'
        )

    def test_more_caesarean_sections_than_births(self, card):
        body = {
            "numberOfPreviousPregnancies": 2,
            "spontaneousMiscarriages": 1,
            "numberOfPreviousLiveBirths": 1,
            "numberOfCaesareanSections": 2,
        }
        assert "numberOfCaesareanSections" in errors(self.put_previous(card, body))
        body["numberOfCaesareanSections"] = 1
        assert self.put_previous(card, body).status_code == 200

    def test_a_last_birth_after_the_card_was_opened(self, card):
        body = {"numberOfPreviousPregnancies": 1, "numberOfPreviousLiveBirths": 1}
        later = {**body, "yearOfLastBirth": card.created_at.year + 1}
        assert "yearOfLastBirth" in errors(self.put_previous(card, later))

    def test_an_organisation_number_with_a_bad_check_digit(self, card):
        body = {**parts.BY_NAME["pointsOfContact"].example, "organisationNumber": "974589096"}
        assert "organisationNumber" in errors(post(card, "pointsOfContact", body))
        assert not CareTeamMember.objects.filter(organisation_nr="974589096").exists()


class TestEveryDoor:
    def test_a_batch_names_the_operation_and_writes_nothing(self, card):
        before = Consultation.objects.count()
        body = {
            "operations": [
                {"method": "POST", "path": "antenatalAppointments", "body": APPOINTMENT},
                {
                    "method": "POST",
                    "path": "antenatalAppointments",
                    "body": {**APPOINTMENT, "pregnancyWeek": 12},
                },
            ]
        }
        found = errors(post(card, "batch", body))
        assert list(found) == ["operations[1].body.pregnancyWeek"]
        assert Consultation.objects.count() == before

    def test_a_correction_is_checked_too(self, card):
        entry = Consultation.objects.filter(card=card, entered_in_error=False).last()
        url = API + f"record/{card.pk}/antenatalAppointments/{entry.pk}"
        body = {**APPOINTMENT, "date": entry.date.isoformat(), "pregnancyWeek": 40}
        response = epj(card.woman.national_id).put(
            url, body, format="json", HTTP_IF_MATCH=f'"{entry.version}"'
        )
        assert "pregnancyWeek" in errors(response)

    def test_the_admin_refuses_the_same(self, midwife_client, card):
        url = reverse("admin:dhg_add_entry", args=[card.pk, "consultation"])
        form = {"date": TODAY.isoformat(), "weeks": 20, "days": 0, "systolic": 120, "diastolic": 80}
        response = midwife_client.post(url, form)
        assert response.status_code == 422
        assert "ventet omtrent 30+2" in response.content.decode()

    def test_an_if_match_on_a_post_in_a_batch(self, card):
        body = {
            "operations": [
                {
                    "method": "POST",
                    "path": "antenatalAppointments",
                    "body": APPOINTMENT,
                    "ifMatch": "3",
                }
            ]
        }
        assert list(errors(post(card, "batch", body))) == ["operations[0].ifMatch"]

    def test_a_batch_names_every_bad_operation_at_once(self, card):
        body = {
            "operations": [
                {
                    "method": "POST",
                    "path": "antenatalAppointments",
                    "body": {**APPOINTMENT, "edema": 9},
                },
                {"method": "POST", "path": "antenatalAppointments", "body": APPOINTMENT},
                {"method": "POST", "path": "symphysisFundalHeights", "body": {"measurement": 99}},
            ]
        }
        found = errors(post(card, "batch", body))
        assert {field.split(".body")[0] for field in found} == {"operations[0]", "operations[2]"}

    def test_every_bad_field_is_named_at_once(self, card):
        body = {**APPOINTMENT, "colour": "blue", "edema": 9, "date": "not a date"}
        assert set(errors(post(card, "antenatalAppointments", body))) == {"colour", "edema", "date"}


class TestWhatAHostileTesterFound:
    """Each was accepted before: found by a tester who tried to write what no clinician
    means."""

    def put(self, card, section: str, body: dict):
        model = {
            "rhesusDNegative": "rhesusnegative",
            "currentPregnancy": "currentpregnancy",
            "medicalConditions": "medicalconditions",
            "geneticDisorders": "heredity",
        }[section]
        row = getattr(card, model, None)
        headers = {"HTTP_IF_MATCH": f'"{row.version}"'} if row else {}
        url = API + f"record/{card.pk}/{section}"
        return epj(card.woman.national_id).put(url, body, format="json", **headers)

    def test_a_birth_before_1900(self, card):
        body = {"fosterId": 1, "birthStatus": "live_birth", "dateTime": "1899-05-01T00:00:00+01:00"}
        assert errors(post(card, "birthStatus", body)) == {"dateTime": "The date is before 1900."}

    def test_a_section_date_before_1900(self, card):
        body = {"consentToFetalRhDTest": True, "antiDProphylaxisDate": "1899-05-01"}
        assert "antiDProphylaxisDate" in errors(self.put(card, "rhesusDNegative", body))

    def test_a_result_code_on_a_measured_test(self, card):
        body = {
            "test": {"code": "NOR05172"},
            "value": 11.9,
            "unit": "g/dL",
            "result": {"code": "T002"},
            "date": TODAY.isoformat(),
        }
        assert "result.code" in errors(post(card, "clinicalTests", body))

    def test_a_result_display_that_contradicts_its_code(self, card):
        body = {
            "test": {"code": "NPU19649"},
            "result": {"code": "T008", "display": "Positive"},
            "date": TODAY.isoformat(),
        }
        assert "result.display" in errors(post(card, "clinicalTests", body))

    def test_an_ultrasound_with_more_fetuses_than_her_card(self, card):
        body = {"kind": "other", "date": TODAY.isoformat(), "numberOfFetuses": 3}
        assert "numberOfFetuses" in errors(post(card, "ultrasounds", body))

    @pytest.mark.parametrize("days_after", [-10, 400])
    def test_an_ultrasound_due_date_the_scan_cannot_give(self, card, days_after):
        due = (TODAY + datetime.timedelta(days=days_after)).isoformat()
        body = {"kind": "other", "date": TODAY.isoformat(), "dueDate": due}
        assert "dueDate" in errors(post(card, "ultrasounds", body))

    def test_a_last_period_two_years_before_the_card(self, card):
        body = {"dateLastPeriod": days_ago(730), "numberOfFetuses": 1}
        assert "dateLastPeriod" in errors(self.put(card, "currentPregnancy", body))

    def test_a_corrected_due_date_needs_its_reason(self, card):
        body = {
            "dateLastPeriod": card.currentpregnancy.last_period.isoformat(),
            "dueDateCorrectedDate": card.currentpregnancy.due_date.isoformat(),
            "numberOfFetuses": 1,
        }
        assert "dueDateCorrectionReason" in errors(self.put(card, "currentPregnancy", body))

    def test_an_sf_height_far_from_the_week(self, card):
        body = {"measurementDate": TODAY.isoformat(), "pregnancyWeek": 30, "measurement": 5}
        assert "measurement" in errors(post(card, "symphysisFundalHeights", body))

    def test_a_daily_count_for_never(self, card):
        body = {
            "stimuliType": "tobacco",
            "stimuliFrequencyFirstConsultation": {"stimuliFrequency": "never", "dailyCount": 10},
        }
        assert list(errors(post(card, "lifestyleFactors", body))) == [
            "stimuliFrequencyFirstConsultation.dailyCount"
        ]

    @pytest.mark.parametrize(
        "section, body, field",
        [
            (
                "medicalConditions",
                {"nothingParticular": True, "hypertension": True},
                "nothingParticular",
            ),
            ("geneticDisorders", {"noneKnown": True, "hipDysplasia": True}, "noneKnown"),
        ],
    )
    def test_nothing_and_something_at_once(self, card, section, body, field):
        assert field in errors(self.put(card, section, body))

    def test_a_language_code_that_is_not_one(self, card):
        url = API + f"record/{card.pk}/mother"
        row = card.motherdetails
        body = {"language": {"code": "klingon-long"}}
        response = epj(card.woman.national_id).put(
            url, body, format="json", HTTP_IF_MATCH=f'"{row.version}"'
        )
        assert "language.code" in errors(response)
