"""The woman's own card pages. Every page reads through selectors.card_of(), so a
record id that is not hers is a 404; and without her active consent every page shows the
consent page instead of the card."""

import functools
import uuid
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe
from django.views.decorators.vary import vary_on_headers

from consent.erasure import Copy
from consent.forms import GiveConsentForm
from consent.selectors import ConsentState, consent_state, last_withdrawal
from consent.texts import CURRENT_VERSION, consent_text

from . import parts, presenters, printing, questionnaires, record
from .copies import once_per_version
from .forms import (
    AccessLogFilterForm,
    BirthWishesForm,
    DailyNoteForm,
    HerEntryForm,
    HomeMeasurementForm,
    QuestionForm,
    questionnaire_form,
)
from .lifecycle import CardClosed
from .models import DailyNote, Entry, HomeMeasurement, QuestionnaireResponse
from .selectors import (
    ALL_LISTS,
    DECISION_LISTS,
    card_of,
    card_version_of,
    carried_over_from,
    her_access_log,
    her_access_log_months,
    her_cards,
    her_questions,
)
from .services import (
    StaleVersion,
    ask_question,
    record_her_entry,
    retract_her_entry,
    save_birth_wishes,
)
from .validation import Implausible


class ConsentNeeded(Exception):
    def __init__(self, state: ConsentState):
        self.state = state


def _own_card(request: HttpRequest, card_id: uuid.UUID | None, *lists: str):
    """Her card (or None when she has none) and her consent, only while it is active."""
    card = card_of(woman=request.user, card_id=card_id, with_lists=lists)
    return card, _active_consent(request, card, card_id)


def _active_consent(request: HttpRequest, card, card_id: uuid.UUID | None) -> ConsentState:
    """Her consent, read with her card when she has one. A record id that is not hers is a
    404; without active consent the consent page is shown instead (consent_gate)."""
    if card is None and card_id is not None:
        raise Http404
    state = (
        ConsentState(card.consent_kind, card.consent_since)
        if card
        else consent_state(woman=request.user)
    )
    if not state.active:
        raise ConsentNeeded(state)
    return state


def consent_gate(view):
    """Render the consent page instead of the card when she has not (or no longer) consented."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except ConsentNeeded as needed:
            return render(
                request,
                "consent/consent_needed.html",
                {
                    "form": GiveConsentForm(),
                    "text": consent_text(CURRENT_VERSION, get_language()),
                    "withdrawn": needed.state.withdrawn,
                },
            )

    return wrapper


@login_required
@consent_gate
@require_safe
def card_detail(request: HttpRequest, card_id: uuid.UUID | None = None) -> HttpResponse:
    """Mitt helsekort: where she is now, her consultations and the growth charts.

    The most visited page: its overview (the costly part, ~40 consultations and three charts)
    is rendered once per version of the card, language and day (healthcard.copies); the
    layout around it is rendered per request. A view of an unchanged card costs her session,
    her user row and one light query for the card's version and her consent."""
    card = card_version_of(woman=request.user, card_id=card_id)
    state = _active_consent(request, card, card_id)
    if card is None:
        return render(request, "healthcard/card_empty.html", {"consent_since": state.since})
    overview = once_per_version(
        card,
        "overview",
        lambda: _render_overview(request, card.pk),
        get_language(),
        # Per hour: the week moves on each day, and a booked time passes within one.
        timezone.localtime().strftime("%Y-%m-%dT%H"),
    )
    return render(request, "healthcard/card_detail.html", {"rendered_overview": overview})


def _render_overview(request: HttpRequest, card_id: uuid.UUID) -> str:
    card, _consent = _own_card(
        request, card_id, *DECISION_LISTS, "careteammembers", "bookedappointments"
    )
    consultations = list(card.consultations.all())
    measurements = list(card.fundalheights.all())
    alerts = record.card_alerts(card)
    return render_to_string(
        "healthcard/partials/_card_overview.html",
        {
            "card": card,
            "overview": presenters.overview(card, consultations),
            "advice": presenters.advice_on(card, alerts),
            "postpartum": presenters.postpartum(card),
            "consultations": consultations,
            "fundal_heights": presenters.fundal_height_rows(measurements),
            "charts": presenters.card_charts(card, consultations, measurements),
        },
    )


@login_required
@require_safe
def card_list(request: HttpRequest) -> HttpResponse:
    """All her cards: the current one and those of earlier pregnancies."""
    cards = her_cards(woman=request.user)
    withdrawn = None if cards else last_withdrawal(woman=request.user)
    return render(request, "healthcard/card_list.html", {"cards": cards, "withdrawn": withdrawn})


@login_required
@consent_gate
@require_safe
def card_tests(request: HttpRequest, card_id: uuid.UUID) -> HttpResponse:
    card, _consent = _own_card(request, card_id, "labresults", "ultrasounds")
    return render(request, "healthcard/card_tests.html", {"card": card})


@login_required
@consent_gate
@require_safe
def card_health(request: HttpRequest, card_id: uuid.UUID) -> HttpResponse:
    card, _consent = _own_card(
        request, card_id, "careteammembers", "lifestylefactors", "birthoutcomes"
    )
    carried = presenters.carried_over(card, carried_over_from(card))
    return render(request, "healthcard/card_health.html", {"card": card, "carried": carried})


def _saved_wishes(card) -> dict:
    wishes = getattr(card, "birthwishes", None)
    if wishes is None:
        return {"wishes": "", "questions": "", "version": None}
    return {"wishes": wishes.wishes, "questions": wishes.questions, "version": wishes.version}


def _closed_wishes(request: HttpRequest, card) -> HttpResponse:
    """Her wishes on a closed card: shown, not edited; what she sent is shown back to her."""
    unsaved = request.POST if request.method == "POST" else None
    template = (
        "healthcard/partials/_birth_wishes_closed.html"
        if request.htmx
        else "healthcard/birth_wishes.html"
    )
    context = {"card": card, "unsaved": unsaved}
    return render(request, template, context, status=409 if unsaved else 200)


@login_required
@consent_gate
@require_http_methods(["GET", "HEAD", "POST"])
@vary_on_headers("HX-Request")
def birth_wishes(request: HttpRequest, card_id: uuid.UUID) -> HttpResponse:
    """Her own part of the card: wishes for the birth and questions for the midwife."""
    card, _consent = _own_card(request, card_id, "clinicalnotes")
    if card.is_closed:  # read-only for good: what she wrote is shown, not a form
        return _closed_wishes(request, card)
    form = BirthWishesForm(request.POST or None, initial=_saved_wishes(card))
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            try:
                save_birth_wishes(
                    card=card,
                    woman=request.user,
                    wishes=form.cleaned_data["wishes"],
                    questions=form.cleaned_data["questions"],
                    expected_version=form.cleaned_data["version"],
                )
            except CardClosed:  # closed by a clinician while she was writing
                card, _consent = _own_card(request, card_id, "clinicalnotes")
                return _closed_wishes(request, card)
            except StaleVersion:
                card, _consent = _own_card(request, card_id, "clinicalnotes")
                form = BirthWishesForm(initial=_saved_wishes(card))
                form.stale = True
                status = 409
            else:
                messages.success(request, _("Your wishes are saved on your health card."))
                if not request.htmx:
                    return redirect("healthcard:birth_wishes", card_id=card.pk)
                card, _consent = _own_card(request, card_id, "clinicalnotes")
                form = BirthWishesForm(initial=_saved_wishes(card))
                status = 200
    template = (
        "healthcard/partials/_birth_wishes_form.html"
        if request.htmx
        else "healthcard/birth_wishes.html"
    )
    return render(request, template, {"card": card, "form": form}, status=status)


@login_required
@consent_gate
@require_http_methods(["GET", "HEAD", "POST"])
def questions(request: HttpRequest, card_id: uuid.UUID) -> HttpResponse:
    """Her questions to the midwives who follow her up, with their answers; and a new one."""
    card, _consent = _own_card(request, card_id)
    form = QuestionForm(request.POST or None, initial={"submission_id": uuid.uuid4()})
    status = 200
    closed = _("The card is closed: no new questions can be asked on it.")
    if request.method == "POST":
        status = 422
        if card.is_closed:
            form.add_error(None, closed)
            status = 409
        elif form.is_valid():
            try:
                ask_question(
                    card=card,
                    woman=request.user,
                    text=form.cleaned_data["text"],
                    submission_id=form.cleaned_data["submission_id"],
                )
            except CardClosed:  # closed by a clinician while she was writing
                form.add_error(None, closed)
                status = 409
            else:
                messages.success(request, _("Your question is sent."))
                return redirect("healthcard:questions", card_id=card.pk)
    context = {"card": card, "form": form, "questions": her_questions(card=card)}
    return render(request, "healthcard/questions.html", context, status=status)


@dataclass(frozen=True)
class HerPage:
    """A page where she records something herself: its model, form and template."""

    path: str  # in the address, after the card's
    model: type[Entry]
    form: type[HerEntryForm]
    template: str
    saved: str  # what she is told once it is recorded


HER_PAGES = {
    "home_measurements": HerPage(
        "malinger",
        HomeMeasurement,
        HomeMeasurementForm,
        "healthcard/home_measurements.html",
        _("Your measurement is saved on your health card."),
    ),
    "daily_notes": HerPage(
        "dagbok",
        DailyNote,
        DailyNoteForm,
        "healthcard/daily_notes.html",
        _("Your note is saved on your health card."),
    ),
}
CLOSED_FOR_HER = _("The card is closed: nothing new can be recorded on it.")


@login_required
@consent_gate
@require_http_methods(["GET", "HEAD", "POST"])
def her_entries(request: HttpRequest, card_id: uuid.UUID, page: str) -> HttpResponse:
    """Her own measurements at home, or her daily notes of movements and symptoms: a form
    and what she has recorded. After a save the page shows at once any advice what she wrote
    raises (the decision support reads her entries beside the clinicians')."""
    her = HER_PAGES[page]
    card, _consent = _own_card(request, card_id, *DECISION_LISTS, "careteammembers")
    form = her.form(request.POST or None)
    status = 200
    if request.method == "POST":
        status = _record_hers(request, card, form, her.model, form.values)
        if status is None:
            messages.success(request, her.saved)
            return redirect(f"healthcard:{page}", card_id=card.pk)
    alerts = record.card_alerts(card)
    consultations = list(card.consultations.all())
    context = {
        "card": card,
        "form": form,
        "entries": list(getattr(card, parts.BY_MODEL[her.model].related_name).all()),
        "advice": presenters.advice_on(card, alerts),
        "charts": presenters.card_charts(card, consultations, list(card.fundalheights.all())),
    }
    return render(request, her.template, context, status=status)


def _record_hers(request: HttpRequest, card, form, model, values) -> int | None:
    """Record what she sent (values() once the form is valid), signed by her: None once
    recorded, else the status of the page whose form now says why not."""
    if card.is_closed:
        form.add_error(None, CLOSED_FOR_HER)
        return 409
    if not form.is_valid():
        return 422
    try:
        record_her_entry(
            card=card,
            woman=request.user,
            model=model,
            values=values(),
            submission_id=form.cleaned_data["submission_id"],
        )
    except Implausible as implausible:
        for name, message in implausible.errors.items():
            form.add_error(name if name in form.fields else None, message)
        return 422
    except CardClosed:  # closed by a clinician while she was writing
        form.add_error(None, CLOSED_FOR_HER)
        return 409
    return None


@login_required
@consent_gate
@require_http_methods(["POST"])
def retract_her_own(
    request: HttpRequest, card_id: uuid.UUID, page: str, entry_id: int
) -> HttpResponse:
    """She marks one of her own entries as wrong: it stays, struck through."""
    card, _consent = _own_card(request, card_id)
    model = HER_PAGES[page].model
    try:
        retract_her_entry(card=card, woman=request.user, model=model, entry_id=entry_id)
    except model.DoesNotExist:
        raise Http404 from None
    except CardClosed:
        messages.error(request, CLOSED_FOR_HER)
    else:
        messages.success(request, _("Marked as wrong. It stays on the card, struck through."))
    return redirect(f"healthcard:{page}", card_id=card.pk)


# The alerts on her own EPDS, for which she is shown where to get help now.
NEEDS_HELP_NOW = {"own-epds-self-harm", "own-epds-at-threshold"}


@login_required
@consent_gate
@require_safe
def questionnaire_list(request: HttpRequest, card_id: uuid.UUID) -> HttpResponse:
    """Her questionnaires: those she is asked to answer now, every one she may answer, and
    her answers; where to get help now when her own EPDS asks for it."""
    card, _consent = _own_card(request, card_id, *DECISION_LISTS)
    responses = list(card.questionnaireresponses.all())
    current = getattr(card, "currentpregnancy", None)
    due = questionnaires.due_now(
        today=timezone.localdate(),
        due_date=current.due_date if current else None,
        ended_on=card.ended_on,
        active=card.status == card.Status.ACTIVE,
        consultations=sum(not c.entered_in_error for c in card.consultations.all()),
        answered=[r for r in responses if not r.entered_in_error],
    )
    alerts = record.card_alerts(card)
    context = {
        "card": card,
        "due": due,
        "all": list(questionnaires.CURRENT.values()),
        "responses": responses,
        "help_now": {a.code for a in alerts} & NEEDS_HELP_NOW,
    }
    return render(request, "healthcard/questionnaires.html", context)


@login_required
@consent_gate
@require_http_methods(["GET", "HEAD", "POST"])
def questionnaire_answer(request: HttpRequest, card_id: uuid.UUID, code: str) -> HttpResponse:
    """One questionnaire to answer, scored on the server when she sends it."""
    questionnaire = questionnaires.CURRENT.get(code)
    if questionnaire is None:
        raise Http404
    card, _consent = _own_card(request, card_id)
    form = questionnaire_form(questionnaire)(
        request.POST or None, initial={"submission_id": uuid.uuid4()}
    )
    status = 200
    if request.method == "POST":
        status = _record_hers(
            request,
            card,
            form,
            QuestionnaireResponse,
            lambda: questionnaires.response_values(
                questionnaire, form.cleaned_data, language=get_language(), on=timezone.localdate()
            ),
        )
        if status is None:
            messages.success(request, _("Your answers are saved on your health card."))
            return redirect("healthcard:questionnaires", card_id=card.pk)
    context = {"card": card, "form": form, "questionnaire": questionnaire}
    return render(request, "healthcard/questionnaire.html", context, status=status)


@login_required
@consent_gate
@require_safe
def card_print(request: HttpRequest, card_id: uuid.UUID) -> HttpResponse:
    return render(request, "healthcard/card_print.html", _printed_card(request, card_id))


@login_required
@consent_gate
@require_safe
def card_pdf(request: HttpRequest, card_id: uuid.UUID) -> HttpResponse:
    """The print page as a PDF file, made on the server (healthcard.printing)."""
    context = _printed_card(request, card_id)
    html = render_to_string("healthcard/card_pdf.html", context, request=request)
    response = HttpResponse(printing.pdf_of(html), content_type="application/pdf")
    created = timezone.localtime(context["card"].created_at)
    response["Content-Disposition"] = f'attachment; filename="helsekort-{created:%Y-%m-%d}.pdf"'
    return response


def _printed_card(request: HttpRequest, card_id: uuid.UUID) -> dict:
    card, _consent = _own_card(request, card_id, *ALL_LISTS)
    consultations = list(card.consultations.all())
    measurements = list(card.fundalheights.all())
    alerts = record.card_alerts(card)
    return {
        "card": card,
        "alerts": alerts,
        "advice": presenters.advice_on(card, alerts),
        "overview": presenters.overview(card, consultations),
        "consultations": consultations,
        "fundal_heights": presenters.fundal_height_rows(measurements),
        "charts": presenters.card_charts(card, consultations, measurements),
        "questions": her_questions(card=card),
        "postpartum": presenters.postpartum(card),
    }


@login_required
@consent_gate
@require_safe
def card_download(request: HttpRequest, card_id: uuid.UUID) -> JsonResponse:
    """Her whole card as JSON, in the clinician API's record shape."""
    card, _consent = _own_card(request, card_id, *ALL_LISTS)
    document = {**record.record_document(card), "questions": record.questions_document(card)}
    response = JsonResponse(document, json_dumps_params={"indent": 2, "ensure_ascii": False})
    created = timezone.localtime(card.created_at)
    response["Content-Disposition"] = f'attachment; filename="helsekort-{created:%Y-%m-%d}.json"'
    return response


def copies_before_withdrawal(*, woman) -> list[Copy]:
    """What the withdraw page offers her to keep before her card is erased."""
    card = card_of(woman=woman)
    if card is None:
        return []
    return [
        Copy(
            _("Download my card (JSON)"), reverse("healthcard:card_download", args=[card.pk]), True
        ),
        Copy(_("Download my card (PDF)"), reverse("healthcard:card_pdf", args=[card.pk]), True),
        Copy(_("Print my card"), reverse("healthcard:card_print", args=[card.pk])),
    ]


@login_required
@require_safe
@vary_on_headers("HX-Request")
def access_log(request: HttpRequest) -> HttpResponse:
    """Hvem har sett helsekortet mitt: every access to her cards by anyone but her, newest
    first. Not behind the consent gate: the log outlives a withdrawn card. "Show more" is a
    plain link; with htmx it appends the next page in place."""
    form = AccessLogFilterForm(request.GET, months=her_access_log_months(woman=request.user))
    month = before = None
    if form.is_valid():
        month, before = form.chosen_month(), form.cleaned_data["before"]
    events, more = her_access_log(woman=request.user, month=month, before=before)
    context = {
        "form": form,
        "lines": presenters.access_lines(events),
        "more_query": _next_page(form, events) if more else None,
    }
    if request.htmx:
        return render(request, "healthcard/partials/_access_log_rows.html", context)
    return render(request, "healthcard/access_log.html", context)


def _next_page(form: AccessLogFilterForm, events) -> str:
    query = QueryDict(mutable=True)
    if form.is_valid() and form.cleaned_data["month"]:
        query["month"] = form.cleaned_data["month"]
    query["before"] = events[-1].pk
    return query.urlencode()
