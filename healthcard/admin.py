"""The midwife's workplace in the administration: her worklist, finding a woman by her
national identity number and opening her card, reading it in the clinician's voice, and
recording on it everything the API writes (the visits' lists on the card's page, every other
part on a page of its own), checked by the API's own bodies and written by the same
services; correcting an entry (the old version kept, the reason shown) or marking it entered
in error. Only women with active consent are found. Every request that touches a card leaves
exactly its access-log entries, written through the selectors and services in the same
transaction. Nothing is deleted here, the access log is not shown, and consent is the
woman's alone: none of that is offered.

The card's models are deliberately not registered as model lists: raw lists would show cards
without the consent gate and without logging."""

import functools
import hashlib
import json
import uuid

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from consent.selectors import consenting_woman
from consent.services import ConsentRequired
from portal.nin import birth_date

from . import handover, idempotency, lifecycle, parts, presenters
from .forms import (
    ENTRY_FORMS,
    VISIT_FORMS,
    AnswerForm,
    EndPregnancyForm,
    EntryForm,
    FindWomanForm,
    OpenCardForm,
    RetractForm,
)
from .lifecycle import CardClosed, RefusedTransition
from .models import Card, Question
from .parts.fields import Refused
from .record import card_alerts
from .selectors import (
    WORKLIST_ORDERS,
    babies_carried,
    card_to_write_for_staff,
    carried_over_from,
    find_woman_for_staff,
    get_card_for_staff,
    get_entry,
    last_look,
    part_of_card,
    urgent_alerts_raised_by,
    worklist_for_staff,
    written_since,
)
from .services import (
    Actor,
    AlreadyActive,
    AlreadyAnswered,
    EntryRetracted,
    EntryWrite,
    NoSuchAlert,
    OpenUrgentAlerts,
    SectionWrite,
    StaleVersion,
    StillAfterBirth,
    acknowledge_alert,
    answer_question,
    close_card,
    correct_entry,
    create_card,
    end_pregnancy,
    retract_entry,
    write_batch,
)
from .validation import Implausible


def _closed_card_refused(view):
    """A write to a card closed meanwhile (in another tab, or by the daily closing) is
    refused with a message, not an error page."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except CardClosed:
            messages.error(request, _("The card is closed: nothing was saved."))
            return redirect("admin:dhg_card", card_id=kwargs["card_id"])

    return wrapper


def _entry_form_class(kind: str, *, of_list: bool = False) -> type[EntryForm]:
    """The form of a part; of_list: of a list, whose entries are corrected and retracted
    one by one (a section is replaced whole)."""
    form_class = ENTRY_FORMS.get(kind)
    if form_class is None or (of_list and not parts.BY_LOG_NAME[kind].is_list):
        raise Http404
    return form_class


@admin.register(Card)
class CardAdmin(admin.ModelAdmin):
    def has_add_permission(self, request) -> bool:
        return False  # a card is opened from the search, for a woman who has consented

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def get_urls(self):
        def view(function, methods=("GET", "HEAD", "POST")):
            return self.admin_site.admin_view(
                require_http_methods(list(methods))(_closed_card_refused(function))
            )

        return [
            path("", view(self.find_view), name="healthcard_card_changelist"),
            path("arbeidsliste/", view(self.worklist_view, ["GET", "HEAD"]), name="dhg_worklist"),
            path(
                "opprett/", view(require_POST(self.open_card_view), ["POST"]), name="dhg_open_card"
            ),
            path("<uuid:card_id>/", view(self.card_view, ["GET", "HEAD"]), name="dhg_card"),
            path(
                "<uuid:card_id>/<slug:kind>/ny/",
                view(require_POST(self.add_entry_view), ["POST"]),
                name="dhg_add_entry",
            ),
            path("<uuid:card_id>/del/<slug:kind>/", view(self.part_view), name="dhg_part"),
            path(
                "<uuid:card_id>/status/",
                view(require_POST(self.status_view), ["POST"]),
                name="dhg_card_status",
            ),
            path(
                "<uuid:card_id>/varsel/sett/",
                view(require_POST(self.acknowledge_view), ["POST"]),
                name="dhg_acknowledge_alert",
            ),
            path(
                "<uuid:card_id>/sporsmal/<int:question_id>/svar/",
                view(require_POST(self.answer_view), ["POST"]),
                name="dhg_answer_question",
            ),
            path(
                "<uuid:card_id>/<slug:kind>/<int:entry_id>/rett/",
                view(self.correct_view),
                name="dhg_correct_entry",
            ),
            path(
                "<uuid:card_id>/<slug:kind>/<int:entry_id>/feilregistrert/",
                view(self.retract_view),
                name="dhg_retract_entry",
            ),
        ]

    # --- permissions -----------------------------------------------------------------------

    def _require(self, request: HttpRequest, *, write: bool = False) -> Actor:
        allowed = (
            self.has_change_permission(request) if write else self.has_view_permission(request)
        )
        if not allowed:
            raise PermissionDenied
        return Actor.staff(request.user)

    def _context(self, request: HttpRequest, **context) -> dict:
        return {**self.admin_site.each_context(request), "opts": self.opts, **context}

    # --- views -----------------------------------------------------------------------------

    def find_view(self, request: HttpRequest) -> HttpResponse:
        """Find a woman by her national identity number (sent in the form body, never in a
        URL). The search is logged when it finds her."""
        actor = self._require(request)
        form = FindWomanForm(request.POST or None)
        found, status = None, 200
        if request.method == "POST":
            if not form.is_valid():
                status = 422
            else:
                with transaction.atomic():
                    found = find_woman_for_staff(
                        national_id=form.cleaned_data["national_id"], actor=actor
                    )
                if found is None:
                    form.add_error(
                        "national_id",
                        _("No woman with this number has consented to the digital health card."),
                    )
                    status = 404
        woman, cards = found or (None, [])
        may_open = woman and self.has_change_permission(request)
        context = self._context(
            request,
            title=_("Find a pregnant woman"),
            form=form,
            opening=OpenCardForm(initial={"national_id": woman.national_id}) if may_open else None,
            has_open_card=any(
                c.status in (Card.Status.ACTIVE, Card.Status.DELIVERED) for c in cards
            ),
            woman=woman,
            born=birth_date(woman.national_id, allow_synthetic=True) if woman else None,
            cards=cards,
        )
        return render(request, "admin/healthcard/find.html", context, status=status)

    def worklist_view(self, request: HttpRequest) -> HttpResponse:
        """The women in her organisation's care, one page at a time, sorted as she asks."""
        actor = self._require(request)
        order = request.GET.get("sort", "week")
        if order.removeprefix("-") not in WORKLIST_ORDERS:
            order = "week"
        page = None
        if actor.org_nr:
            with transaction.atomic():
                page = worklist_for_staff(actor=actor, order=order, page=request.GET.get("page"))
        context = self._context(
            request,
            title=_("My women"),
            page=page,
            rows=[presenters.worklist_row(card) for card in page] if page else [],
            order=order,
            sorting=presenters.worklist_sorting(order),
        )
        return render(request, "admin/healthcard/worklist.html", context)

    def card_view(self, request: HttpRequest, card_id: uuid.UUID) -> HttpResponse:
        actor = self._require(request)
        return self._render_card(request, card_id, actor)

    def _render_card(
        self,
        request: HttpRequest,
        card_id: uuid.UUID,
        actor: Actor,
        *,
        bound=None,
        ending=None,
        answering=None,
        status=200,
    ) -> HttpResponse:
        """Her whole card (a logged read), with the forms to record on it; a form that failed
        validation comes back open with its errors."""
        with transaction.atomic():
            since = last_look(user=request.user, card_id=card_id)  # before this look is logged
            card = get_card_for_staff(card_id=card_id, actor=actor)
        if card is None:
            raise Http404
        consultations = list(card.consultations.all())
        measurements = list(card.fundalheights.all())
        questions = list(card.questions.all())
        changes = None
        if since is not None:
            writes = written_since(card_id=card.pk, since=since)
            changes = presenters.changes_since(card, since, writes, questions, actor)
        overview = presenters.overview(card, consultations)
        alerts = card_alerts(card)
        forms = {
            kind: form_class(initial=_new_entry_initial(overview))
            for kind, form_class in ENTRY_FORMS.items()
            if form_class in VISIT_FORMS
        }
        if bound is not None:
            forms[bound[0]] = bound[1]
        context = self._context(
            request,
            title=card.woman.get_full_name(),
            card=card,
            born=birth_date(card.woman.national_id, allow_synthetic=True),
            overview=overview,
            consultations=consultations,
            fundal_heights=presenters.fundal_height_rows(measurements),
            charts=presenters.card_charts(card, consultations, measurements),
            for_clinician=True,
            since=since,
            changes=changes,
            postpartum=presenters.postpartum(card),
            alerts=alerts,
            questions=questions,
            answering=answering,
            answer_form=AnswerForm(),
            handover=handover.summary(card, alerts),
            part_links=presenters.part_links(card),
            carried=presenters.carried_over(card, carried_over_from(card)),
            ending=ending or EndPregnancyForm(),
            may_write=self.has_change_permission(request),
            may_acknowledge=self.has_change_permission(request) and not card.is_closed,
            closes_on=lifecycle.closes_on(card),
            flag_entries=True,
            forms=forms,
            open_form=bound[0] if bound else None,
            # After the birth the card stays open for the checks of the postpartum period.
            staff_actions=self.has_change_permission(request)
            and card.status in (Card.Status.ACTIVE, Card.Status.DELIVERED),
        )
        return render(request, "admin/healthcard/card.html", context, status=status)

    def open_card_view(self, request: HttpRequest) -> HttpResponse:
        """Open the card of a consenting woman who has none open: empty, or with her history
        carried over from her earlier card. Sent twice, it opens one card."""
        actor = self._require(request, write=True)
        form = OpenCardForm(request.POST)
        woman = form.is_valid() and consenting_woman(national_id=form.cleaned_data["national_id"])
        if not woman:
            messages.error(request, _("She was not found, or has withdrawn her consent."))
            return redirect("admin:healthcard_card_changelist")
        try:
            card = create_card(woman=woman, actor=actor, carry_over=form.cleaned_data["carry_over"])
        except ConsentRequired:
            return self._consent_gone(request)
        except AlreadyActive as active:
            messages.info(request, _("She already has an open health card: here it is."))
            return redirect("admin:dhg_card", card_id=active.record_id)
        except StillAfterBirth as delivered:
            messages.error(
                request,
                _(
                    "Her card of the last birth is still open for the checks after the birth: "
                    "close it before a new card is opened."
                ),
            )
            return redirect("admin:dhg_card", card_id=delivered.record_id)
        messages.success(request, _("The health card is opened. Record her history first."))
        return redirect(_card_url(card))

    def add_entry_view(self, request: HttpRequest, card_id: uuid.UUID, kind: str) -> HttpResponse:
        actor = self._require(request, write=True)
        form_class = _entry_form_class(kind)
        card = card_to_write_for_staff(card_id=card_id)
        if card is None or form_class not in VISIT_FORMS:  # the others have a page of their own
            raise Http404
        form = form_class(request.POST)
        values = _checked(form, kind)
        if values is None:
            return self._render_card(request, card_id, actor, bound=(kind, form), status=422)
        try:
            entry = _add_once(request, card, actor, form, values)
        except ConsentRequired:
            return self._consent_gone(request)
        except Implausible as implausible:
            _add_errors(form, implausible.errors)
            return self._render_card(request, card_id, actor, bound=(kind, form), status=422)
        except idempotency.KeyReused:
            return self._saved_before(request, card)
        if entry is None:
            messages.info(request, _("This was saved already; it is recorded once."))
        else:
            messages.success(request, _("Saved on her health card."))
            self._say_urgent(request, entry)
        return redirect(_card_url(card))

    def part_view(self, request: HttpRequest, card_id: uuid.UUID, kind: str) -> HttpResponse:
        """A part of her card on a page of its own: a section (her history, this pregnancy,
        the birth) to record or change, or a list (her care team, ultrasounds) to add to,
        with the entries it has. What is sent is checked as the API checks a record system's
        writes, and written by the same services."""
        actor = self._require(request, write=request.method == "POST")
        form_class = _entry_form_class(kind)
        if form_class in VISIT_FORMS:  # recorded on the card's own page
            raise Http404
        part = parts.BY_LOG_NAME[kind]
        card = card_to_write_for_staff(card_id=card_id)
        if card is None:
            raise Http404
        section = None if part.is_list else part_of_card(card=card, part=part)
        rows = _rows_of(card, section) if form_class.rows_field else {}
        status = 200
        if request.method == "POST" and not card.is_closed:
            form = form_class(request.POST, instance=part.model(card=card), **rows)
            status, entry = self._write_part(request, card, actor, part, form)
            if status == 302:
                return entry
        else:
            initial = {"expected_version": section.version} if section else {}
            form = form_class(instance=section, initial=initial, **rows)
        current = part_of_card(card=card, part=part) if status == 409 or part.is_list else section
        actor.log(woman=card.woman, card_id=card.pk, action="read", sections=[part.log_name])
        names, meta = list(form_class._meta.fields), part.model._meta
        shown = current if part.is_list else [current] if current else []
        context = self._context(
            request,
            title=capfirst(meta.verbose_name_plural if part.is_list else meta.verbose_name),
            card=card,
            part=part,
            kind=kind,
            form=form,
            recorded=[(row, presenters.entry_facts(row, names)) for row in shown],
            may_write=self.has_change_permission(request) and not card.is_closed,
        )
        return render(request, "admin/healthcard/part.html", context, status=status)

    def _write_part(self, request, card, actor, part, form) -> tuple[int, object]:
        """(302, the redirect) once written, or the status of the form shown again."""
        values = _checked(form, part.log_name)
        if values is None:
            return 422, None
        try:
            if part.is_list:
                entry = _add_once(request, card, actor, form, values)
            else:
                version = form.cleaned_data["expected_version"]
                write = SectionWrite(part.model, values, version)
                [entry], _entries = write_batch(
                    card=card, actor=actor, sections=[write], entries=[]
                )
        except ConsentRequired:
            return 302, self._consent_gone(request)
        except idempotency.KeyReused:
            return 302, self._saved_before(request, card)
        except Implausible as implausible:
            _add_errors(form, implausible.errors)
            return 422, None
        except StaleVersion as stale:
            form.add_error(
                None,
                _(
                    "Someone changed this while you were writing: what is recorded now is "
                    "shown above. Check it, and save again to replace it."
                ),
            )
            form.data = form.data.copy()
            form.data["expected_version"] = stale.current_version
            return 409, None
        if entry is None:
            messages.info(request, _("This was saved already; it is recorded once."))
        else:
            messages.success(request, _("Saved on her health card."))
            self._say_urgent(request, entry)
        return 302, redirect(_card_url(card) + "#parts")

    def acknowledge_view(self, request: HttpRequest, card_id: uuid.UUID) -> HttpResponse:
        """The midwife has seen an alert and acted on it: recorded with her name and HPR."""
        actor = self._require(request, write=True)
        card = card_to_write_for_staff(card_id=card_id)
        if card is None:
            raise Http404
        try:
            acknowledge_alert(
                card=card,
                alert_id=request.POST.get("alert", ""),
                actor=actor,
                note=request.POST.get("note", "").strip()[:500],
            )
        except ConsentRequired:
            return self._consent_gone(request)
        except NoSuchAlert:
            messages.error(request, _("The alert has ended meanwhile: see the card as it is now."))
        else:
            messages.success(request, _("The alert is marked as seen and followed up."))
        return redirect(_card_url(card) + "#alerts")

    def answer_view(
        self, request: HttpRequest, card_id: uuid.UUID, question_id: int
    ) -> HttpResponse:
        """Her question answered: the answer is shown to her on her card, signed."""
        actor = self._require(request, write=True)
        card = card_to_write_for_staff(card_id=card_id)
        if card is None:
            raise Http404
        form = AnswerForm(request.POST)
        if not form.is_valid():
            answering = (question_id, form)
            return self._render_card(request, card_id, actor, answering=answering, status=422)
        try:
            answer_question(
                card=card, question_id=question_id, actor=actor, text=form.cleaned_data["answer"]
            )
        except ConsentRequired:
            return self._consent_gone(request)
        except Question.DoesNotExist:
            raise Http404 from None
        except AlreadyAnswered:
            messages.error(
                request, _("Someone answered the question first: see their answer below.")
            )
        else:
            messages.success(request, _("The answer is on her card."))
        return redirect(_card_url(card) + "#questions")

    def status_view(self, request: HttpRequest, card_id: uuid.UUID) -> HttpResponse:
        """Close a card whose pregnancy has ended, or record an early end by its date."""
        actor = self._require(request, write=True)
        card = card_to_write_for_staff(card_id=card_id)
        if card is None:
            raise Http404
        try:
            if request.POST.get("action") == "close":
                try:
                    close_card(card=card, actor=actor)
                except OpenUrgentAlerts:
                    messages.error(
                        request,
                        _(
                            "The card has urgent alerts not yet followed up: mark them as seen "
                            "and followed up first."
                        ),
                    )
                    return redirect(_card_url(card) + "#alerts")
                messages.success(request, _("The card is closed. It can be read, not changed."))
            else:
                form = EndPregnancyForm(request.POST)
                if not form.is_valid():
                    return self._render_card(request, card_id, actor, ending=form, status=422)
                try:
                    end_pregnancy(card=card, actor=actor, ended_on=form.cleaned_data["ended_on"])
                except Implausible as implausible:
                    form.add_error("ended_on", list(implausible.errors.values()))
                    return self._render_card(request, card_id, actor, ending=form, status=422)
                messages.success(request, _("The end of the pregnancy is recorded."))
        except ConsentRequired:
            return self._consent_gone(request)
        except RefusedTransition:
            messages.error(
                request, _("The card's status has changed meanwhile: see it as it is now.")
            )
        return redirect(_card_url(card))

    def correct_view(
        self, request: HttpRequest, card_id: uuid.UUID, kind: str, entry_id: int
    ) -> HttpResponse:
        """Correct an entry: the corrected values replace the old, which are kept as a
        revision; a correction of a version someone else has changed meanwhile is refused."""
        actor = self._require(request, write=True)
        form_class = _entry_form_class(kind, of_list=True)
        card, entry = self._entry(card_id, form_class, entry_id)
        if entry.entered_in_error:
            return self._retracted_meanwhile(request, card)
        status = 200
        if request.method == "POST":
            form = form_class(
                request.POST, instance=form_class._meta.model(card=card), correcting=True
            )
            values = _checked(form, kind, correcting=entry)
            if values is not None:
                try:
                    correct_entry(
                        entry=entry,
                        actor=actor,
                        expected_version=form.cleaned_data["expected_version"],
                        fetuses=values.pop("fetuses", None),
                        reason=form.cleaned_data["change_reason"],
                        **values,
                    )
                except ConsentRequired:
                    return self._consent_gone(request)
                except EntryRetracted:
                    return self._retracted_meanwhile(request, card)
                except Implausible as implausible:
                    _add_errors(form, implausible.errors)
                    status = 422
                except StaleVersion:
                    _stale(
                        form,
                        entry,
                        _(
                            "Someone changed this entry while you were correcting it. "
                            "Check the current values below and correct again."
                        ),
                    )
                    status = 409
                else:
                    messages.success(request, _("The entry is corrected. The old version is kept."))
                    self._say_urgent(request, entry)
                    return redirect(_card_url(card))
            else:
                status = 422
        else:
            form = form_class(instance=entry, initial=_correction_initial(entry), correcting=True)
        self._log_shown(card, entry, actor)
        context = self._context(
            request,
            title=_("Correct: %(entry)s") % {"entry": entry._meta.verbose_name},
            card=card,
            entry=entry,
            kind=kind,
            form=form,
        )
        return render(request, "admin/healthcard/correct.html", context, status=status)

    def retract_view(
        self, request: HttpRequest, card_id: uuid.UUID, kind: str, entry_id: int
    ) -> HttpResponse:
        """Mark an entry as entered in error: it stays on the card, struck through."""
        actor = self._require(request, write=True)
        card, entry = self._entry(card_id, _entry_form_class(kind, of_list=True), entry_id)
        form = RetractForm(
            request.POST if request.method == "POST" else None,
            initial={"expected_version": entry.version},
        )
        status = 200
        if form.is_bound and not entry.entered_in_error:
            if form.is_valid():
                try:
                    retract_entry(
                        entry=entry,
                        actor=actor,
                        reason=form.cleaned_data["reason"],
                        expected_version=form.cleaned_data["expected_version"],
                    )
                except ConsentRequired:
                    return self._consent_gone(request)
                except StaleVersion:
                    _stale(
                        form,
                        entry,
                        _(
                            "Someone changed this entry while you were looking at it. "
                            "Check it below before you mark it as entered in error."
                        ),
                    )
                    status = 409
                else:
                    messages.success(request, _("The entry is marked as entered in error."))
                    return redirect(_card_url(card))
            else:
                status = 422
        self._log_shown(card, entry, actor)
        context = self._context(
            request,
            title=_("Mark as entered in error"),
            card=card,
            entry=entry,
            kind=kind,
            form=form,
        )
        return render(request, "admin/healthcard/retract.html", context, status=status)

    # --- helpers ---------------------------------------------------------------------------

    def _entry(self, card_id: uuid.UUID, form_class: type[EntryForm], entry_id: int):
        card = card_to_write_for_staff(card_id=card_id)
        entry = card and get_entry(card=card, model=form_class._meta.model, entry_id=entry_id)
        if entry is None:
            raise Http404
        return card, entry

    @staticmethod
    def _say_urgent(request: HttpRequest, entry) -> None:
        """What the writer must do now, when the entry just saved raises an urgent alert."""
        for alert in urgent_alerts_raised_by(entry):
            messages.error(
                request,
                _("Urgent: %(title)s. %(action)s")
                % {"title": alert.rule.title, "action": alert.rule.action},
            )

    @staticmethod
    def _retracted_meanwhile(request: HttpRequest, card: Card) -> HttpResponse:
        messages.error(
            request,
            _(
                "This entry has been marked as entered in error, so it can no longer be "
                "corrected. Record a new entry instead."
            ),
        )
        return redirect(_card_url(card))

    @staticmethod
    def _log_shown(card: Card, entry, actor: Actor) -> None:
        """The page shows the entry: a read of its section."""
        actor.log(
            woman=card.woman,
            card_id=card.pk,
            action="read",
            sections=[entry._meta.model_name],
        )

    @staticmethod
    def _saved_before(request: HttpRequest, card: Card) -> HttpResponse:
        messages.error(
            request,
            _(
                "This form was saved before, with other values: nothing more was saved. "
                "Open a new form to record another entry."
            ),
        )
        return redirect(_card_url(card))

    def _consent_gone(self, request: HttpRequest) -> HttpResponse:
        messages.error(
            request,
            _("She has withdrawn her consent: nothing was saved, and her card is gone."),
        )
        return redirect("admin:healthcard_card_changelist")


def _stale(form, entry, message: str) -> None:
    """Someone changed the entry meanwhile: say so, and let the form name the version now
    current, so that her next submit changes what she sees."""
    form.add_error(None, message)
    entry.refresh_from_db()
    form.data = form.data.copy()
    form.data["expected_version"] = entry.version


def _add_errors(form, errors: dict) -> None:
    """Errors named by model field on the form's own fields (the others above the form)."""
    for field, messages_ in errors.items():
        form.add_error(form.field_for(field), messages_)


def _checked(form: EntryForm, kind: str, correcting=None) -> dict | None:
    """The form's values checked as the API checks a record system's body for the part:
    one validation for both doors. None, with the errors on the form, if refused."""
    if not form.is_valid():
        return None
    values = form.values(correcting)
    try:
        checked = parts.BY_LOG_NAME[kind].body.checked(values)
    except Refused as refused:
        _add_errors(form, refused.errors)
        return None
    return {name: checked[name] for name in values}  # what the form does not ask is kept


def _add_once(request: HttpRequest, card: Card, actor: Actor, form: EntryForm, values: dict):
    """Add the entry, once for the form's submission id: a second submit of the same form
    (a double click, a reload) writes nothing and gives None."""
    model = form._meta.model
    values = dict(values)
    write = EntryWrite(model, values, values.pop("fetuses", None) or [])

    def add() -> idempotency.Reply:
        _sections, [entry] = write_batch(card=card, actor=actor, sections=[], entries=[write])
        add.entry = entry
        return idempotency.Reply(201, {"entryId": entry.pk}, card.pk)

    add.entry = None
    submission = form.cleaned_data.get("submission_id")
    if submission is None:
        add()
    else:
        idempotency.write_once(
            client_id=f"admin:{request.user.pk}",
            key=str(submission),
            woman=card.woman,
            actor=actor,
            fingerprint=_fingerprint(request.POST),
            section=model._meta.model_name,
            write=add,
        )
    return add.entry


def _fingerprint(data) -> str:
    sent = sorted((k, data.getlist(k)) for k in data if k != "csrfmiddlewaretoken")
    return hashlib.sha256(json.dumps(sent).encode()).hexdigest()


def _rows_of(card: Card, birth) -> dict:
    """A row for each baby: as many as recorded, or as she carries (at least one)."""
    babies = list(birth.babies.all()) if birth else []
    carried = babies_carried(card=card) or 1
    initial = [{f.name: getattr(b, f.name) for f in b._meta.concrete_fields} for b in babies]
    return {"rows": max(len(babies), carried), "row_initial": initial}


def _card_url(card: Card) -> str:
    return reverse("admin:dhg_card", args=[card.pk])


def _new_entry_initial(overview: presenters.Overview) -> dict:
    today = timezone.localdate()
    initial = {"date": today, "measured_on": today, "taken_on": today}
    if overview.age is not None:
        initial.update(weeks=overview.age.weeks, days=overview.age.days)
    return initial


def _correction_initial(entry) -> dict:
    initial = {"expected_version": entry.version}
    fetus = next(iter(getattr(entry, "fetuses", None) and entry.fetuses.all() or []), None)
    if fetus is not None:
        initial.update(
            heart_rate=fetus.heart_rate,
            presentation=fetus.presentation,
            movements_felt=fetus.movements_felt,
        )
    return initial
