"""What the woman's card pages show, derived from the card: where she is now, what comes
next, and chart geometry. Pure functions of data already loaded: no queries here."""

import datetime
from dataclasses import dataclass, field, replace

from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from . import charts, lifecycle, parts, selectors
from .clinical import dating, growth, guideline, rules
from .models import (
    AccessEvent,
    Card,
    DailyNote,
    HomeMeasurement,
    LabResult,
    QuestionnaireResponse,
)
from .record import card_alerts


@dataclass
class Overview:
    age: dating.GestationalAge | None
    due_date: datetime.date | None
    due_date_basis: str
    next_steps: list[guideline.Step]
    rhd_negative: bool
    next_check: datetime.date | None = None  # set by her clinician at the latest consultation
    next_appointment: object | None = None  # BookedAppointment: the next time booked for her
    cancelled_appointments: list = field(default_factory=list)  # times to come, cancelled


def _section(card: Card, name: str):
    # A missing one-to-one raises an AttributeError subclass, so getattr's default applies.
    return getattr(card, name, None)


def overview(card: Card, consultations, today: datetime.date | None = None) -> Overview:
    today = today or timezone.localdate()
    current = _section(card, "currentpregnancy")
    due_date = current.due_date if current else None
    rhd_negative = _section(card, "rhesusnegative") is not None
    age = None
    steps: list[guideline.Step] = []
    live = [c for c in consultations if not c.entered_in_error]
    latest = max(live, key=lambda c: (c.date, c.pk), default=None)
    planned = latest.next_check_on if latest else None
    next_check = (
        planned if planned and planned >= today and card.status == Card.Status.ACTIVE else None
    )
    next_appointment, cancelled = None, []
    if card.status in (Card.Status.ACTIVE, Card.Status.DELIVERED):
        now = timezone.now()
        to_come = [b for b in card.bookedappointments.all() if b.starts_at > now]
        booked = [b for b in to_come if not b.entered_in_error]
        next_appointment = min(booked, key=lambda b: (b.starts_at, b.pk), default=None)
        cancelled = [b for b in to_come if b.entered_in_error]
    if due_date and card.status == Card.Status.ACTIVE:
        age = dating.gestational_age(due_date, today)
        if age is not None:
            steps = guideline.next_steps(
                age, rhd_negative=rhd_negative, done=steps_done(card, live)
            )
    return Overview(
        age=age,
        due_date=due_date,
        due_date_basis=current.due_date_basis if current else "",
        next_steps=steps,
        rhd_negative=rhd_negative,
        next_check=next_check,
        next_appointment=next_appointment,
        cancelled_appointments=cancelled,
    )


def steps_done(card: Card, live_consultations) -> set[str]:
    """The programme's steps her card shows done: visits in their windows, a dating
    ultrasound, the fetal RhD test and anti-D."""
    done = guideline.steps_done_by_consultations([c.gestational_age for c in live_consultations])
    current = _section(card, "currentpregnancy")
    if current and current.due_date_ultrasound:
        done |= {"early_ultrasound", "routine_ultrasound"}
    rhesus = _section(card, "rhesusnegative")
    if rhesus and rhesus.fetus_rhd_positive is not None:
        done.add("fetal_rhd_test")
    if rhesus and (rhesus.anti_d_given or rhesus.fetus_rhd_positive is False):
        done.add("anti_d")
    return done


@dataclass
class WorklistRow:
    """One woman on a midwife's worklist: where she is, what is due, what needs her."""

    card: Card
    age: dating.GestationalAge | None
    due_date: datetime.date | None
    next_step: guideline.Step | None
    overdue: guideline.Step | None  # the latest visit whose window passed without one
    alerts: list  # record.CardAlert not yet followed up, the most urgent first
    last_visit: datetime.date | None
    next_appointment: object | None  # BookedAppointment
    unanswered: int  # her questions not yet answered

    @property
    def urgent(self) -> bool:
        return any(alert.severity == rules.URGENT for alert in self.alerts)


def worklist_row(card: Card, today: datetime.date | None = None) -> WorklistRow:
    """Expects the card's lists that decision support reads loaded (selectors.worklist)."""
    today = today or timezone.localdate()
    consultations = card.consultations.all()
    summary = overview(card, consultations, today)
    overdue = None
    if summary.age is not None:
        live = [c for c in consultations if not c.entered_in_error]
        overdue = guideline.missed_step(
            summary.age, rhd_negative=summary.rhd_negative, done=steps_done(card, live)
        )
    waiting = [alert for alert in card_alerts(card, today) if not alert.acknowledgement]
    return WorklistRow(
        card=card,
        age=summary.age,
        due_date=summary.due_date,
        next_step=summary.next_steps[0] if summary.next_steps else None,
        overdue=overdue,
        alerts=waiting,
        last_visit=card.last_visit,
        next_appointment=summary.next_appointment,
        unanswered=card.unanswered,
    )


@dataclass
class AdviceForHer:
    """What the card's alerts ask of her, with whom to call."""

    call_today: bool  # an urgent alert: the guideline wants her assessed today
    call_unit: bool  # the maternity unit is whom to call (not her midwife or GP)
    advice: list[str]
    maternity_unit: str
    phone: str


def advice_on(card: Card, alerts) -> "AdviceForHer | None":
    """Her advice on this card: none once its pregnancy ended early or the card is closed,
    when nothing more is asked of her on it."""
    if card.status not in (Card.Status.ACTIVE, Card.Status.DELIVERED):
        return None
    return advice_for_her(alerts, card.careteammembers.all())


def advice_for_her(alerts, care_team) -> AdviceForHer | None:
    """From the card's alerts (record.CardAlert) not yet acknowledged: once a clinician has
    acted on one, she is no longer asked to call about it."""
    alerts = [alert for alert in alerts if alert.rule.her_advice and not alert.acknowledgement]
    advice = [str(alert.rule.her_advice) for alert in alerts]
    if not advice:
        return None
    units = [
        member
        for member in care_team
        if member.role == "birth_institution" and not member.entered_in_error
    ]
    unit = next((u for u in units if u.phone), units[0] if units else None)
    return AdviceForHer(
        call_today=any(alert.severity == rules.URGENT for alert in alerts),
        call_unit=any(alert.rule.her_contact == rules.MATERNITY_UNIT for alert in alerts),
        advice=advice,
        # The unit's own name ("fødeavdelingen"), not the trust it belongs to.
        maternity_unit=(unit.name or unit.organisation) if unit else "",
        phone=unit.phone if unit else "",  # none: the unit is named, with legevakt's number
    )


@dataclass
class Postpartum:
    """After the birth: the checks the postpartum guideline offers her, which are done, and
    the visits recorded."""

    steps: list[tuple[str, str, bool]]  # (what, when, done)
    visits: list


POSTPARTUM_STEPS = (
    ("home_visit", gettext_lazy("Home visit from the midwife"), gettext_lazy("day 1 to 3")),
    ("health_station", gettext_lazy("Health station"), gettext_lazy("day 7 to 10")),
    ("six_week_check", gettext_lazy("Check after six weeks"), gettext_lazy("week 6 to 8")),
)


def postpartum(card: Card) -> Postpartum | None:
    """After a birth; on a closed card the visits only (nothing is offered any more)."""
    if card.status != Card.Status.DELIVERED and not (card.is_closed and card.delivery_date):
        return None
    visits = list(card.postpartumvisits.all())
    done = {v.kind for v in visits if not v.entered_in_error}
    steps = [(str(what), str(when), kind in done) for kind, what, when in POSTPARTUM_STEPS]
    return Postpartum(steps=[] if card.is_closed else steps, visits=visits)


@dataclass
class CarriedOver:
    """What of her history came from an earlier card, and which card."""

    sections: list[str]
    source: Card
    due_date: datetime.date | None


def carried_over(card: Card, source: Card | None) -> CarriedOver | None:
    if source is None or not card.carried_over:
        return None
    current = _section(source, "currentpregnancy")
    return CarriedOver(
        sections=[str(lifecycle.CARRIED_LABELS[name]) for name in card.carried_over],
        source=source,
        due_date=current.due_date if current else None,
    )


def fundal_height_rows(measurements) -> list[dict]:
    """The SF chart's table: each measurement with the reference band at its age."""
    rows = []
    for m in measurements:
        weeks = m.gestational_age.exact_weeks
        in_range = growth.VALID_WEEKS[0] <= weeks <= growth.VALID_WEEKS[1]
        rows.append(
            {
                "entry": m,
                "p10": round(growth.sfh_centile(weeks, growth.Z_P10), 1) if in_range else None,
                "p50": round(growth.sfh_mean(weeks), 1) if in_range else None,
                "p90": round(growth.sfh_centile(weeks, growth.Z_P90), 1) if in_range else None,
                "band": growth.sfh_band(weeks, float(m.centimetres)),
            }
        )
    return rows


def card_charts(card: Card, consultations, measurements) -> dict:
    """The card's three charts; her own home measurements beside the clinicians' (by the
    week of her due date: without one they are in her table only)."""
    before = _section(card, "beforepregnancy")
    home = _home_by_week(card)
    return {
        "fundal_height": charts.fundal_height_chart(measurements),
        "weight": charts.weight_chart(
            consultations,
            before.weight_kg if before else None,
            [(week, float(m.weight_kg)) for week, m in home if m.weight_kg],
        ),
        "blood_pressure": charts.blood_pressure_chart(
            consultations, [(week, m.systolic, m.diastolic) for week, m in home if m.systolic]
        ),
        "has_home": bool(home),
    }


def _home_by_week(card: Card) -> list[tuple[float, object]]:
    """Her live home measurements of the pregnancy (to its end, or 42 weeks), with their
    exact week."""
    current = _section(card, "currentpregnancy")
    due = current.due_date if current else None
    if due is None:
        return []
    last = min(card.ended_on or datetime.date.max, due + datetime.timedelta(days=14))
    found = []
    for m in card.homemeasurements.all():
        age = dating.gestational_age(due, m.measured_on)
        if not m.entered_in_error and age is not None and m.measured_on <= last:
            found.append((age.exact_weeks, m))
    return found


# What a log entry's section means to her, in plain words.
ACCESSED = {
    "record": gettext_lazy("your whole health card"),
    "status": gettext_lazy("whether you have a health card, and whether it has an urgent alert"),
    "search": gettext_lazy("you in the search for women"),
    "worklist": gettext_lazy("your week, next check and alerts in their list of women"),
    # A record system's retried batch, answered again with what it had written.
    "batch": gettext_lazy("what it had just written on your card"),
    "alerts": gettext_lazy("the card's alerts (seen and followed up)"),
    "handover": gettext_lazy("the summary for your child's health station"),
    "question": gettext_lazy("your question"),
    "recordstatus": gettext_lazy("the status of your card (ended or closed)"),
    **{part.log_name: part.accessed for part in parts.PARTS},
}


@dataclass(frozen=True)
class AccessLine:
    """One entry of her access log, in plain language."""

    who: str
    organisation: str
    role: str
    hpr: str
    did: str  # "saw your consultations"
    at: datetime.datetime  # the latest, when it stands for several
    channel: str
    system: str
    times: int = 1
    since: datetime.datetime | None = None  # the earliest of them

    def same_as(self, other: "AccessLine") -> bool:
        return (
            self.who,
            self.organisation,
            self.hpr,
            self.did,
            self.channel,
            self.system,
        ) == (
            other.who,
            other.organisation,
            other.hpr,
            other.did,
            other.channel,
            other.system,
        )


# Where the access came from, in her words.
CHANNEL_WORDS = {
    AccessEvent.Channel.API: gettext_lazy("from their record system"),
    AccessEvent.Channel.ADMIN: gettext_lazy("in DHG's pages for health personnel"),
}

# Reads one after another by the same person, of the same part, within this long of each
# other are one visit: she sees "saw your consultations 6 times", not six lines.
SAME_VISIT = datetime.timedelta(minutes=30)


def _weeks_of_written_entries(events) -> dict[tuple[str, int], int]:
    wanted: dict[str, set[int]] = {}
    for event in events:
        if event.entry_id is not None and event.section in selectors.WITH_WEEKS:
            wanted.setdefault(event.section, set()).add(event.entry_id)
    return selectors.weeks_of_entries(wanted)


def _tests_of_written_results(events) -> dict[int, str]:
    """The test of each lab result written, in plain words ("Hb"), while it is on the card."""
    ids = {e.entry_id for e in events if e.section == "labresult" and e.entry_id is not None}
    codes = selectors.tests_of_results(ids) if ids else {}
    return {
        pk: str(guideline.PLAIN_TEST_NAMES.get(code, display))
        for pk, (code, display) in codes.items()
    }


def _wrote(event, what: str, weeks: dict, tests: dict) -> str:
    part = parts.BY_LOG_NAME.get(event.section)
    if event.entry_id is None or part is None or part.one is None:
        return _("wrote about %(what)s") % {"what": what}
    week = weeks.get((event.section, event.entry_id))
    test = tests.get(event.entry_id) if event.section == "labresult" else None
    if test is not None:
        return _("wrote %(one)s: %(test)s") % {"one": part.one, "test": test}
    if week is None:  # erased with the card, or a kind of entry without a week
        return _("wrote %(one)s") % {"one": part.one}
    return _("wrote %(one)s (week %(week)s)") % {"one": part.one, "week": week}


def access_lines(events) -> list[AccessLine]:
    """Her access log in plain words, newest first, a visit's repeated accesses as one."""
    events = list(events)
    weeks = _weeks_of_written_entries(events)
    tests = _tests_of_written_results(events)
    # One spelling per organisation: the register's, where it holds the number.
    registered = selectors.organisation_names({e.org_nr for e in events if e.org_nr})
    lines: list[AccessLine] = []
    for event in events:
        what = ACCESSED.get(event.section, event.section)
        if event.action == AccessEvent.Action.WRITE and event.section == "record":
            did = _("opened a health card for you")
        elif event.action == AccessEvent.Action.WRITE and event.section == "question":
            did = _("answered your question")
        elif event.action == AccessEvent.Action.WRITE:
            did = _wrote(event, what, weeks, tests)
        else:
            did = _("saw %(what)s") % {"what": what}
        line = AccessLine(
            who=event.actor_name,
            organisation=registered.get(event.org_nr, event.org_name),
            role=event.actor_role,
            hpr=event.actor_hpr,
            did=did,
            at=event.at,
            channel=str(CHANNEL_WORDS.get(event.channel, event.get_channel_display())),
            system=event.source_system,
        )
        previous = lines[-1] if lines else None
        if previous and previous.same_as(line) and previous.since - line.at <= SAME_VISIT:
            lines[-1] = replace(previous, times=previous.times + 1, since=line.at)
        else:
            lines.append(replace(line, since=line.at))
    return lines


# What a staff member's own log entry was about, in her words ("read her whole card").
STAFF_ACCESSED = {
    "record": gettext_lazy("her whole card"),
    "search": gettext_lazy("her, in the search"),
    "alerts": gettext_lazy("an alert (seen and followed up)"),
    "handover": gettext_lazy("the summary for the child health station"),
    "recordstatus": gettext_lazy("the card's status"),
    "status": gettext_lazy("whether she has a card"),
    "batch": gettext_lazy("a batch of entries"),
}


@dataclass(frozen=True)
class StaffAction:
    at: datetime.datetime
    woman: str
    card_id: object  # None once she can no longer be opened (withdrawn, or no card)
    did: str
    times: int = 1


def staff_actions(events, still_open: set) -> list[StaffAction]:
    """A staff member's own recent accesses, newest first, repeats of the same one as one."""
    actions: list[StaffAction] = []
    seen: dict[tuple, int] = {}
    for event in events:
        wrote = event.action == AccessEvent.Action.WRITE
        part = parts.BY_LOG_NAME.get(event.section)
        if part is not None:
            meta = part.model._meta
            what = meta.verbose_name if event.entry_id else meta.verbose_name_plural
        else:
            what = STAFF_ACCESSED.get(event.section, event.section)
        if wrote and event.section == "record":
            did = _("opened her health card")
        elif wrote and event.section == "question":
            did = _("answered her question")
        else:
            did = (_("wrote %(what)s") if wrote else _("read %(what)s")) % {"what": what}
        action = StaffAction(
            at=event.at,
            woman=event.woman.get_full_name(),
            card_id=event.card_id if event.card_id in still_open else None,
            did=did,
        )
        key = (action.woman, action.card_id, action.did)
        if key in seen:  # the same again, earlier: counted on the newest line
            index = seen[key]
            actions[index] = replace(actions[index], times=actions[index].times + 1)
        else:
            seen[key] = len(actions)
            actions.append(action)
    return actions


@dataclass(frozen=True)
class Change:
    at: datetime.datetime
    who: str
    organisation: str
    what: str
    hers: bool = False  # written by the woman herself


# What she recorded herself, as "since you last saw the card" says it.
HER_OWN_WORDS = {
    HomeMeasurement: gettext_lazy("recorded a measurement at home"),
    DailyNote: gettext_lazy("noted the baby's movements or a symptom"),
    QuestionnaireResponse: gettext_lazy("answered a questionnaire"),
}


def changes_since(card: Card, since: datetime.datetime, writes, questions, me) -> list[Change]:
    """What changed on the card since this clinician last looked, by whom, newest first:
    the writes of others (from the access log) and what she wrote herself. The card is
    loaded with its lists, so an entry still on it is named with its week or test."""
    on_card = {
        (parts.BY_MODEL[type(entry)].log_name, entry.pk): entry
        for part in parts.LISTS
        for entry in getattr(card, part.related_name).all()
    }
    changes = []
    for event in writes:
        if event.staff_user_id is not None and event.staff_user_id == me.staff_user_id:
            continue  # her own
        entry = on_card.get((event.section, event.entry_id))
        changes.append(
            Change(event.at, event.actor_name, event.org_name, _clinician_words(event, entry))
        )
    woman = card.woman.get_full_name()
    for question in questions:
        if question.asked_at > since:
            changes.append(Change(question.asked_at, woman, "", _("asked a question"), True))
    for entry in [
        *card.homemeasurements.all(),
        *card.dailynotes.all(),
        *card.questionnaireresponses.all(),
    ]:
        if entry.recorded_at > since:
            what = HER_OWN_WORDS[type(entry)]
            changes.append(Change(entry.recorded_at, woman, "", str(what), True))
    wishes = getattr(card, "birthwishes", None)
    if wishes is not None and wishes.recorded_at > since:
        changes.append(Change(wishes.recorded_at, woman, "", _("wrote her birth wishes"), True))
    return sorted(changes, key=lambda change: change.at, reverse=True)


def _clinician_words(event, entry) -> str:
    """A write in a clinician's words: "wrote consultation (week 30)"."""
    part = parts.BY_LOG_NAME.get(event.section)
    if event.section == "question":
        return _("answered her question")
    if part is None:
        return _("wrote %(what)s") % {"what": STAFF_ACCESSED.get(event.section, event.section)}
    what = part.model._meta.verbose_name
    if entry is not None and getattr(entry, "weeks", None) is not None:
        what = _("%(what)s (week %(week)s)") % {"what": what, "week": entry.weeks}
    elif entry is not None and isinstance(entry, LabResult):
        what = f"{what}: {guideline.PLAIN_TEST_NAMES.get(entry.code, entry.display)}"
    if entry is not None and entry.retracted_at and event.at >= entry.retracted_at:
        return _("marked %(what)s as entered in error") % {"what": what}
    return _("wrote %(what)s") % {"what": what}


def entry_facts(entry, names: list[str]) -> list[tuple[str, str]]:
    """(label, value) of what an entry records, in its form's order; what is not recorded
    is left out (the administration's list of a part's entries)."""
    facts = []
    for name in names:
        model_field = entry._meta.get_field(name)
        value = getattr(entry, name)
        if value in (None, "", []):
            continue
        if model_field.choices:
            value = getattr(entry, f"get_{name}_display")()
        elif hasattr(entry, f"get_{name}_display"):  # a set of codes
            value = ", ".join(getattr(entry, f"get_{name}_display")())
        elif isinstance(value, bool):
            value = _("Yes") if value else _("No")
        elif isinstance(value, datetime.datetime):
            value = formats.date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")
        elif isinstance(value, datetime.date):
            value = formats.date_format(value, "SHORT_DATE_FORMAT")
        else:
            value = formats.localize(value)
        facts.append((capfirst(model_field.verbose_name), str(value)))
    return facts


# The parts recorded on pages of their own in the administration, as the paper card groups
# them (the visits' own lists are recorded on the card's page).
PART_PAGES = (
    (
        gettext_lazy("Record her history"),
        (
            parts.history.MOTHER,
            parts.history.PREVIOUS_PREGNANCIES,
            parts.history.GENETIC_DISORDERS,
            parts.history.MEDICAL_CONDITIONS,
            parts.history.MEDICATION,
            parts.history.BEFORE_PREGNANCY,
            parts.history.LIFESTYLE_FACTORS,
        ),
    ),
    (
        gettext_lazy("Record this pregnancy"),
        (
            parts.pregnancy.CURRENT_PREGNANCY,
            parts.pregnancy.RHESUS_NEGATIVE,
            parts.pregnancy.ULTRASOUNDS,
            parts.history.POINTS_OF_CONTACT,
            parts.visits.NOTES,
        ),
    ),
    (gettext_lazy("Record the birth"), (parts.birth.BIRTH, parts.birth.BIRTH_STATUS)),
)


@dataclass(frozen=True)
class PartLink:
    part: parts.Part
    label: str
    recorded: str  # "not recorded", "recorded", "3 recorded"


def part_links(card: Card) -> list[tuple[str, list[PartLink]]]:
    """The card's parts with pages of their own, each with whether it is recorded (from the
    card as loaded: no queries)."""
    groups = []
    for heading, group in PART_PAGES:
        links = []
        for part in group:
            meta = part.model._meta
            if part.is_list:
                count = sum(
                    1 for e in getattr(card, part.related_name).all() if not e.entered_in_error
                )
                recorded = (
                    ngettext("%(count)d recorded", "%(count)d recorded", count) % {"count": count}
                    if count
                    else _("none recorded")
                )
                label = meta.verbose_name_plural
            else:
                recorded = _("recorded") if _section(card, part.related_name) else _("not recorded")
                label = meta.verbose_name
            links.append(PartLink(part, capfirst(label), recorded))
        groups.append((heading, links))
    return groups


# Each sortable column of the worklist, and which way its own order runs (the week: the
# furthest on first; questions: the most waiting first; last visit: the longest ago first).
WORKLIST_DIRECTIONS = {
    "name": "ascending",
    "week": "descending",
    "questions": "descending",
    "last_visit": "ascending",
}


@dataclass(frozen=True)
class SortLink:
    href: str  # this column's order, or its reverse if the list is in this column's order
    aria_sort: str | None  # how the list is sorted by this column now, if it is


def worklist_sorting(order: str) -> dict[str, SortLink]:
    links = {}
    for column, direction in WORKLIST_DIRECTIONS.items():
        if order.removeprefix("-") != column:
            links[column] = SortLink(f"?sort={column}", None)
            continue
        reversed_ = order.startswith("-")
        if reversed_:
            direction = "descending" if direction == "ascending" else "ascending"
        links[column] = SortLink(f"?sort={column if reversed_ else '-' + column}", direction)
    return links
