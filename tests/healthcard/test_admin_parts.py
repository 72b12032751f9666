"""Every part the API writes, recorded in the administration: a card opened for a woman who
has none, her history, this pregnancy and the birth on pages of their own, checked as the
API checks a record system's writes, signed and logged, and recorded once however often the
form is sent."""

import datetime
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from healthcard import parts
from healthcard.demo import week_30_full_history
from healthcard.forms import ENTRY_FORMS
from healthcard.models import AccessEvent, BeforePregnancy, Card, CareTeamMember
from healthcard.parts.fields import one_body
from healthcard.presenters import PART_PAGES
from tests.conftest import KARI
from tests.factories import CardFactory, WomanFactory

pytestmark = pytest.mark.django_db

FIND = "/admin/healthcard/card/"
PAGED = [part for _heading, group in PART_PAGES for part in group]


@pytest.fixture
def card(kari):
    return week_30_full_history(kari)


def part_url(card, part) -> str:
    return reverse("admin:dhg_part", args=[card.pk, part.log_name])


def as_posted(values: dict, form_class) -> dict:
    """What a browser sends for these model values, field by field as the form names them."""
    posted = {}
    rows = values.pop(form_class.rows_field.source, []) if form_class.rows_field else []
    for index, row in enumerate(rows):
        for name, value in row.items():
            if name != "fetus":
                posted[f"{form_class.rows_field.source}_{index}_{name}"] = value
    posted.update(values)
    sent = {}
    for name, value in posted.items():
        if value in (None, ""):
            continue
        if isinstance(value, bool):
            value = "true" if value else "false"
        elif isinstance(value, datetime.datetime):
            value = timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")
        elif isinstance(value, datetime.date):
            value = value.isoformat()
        elif not isinstance(value, list):
            value = str(value)
        sent[name] = value
    return sent


def example_post(part) -> dict:
    """The part's API example, as the administration's form would send it."""
    body = one_body(part.body)
    values = body.values(body.run_validation(part.example))
    return as_posted(values, ENTRY_FORMS[part.log_name])


class TestOpeningACard:
    def test_a_midwife_opens_the_card_of_a_woman_who_has_none(self, midwife_client, kari):
        found = midwife_client.post(FIND, {"national_id": KARI.nin})
        assert "Opprett helsekort" in found.content.decode()
        response = midwife_client.post(reverse("admin:dhg_open_card"), {"national_id": KARI.nin})
        card = Card.objects.get(woman=kari)
        assert response.status_code == 302 and response["Location"].endswith(f"{card.pk}/")
        written = AccessEvent.objects.get(card_id=card.pk, action="write")
        assert written.section == "record" and written.actor_name == "Jorunn Jordmor"

    def test_sent_twice_it_opens_one_card(self, midwife_client, kari):
        for _ in range(2):
            response = midwife_client.post(
                reverse("admin:dhg_open_card"), {"national_id": KARI.nin}, follow=True
            )
        assert Card.objects.filter(woman=kari).count() == 1
        assert "Hun har allerede et åpent helsekort" in response.content.decode()

    def test_not_offered_beside_an_open_card(self, midwife_client, card):
        found = midwife_client.post(FIND, {"national_id": KARI.nin})
        assert "Opprett helsekort" not in found.content.decode()

    def test_not_for_a_woman_without_consent(self, midwife_client, db):
        stranger = WomanFactory(consented=False)
        response = midwife_client.post(
            reverse("admin:dhg_open_card"), {"national_id": stranger.national_id}, follow=True
        )
        assert not Card.objects.filter(woman=stranger).exists()
        assert "ikke funnet" in response.content.decode()


class TestEveryPart:
    def test_the_card_links_every_part_the_api_writes(self, midwife_client, card):
        page = midwife_client.get(reverse("admin:dhg_card", args=[card.pk])).content.decode()
        visit_lists = {"consultation", "labresult", "fundalheight", "bookedappointment"}
        visit_lists |= {"postpartumvisit"}
        written = {p.log_name for p in parts.PARTS if p.body} - visit_lists
        assert written == {part.log_name for part in PAGED}
        for part in PAGED:
            assert f'href="{part_url(card, part)}"' in page

    @pytest.mark.parametrize("part", PAGED, ids=lambda p: p.name)
    def test_recorded_from_its_page_signed_and_logged(self, midwife_client, kari, part):
        card = CardFactory(woman=kari)  # no dating yet: the API's examples are of any week
        page = midwife_client.get(part_url(card, part))
        assert page.status_code == 200
        form = page.context["form"]
        data = {**example_post(part), "submission_id": str(uuid.uuid4())}
        if not part.is_list and form.initial.get("expected_version"):
            data["expected_version"] = form.initial["expected_version"]
        response = midwife_client.post(part_url(card, part), data)
        assert response.status_code == 302, response.context["form"].errors
        rows = part.model.objects.filter(card=card).order_by("-recorded_at")
        assert rows[0].recorded_by_name == "Jorunn Jordmor"
        assert rows[0].org_name == "Oslo kommune, Helsestasjon Frogner"
        logged = AccessEvent.objects.get(card_id=card.pk, action="write")
        assert logged.section == part.log_name and logged.actor_name == "Jorunn Jordmor"


class TestOneValidation:
    def test_a_value_the_api_refuses_is_refused_on_the_field(self, midwife_client, card):
        part = parts.history.BEFORE_PREGNANCY
        response = midwife_client.post(
            part_url(card, part), {"height_cm": "300", "weight_kg": "60", "expected_version": "1"}
        )
        assert response.status_code == 422
        assert response.context["form"].errors["height_cm"]
        assert BeforePregnancy.objects.get(card=card).height_cm != 300

    def test_what_only_the_api_body_checks_is_checked_too(self, midwife_client, card):
        """The birth needs a baby: the model cannot say so, the API's body does."""
        part = parts.birth.BIRTH
        data = example_post(part)
        data = {k: v for k, v in data.items() if not k.startswith("babies_")}
        response = midwife_client.post(part_url(card, part), data)
        assert response.status_code == 422
        assert response.context["form"].non_field_errors()
        assert not card.__class__.objects.get(pk=card.pk).status == Card.Status.DELIVERED

    def test_a_section_changed_meanwhile_is_not_overwritten_unseen(self, midwife_client, card):
        part = parts.history.BEFORE_PREGNANCY
        current = BeforePregnancy.objects.get(card=card)
        stale = {"height_cm": "170", "weight_kg": "65", "expected_version": current.version - 1}
        response = midwife_client.post(part_url(card, part), stale)
        assert response.status_code == 409
        assert "Noen endret dette" in response.content.decode()
        # Her next save names the version she has now seen.
        again = response.context["form"].data
        assert int(again["expected_version"]) == current.version
        assert midwife_client.post(part_url(card, part), again).status_code == 302


class TestLists:
    def member(self) -> dict:
        return {"role": "gp", "name": "Lege Legesen", "submission_id": str(uuid.uuid4())}

    def test_the_same_form_sent_twice_adds_one_entry(self, midwife_client, card):
        url = part_url(card, parts.history.POINTS_OF_CONTACT)
        before = CareTeamMember.objects.filter(card=card).count()
        data = self.member()
        assert midwife_client.post(url, data).status_code == 302
        second = midwife_client.post(url, data, follow=True)
        assert CareTeamMember.objects.filter(card=card).count() == before + 1
        assert "registrert én gang" in second.content.decode()

    def test_an_entry_is_corrected_and_retracted_with_a_reason(self, midwife_client, card):
        url = part_url(card, parts.history.POINTS_OF_CONTACT)
        midwife_client.post(url, self.member())
        entry = CareTeamMember.objects.get(card=card, name="Lege Legesen")
        correct = reverse("admin:dhg_correct_entry", args=[card.pk, "careteammember", entry.pk])
        response = midwife_client.post(
            correct,
            {
                "role": "gp",
                "name": "Lege Larsen",
                "expected_version": entry.version,
                "change_reason": "Feil navn.",
            },
        )
        assert response.status_code == 302
        entry.refresh_from_db()
        assert entry.name == "Lege Larsen" and entry.version == 2
        retract = reverse("admin:dhg_retract_entry", args=[card.pk, "careteammember", entry.pk])
        midwife_client.post(retract, {"reason": "Feil lege.", "expected_version": 2})
        entry.refresh_from_db()
        assert entry.entered_in_error and entry.retraction_reason == "Feil lege."
        page = midwife_client.get(url).content.decode()
        assert "Feil lege." in page

    def test_a_section_is_replaced_not_retracted(self, midwife_client, card):
        section = BeforePregnancy.objects.get(card=card)
        url = reverse("admin:dhg_retract_entry", args=[card.pk, "beforepregnancy", section.pk])
        assert midwife_client.get(url).status_code == 404


def test_reading_a_part_page_is_logged_as_a_read_of_that_part(midwife_client, card):
    midwife_client.get(part_url(card, parts.history.MEDICAL_CONDITIONS))
    read = AccessEvent.objects.filter(card_id=card.pk, action="read").latest("at")
    assert read.section == "medicalconditions"


class TestRoles:
    def test_each_clinician_role_may_read_and_record_the_card_and_no_more(self):
        from django.contrib.auth.models import Group

        from healthcard.apps import STAFF_ROLES

        for name in ("Jordmor", "Fastlege", "Sykehus: jordmor og fødselslege"):
            granted = set(
                Group.objects.get(name=name).permissions.values_list("codename", flat=True)
            )
            assert granted == {"view_card", "change_card"}
        assert set(STAFF_ROLES) == {
            "Jordmor",
            "Fastlege",
            "Sykehus: jordmor og fødselslege",
            "Personaladministrator",
        }

    def test_a_gp_records_as_the_midwife_does(self, client, card):
        from django.contrib.auth.models import Group

        from portal.models import User
        from tests.conftest import log_in_with_second_factor

        gp = User.objects.create_user(
            "gunnar",
            full_name="Gunnar Fastlege",
            is_staff=True,
            hpr_number="1234567",
            profession="Lege",
            org_nr="974589095",
            org_name="Frogner legesenter",
        )
        gp.groups.add(Group.objects.get(name="Fastlege"))
        log_in_with_second_factor(client, gp)
        url = part_url(card, parts.history.POINTS_OF_CONTACT)
        assert client.post(url, {"role": "gp", "name": "Gunnar Fastlege"}).status_code == 302
        assert (
            CareTeamMember.objects.get(card=card, name="Gunnar Fastlege").recorded_by_role == "Lege"
        )

    def test_the_staff_administrator_manages_staff_and_reads_no_card(self, client, card):
        from django.contrib.auth.models import Group

        from portal.models import User
        from tests.conftest import log_in_with_second_factor

        admin = User.objects.create_user("siri", full_name="Siri Personal", is_staff=True)
        admin.groups.add(Group.objects.get(name="Personaladministrator"))
        log_in_with_second_factor(client, admin)
        assert client.get("/admin/portal/user/").status_code == 200
        assert client.get(reverse("admin:dhg_card", args=[card.pk])).status_code == 403
        assert client.get(part_url(card, parts.history.MOTHER)).status_code == 403
        assert not AccessEvent.objects.filter(card_id=card.pk, actor_name="Siri Personal").exists()


def test_the_staff_administrator_makes_no_one_a_superuser(client, db):
    from django.contrib.auth.models import Group

    from portal.models import User
    from tests.conftest import log_in_with_second_factor

    admin = User.objects.create_user("siri", full_name="Siri Personal", is_staff=True)
    admin.groups.add(Group.objects.get(name="Personaladministrator"))
    root = User.objects.create_superuser("root", password="root-long-password-1")
    log_in_with_second_factor(client, admin)
    own = client.get(f"/admin/portal/user/{admin.pk}/change/").content.decode()
    assert 'name="is_superuser"' not in own
    assert (
        client.post(f"/admin/portal/user/{root.pk}/change/", {"is_superuser": ""}).status_code
        == 403
    )


@pytest.mark.parametrize("kind", ["consultation", "labresult", "bookedappointment", "nonsense"])
def test_the_visits_lists_have_no_page_of_their_own(midwife_client, card, kind):
    url = reverse("admin:dhg_part", args=[card.pk, kind])
    assert midwife_client.get(url).status_code == 404


def test_a_number_for_a_test_given_as_a_result_is_refused_not_an_error_page(midwife_client, card):
    response = midwife_client.post(
        reverse("admin:dhg_add_entry", args=[card.pk, "labresult"]),
        {"test": "NPU58582", "taken_on": timezone.localdate().isoformat(), "value": "5"},
    )
    assert response.status_code == 422
    assert "ikke som tall" in str(response.context["forms"]["labresult"].errors["value"])


class TestWhatTheMidwifeIsTold:
    def test_a_form_with_errors_is_announced_at_the_top_with_a_way_to_it(
        self, midwife_client, card
    ):
        response = midwife_client.post(
            reverse("admin:dhg_add_entry", args=[card.pk, "consultation"]),
            {"date": timezone.localdate().isoformat(), "weeks": "30", "systolic": "400"},
        )
        page = response.content.decode()
        # Above all else on the card, not only beside the form far down the page.
        assert page.index("Ingenting ble lagret: skjemaet har feil.") < page.index("dhg-facts")
        assert 'href="#new-consultation"' in page

    def test_a_damaged_hidden_field_is_named_as_such(self, midwife_client, card):
        part = parts.history.BEFORE_PREGNANCY
        response = midwife_client.post(
            part_url(card, part), {"height_cm": "170", "weight_kg": "60", "expected_version": "x"}
        )
        assert response.status_code == 422
        assert "Skjemaet kom fram skadet" in response.content.decode()

    def test_plausibility_is_told_in_her_language(self, midwife_client, card):
        response = midwife_client.post(
            reverse("admin:dhg_add_entry", args=[card.pk, "consultation"]),
            {"date": timezone.localdate().isoformat(), "weeks": "12", "days": "0"},
        )
        errors = str(response.context["forms"]["consultation"].errors["weeks"])
        assert "passer ikke med datoen" in errors and "does not match" not in errors

    def test_a_changed_entry_says_so(self, midwife_client, card):
        url = part_url(card, parts.history.POINTS_OF_CONTACT)
        midwife_client.post(url, {"role": "gp", "name": "Lege Legesen"})
        entry = CareTeamMember.objects.get(card=card, name="Lege Legesen")
        assert "(endret)" not in midwife_client.get(url).content.decode()
        midwife_client.post(
            reverse("admin:dhg_correct_entry", args=[card.pk, "careteammember", entry.pk]),
            {
                "role": "gp",
                "name": "Lege Larsen",
                "expected_version": entry.version,
                "change_reason": "Feil navn.",
            },
        )
        assert "(endret: " in midwife_client.get(url).content.decode()

    def test_notes_are_on_the_clinicians_card(self, midwife_client, card):
        url = part_url(card, parts.visits.NOTES)
        midwife_client.post(url, {"kind": "birth_plan", "text": "Ønsker epidural tidlig."})
        page = midwife_client.get(reverse("admin:dhg_card", args=[card.pk])).content.decode()
        assert "Merknader og fødselsplan" in page and "Ønsker epidural tidlig." in page

    def test_recent_actions_show_writes_not_every_page_she_read(self, midwife_client, card):
        for _ in range(3):
            midwife_client.get(part_url(card, parts.birth.BIRTH))
        midwife_client.post(
            part_url(card, parts.history.POINTS_OF_CONTACT), {"role": "gp", "name": "Lege Legesen"}
        )
        recent = midwife_client.get("/admin/").content.decode()
        assert "skrev" in recent and "fødsel" not in recent.split("recent-actions-module")[1]


def test_a_babys_values_are_bounded_on_their_own_fields(midwife_client, card):
    response = midwife_client.post(
        part_url(card, parts.birth.BIRTH),
        {
            "born_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "mode": "no such mode",
            "babies_0_outcome": "live_birth",
            "babies_0_weight_g": "90000",
            "babies_0_apgar_1": "15",
        },
    )
    errors = response.context["form"].errors
    assert response.status_code == 422
    assert {"mode", "babies_0_weight_g", "babies_0_apgar_1"} <= set(errors)


def test_a_correction_says_why_and_she_sees_it(midwife_client, client, card, kari):
    from healthcard.models import Consultation

    entry = Consultation.objects.filter(card=card, entered_in_error=False).latest("date")
    correct = reverse("admin:dhg_correct_entry", args=[card.pk, "consultation", entry.pk])
    data = {
        "date": entry.date.isoformat(),
        "weeks": entry.weeks,
        "days": entry.days,
        "systolic": "118",
        "diastolic": "76",
        "expected_version": entry.version,
    }
    refused = midwife_client.post(correct, data)
    assert refused.status_code == 422 and refused.context["form"].errors["change_reason"]
    response = midwife_client.post(correct, {**data, "change_reason": "Feil blodtrykk."})
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.change_reason == "Feil blodtrykk." and entry.systolic == 118
    client.force_login(kari)
    page = client.get(reverse("healthcard:card_by_id", args=[card.pk])).content.decode()
    assert 'endret: <span lang="no">Feil blodtrykk.</span>' in page


class TestContradictionsRefused:
    """What the second review found saved although it contradicts itself (the API refuses
    the same: it is the same check)."""

    def post(self, client, card, part, data) -> dict:
        version = part.model.objects.filter(card=card).values_list("version", flat=True).first()
        response = client.post(part_url(card, part), {**data, "expected_version": version or ""})
        assert response.status_code == 422
        return response.context["form"].errors

    def test_no_known_heredity_and_diabetes_in_the_family(self, midwife_client, card):
        errors = self.post(
            midwife_client,
            card,
            parts.history.GENETIC_DISORDERS,
            {"none_known": "true", "diabetes_in_first_degree_relative": "true"},
        )
        assert "diabetes hos foreldre" in str(errors["none_known"]).lower()

    def test_a_date_of_assisted_conception_without_it(self, midwife_client, card):
        data = {
            "last_period": card.currentpregnancy.last_period.isoformat(),
            "assisted_conception": "false",
            "assisted_conception_date": card.currentpregnancy.last_period.isoformat(),
        }
        errors = self.post(midwife_client, card, parts.pregnancy.CURRENT_PREGNANCY, data)
        assert "assisted_conception_date" in errors

    def test_no_earlier_pregnancy_but_an_earlier_birth(self, midwife_client, card):
        data = {"previous_pregnancies": "0", "live_births": "2"}
        errors = self.post(midwife_client, card, parts.history.PREVIOUS_PREGNANCIES, data)
        assert "Ingen tidligere svangerskap, men en tidligere fødsel." in str(errors)

    def test_the_api_bodys_own_checks_speak_norwegian_here(self, midwife_client, card):
        last = card.currentpregnancy.last_period
        data = {"last_period": last.isoformat(), "due_date_ultrasound": "2030-01-01"}
        errors = self.post(midwife_client, card, parts.pregnancy.CURRENT_PREGNANCY, data)
        assert "Terminen må være 200–320 dager" in str(errors["due_date_ultrasound"])


def test_her_notes_on_this_pregnancy_and_medicines_are_on_the_card(midwife_client, card):
    from healthcard.models import CurrentPregnancy, Medication

    CurrentPregnancy.objects.filter(card=card).update(note="Kvalm i uke 8.")
    Medication.objects.filter(card=card).update(note="Ventoline ved behov.")
    page = midwife_client.get(reverse("admin:dhg_card", args=[card.pk])).content.decode()
    assert "Kvalm i uke 8." in page and "Ventoline ved behov." in page
