import datetime
import re
import uuid

from django import forms
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from portal.nin import is_valid_nin

from . import parts, questionnaires
from .clinical.guideline import LAB_TESTS
from .models import (
    ANSWER_LENGTH,
    QUESTION_LENGTH,
    SYMPTOM_CHOICES,
    BookedAppointment,
    Consultation,
    DailyNote,
    FetalObservation,
    FundalHeight,
    HomeMeasurement,
    LabResult,
    PostpartumVisit,
    not_in_future,
)

DATE = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
DATETIME = forms.DateTimeInput(format="%Y-%m-%dT%H:%M", attrs={"type": "datetime-local"})


class BirthWishesForm(forms.Form):
    wishes = forms.CharField(
        label=_("Your wishes for the birth"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("For example pain relief, who will be with you, or what worries you."),
    )
    questions = forms.CharField(
        label=_("Questions about the birth"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    # The version she edited, so that a save from an older window does not overwrite a
    # newer one unseen (empty before the first save).
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)


class QuestionForm(forms.Form):
    text = forms.CharField(
        label=_("Your question"),
        max_length=QUESTION_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Write your question.")},
    )
    # Made when the form is shown: sent twice (a double tap, a retry), it is asked once.
    submission_id = forms.UUIDField(widget=forms.HiddenInput)


class HerEntryForm(forms.ModelForm):
    """What she records herself. Made with a submission id: sent twice (a double tap, a
    retry) it is recorded once."""

    submission_id = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, data=None, **kwargs):
        super().__init__(data, initial={"submission_id": uuid.uuid4(), **self.initial_values()})

    def initial_values(self) -> dict:
        return {}

    def values(self) -> dict:
        """The entry's values for the service (healthcard.services.record_her_entry)."""
        return {name: self.cleaned_data[name] for name in self._meta.fields} | self.extra_values()

    def extra_values(self) -> dict:
        return {}


class HomeMeasurementForm(HerEntryForm):
    measured_on = forms.DateField(label=_("Date"), widget=DATE)
    measured_time = forms.TimeField(
        label=_("Time"), widget=forms.TimeInput(format="%H:%M", attrs={"type": "time"})
    )

    class Meta:
        model = HomeMeasurement
        fields = ["systolic", "diastolic", "pulse", "weight_kg", "glucose_mmol", "glucose_timing"]
        localized_fields = ["weight_kg", "glucose_mmol"]  # 72,5 as she writes it
        labels = {
            "systolic": _("Upper pressure (systolic)"),
            "diastolic": _("Lower pressure (diastolic)"),
            "pulse": _("Pulse (beats per minute)"),
            "weight_kg": _("Weight (kg)"),
            "glucose_mmol": _("Blood sugar (mmol/L)"),
            "glucose_timing": _("When did you measure the blood sugar?"),
        }
        widgets = {
            "systolic": forms.NumberInput(attrs={"inputmode": "numeric"}),
            "diastolic": forms.NumberInput(attrs={"inputmode": "numeric"}),
            "pulse": forms.NumberInput(attrs={"inputmode": "numeric"}),
            "weight_kg": forms.TextInput(attrs={"inputmode": "decimal"}),
            "glucose_mmol": forms.TextInput(attrs={"inputmode": "decimal"}),
            "glucose_timing": forms.RadioSelect,
        }

    def initial_values(self) -> dict:
        now = timezone.localtime()
        return {"measured_on": now.date(), "measured_time": now.time().replace(second=0)}

    def clean(self):
        cleaned = super().clean()
        on, at = cleaned.get("measured_on"), cleaned.get("measured_time")
        if on and at:
            measured = timezone.make_aware(datetime.datetime.combine(on, at))
            if measured > timezone.now() + datetime.timedelta(minutes=5):  # a clock's drift
                self.add_error("measured_time", _("The time is in the future."))
            self.instance.measured_at = measured
        return cleaned

    def _post_clean(self):
        if self.instance.measured_at is None:  # no valid time: the model cannot be checked
            self.instance.measured_at = timezone.now()
        super()._post_clean()

    def extra_values(self) -> dict:
        return {"measured_at": self.instance.measured_at}


class DailyNoteForm(HerEntryForm):
    class Meta:
        model = DailyNote
        fields = ["date", "movements", "symptoms", "text"]
        labels = {
            "date": _("Date"),
            "movements": _("How has the baby moved today?"),
            "symptoms": _("Have you had any of these?"),
        }
        widgets = {
            "date": DATE,
            "movements": forms.RadioSelect,
            "text": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "movements": _(
                "From week 24 you should feel the baby move every day, in a pattern of its own."
            )
        }

    symptoms = forms.MultipleChoiceField(
        label=_("Have you had any of these?"),
        choices=SYMPTOM_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def initial_values(self) -> dict:
        return {"date": timezone.localdate()}


def questionnaire_form(questionnaire: questionnaires.Questionnaire) -> type[forms.Form]:
    """A form of a questionnaire's questions, each as its kind asks, and a submission id:
    sent twice, it is recorded once."""
    fields = {"submission_id": forms.UUIDField(widget=forms.HiddenInput)}
    for question in questionnaire.questions:
        fields[question.code] = _question_field(question)
    return type(f"{questionnaire.code.title()}Form", (QuestionnaireForm,), fields)


class QuestionnaireForm(forms.Form):
    """A questionnaire sent with nothing answered is not recorded."""

    def clean(self):
        cleaned = super().clean()
        answered = [
            v for k, v in cleaned.items() if k != "submission_id" and v not in ("", [], None)
        ]
        if not answered and not self.errors:
            raise forms.ValidationError(_("Answer at least one question."))
        return cleaned


def _question_field(question: questionnaires.Question) -> forms.Field:
    common = {"label": question.text, "required": question.required, "help_text": question.help}
    choices = [(option.code, option.label) for option in question.options]
    required = {"required": _("Answer this question.")}
    if question.kind in (questionnaires.CHOICE, questionnaires.YES_NO):
        return forms.ChoiceField(
            choices=choices, widget=forms.RadioSelect, error_messages=required, **common
        )
    if question.kind == questionnaires.MULTI:
        return forms.MultipleChoiceField(
            choices=choices, widget=forms.CheckboxSelectMultiple, **common
        )
    if question.kind == questionnaires.DATE:
        return forms.DateField(widget=DATE, validators=[not_in_future], **common)
    if question.kind == questionnaires.NUMBER:
        return forms.IntegerField(
            min_value=question.low,
            max_value=question.high,
            widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
            error_messages=required,
            **common,
        )
    return forms.CharField(max_length=1000, widget=forms.Textarea(attrs={"rows": 3}), **common)


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Your answer"),
        max_length=ANSWER_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Write the answer.")},
    )


class AccessLogFilterForm(forms.Form):
    """The month filter of her access log, and the cursor of "show more"."""

    month = forms.ChoiceField(label=_("Month"), required=False)
    before = forms.IntegerField(min_value=1, required=False, widget=forms.HiddenInput)

    def __init__(self, data, *, months: list[datetime.date]):
        super().__init__(data)
        self.fields["month"].choices = [("", _("All months"))] + [
            (month.strftime("%Y-%m"), date_format(month, "YEAR_MONTH_FORMAT")) for month in months
        ]

    def chosen_month(self) -> datetime.date | None:
        value = self.cleaned_data.get("month")
        return datetime.datetime.strptime(value, "%Y-%m").date() if value else None


class FindWomanForm(forms.Form):
    national_id = forms.CharField(
        label=_("National identity number"),
        help_text=_("11 digits: fødselsnummer or D-number."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    def clean_national_id(self) -> str:
        value = "".join(self.cleaned_data["national_id"].split())
        if not is_valid_nin(value, allow_synthetic=settings.DHG_ALLOW_SYNTHETIC_NIN):
            raise forms.ValidationError(
                _("This is not a valid national identity number. Check the 11 digits."),
                code="invalid_nin",
            )
        return value


class OpenCardForm(FindWomanForm):
    """Open a card for the woman just found (her number sent again in the body)."""

    national_id = forms.CharField(widget=forms.HiddenInput)
    carry_over = forms.BooleanField(
        label=_("Carry over her history from her earlier card"),
        required=False,
        help_text=_("Heredity, illnesses and previous pregnancies, counted up with the last."),
    )


class EndPregnancyForm(forms.Form):
    """An early end of the pregnancy (before week 22): its date, nothing about why."""

    ended_on = forms.DateField(
        label=_("The pregnancy ended on"),
        widget=DATE,
        help_text=_("Before week 22. From week 22 the birth is recorded instead."),
    )


class RetractForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is it wrong?"),
        max_length=500,
        help_text=_("She sees this on her card, beside the struck-through entry."),
    )
    expected_version = forms.IntegerField(widget=forms.HiddenInput)


class EntryForm(forms.ModelForm):
    """A list entry recorded by a midwife. The model's validation (ranges, dates not in the
    future) applies; provenance is added by the service, never by the form."""

    # The version the midwife corrects; a correction of a version that has moved on is refused.
    expected_version = forms.IntegerField(required=False, widget=forms.HiddenInput)
    # Made when a new entry's form is shown: sent twice (a double click, a reload), the entry
    # is recorded once.
    submission_id = forms.UUIDField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, correcting: bool = False, **kwargs):
        # The card page holds a form of each kind: ids of their own keep each label on its
        # own field ("id_date" would otherwise name the consultation's date in every form).
        kwargs.setdefault("auto_id", f"id_{self._meta.model._meta.model_name}_%s")
        super().__init__(*args, **kwargs)
        if correcting:  # a correction says why, as a retraction does
            self.fields["change_reason"] = forms.CharField(
                label=_("Why is it changed?"),
                max_length=500,
                help_text=_("She sees this beside the corrected entry."),
            )
        if not self.is_bound:
            self.initial.setdefault("submission_id", uuid.uuid4())

    def entry_values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields}

    def values(self, correcting=None) -> dict:
        """Everything the form records, as model values: what the API's body is made of."""
        return self.entry_values()

    def fetuses(self, correcting=None) -> list[dict] | None:
        return None

    def field_for(self, model_field: str | None) -> str | None:
        """The form's field for an error named by model field ("babies[0].weight_g"), or
        None to show it above the form."""
        return model_field if model_field in self.fields else None

    def _update_errors(self, errors) -> None:
        # The model's own checks may name a field the form does not ask (a test's unit,
        # which the chosen test gives): shown on the field it comes from, or above the form.
        if hasattr(errors, "error_dict"):
            named = {}
            for name, messages in errors.error_dict.items():
                own = name if name == NON_FIELD_ERRORS else self.field_for(name)
                named.setdefault(own or NON_FIELD_ERRORS, []).extend(messages)
            errors = ValidationError(named)
        super()._update_errors(errors)


def fetus_field(name: str, label: str) -> forms.Field:
    """A field of the first baby's row, with the bounds its model gives."""
    model_field = FetalObservation._meta.get_field(name)
    lows = [v.limit_value for v in model_field.validators if isinstance(v, MinValueValidator)]
    highs = [v.limit_value for v in model_field.validators if isinstance(v, MaxValueValidator)]
    bounds = {"min_value": max(lows), "max_value": min(highs)} if lows and highs else {}
    return model_field.formfield(label=label, required=False, **bounds)


class ConsultationForm(EntryForm):
    heart_rate = fetus_field("heart_rate", _("Fetal heart rate (/min)"))
    presentation = forms.ChoiceField(
        label=_("Presentation"),
        required=False,
        choices=[("", "–"), *FetalObservation.Presentation.choices],
    )
    movements_felt = fetus_field("movements_felt", _("Mother feels movements"))

    class Meta:
        model = Consultation
        fields = [
            "date",
            "weeks",
            "days",
            "weight_kg",
            "systolic",
            "diastolic",
            "urine_protein",
            "oedema",
            "hemoglobin",
            "headache",
            "visual_disturbance",
            "epigastric_pain",
            "medication_in_use",
            "employment_rate",
            "next_check_on",
            "note",
        ]
        widgets = {
            "date": DATE,
            "next_check_on": DATE,
            "note": forms.Textarea(attrs={"rows": 3}),
        }

    def values(self, correcting: Consultation | None = None) -> dict:
        return {**self.entry_values(), "fetuses": self.fetuses(correcting)}

    def field_for(self, model_field: str | None) -> str | None:
        first_baby = re.fullmatch(r"fetuses\[0\]\.(\w+)", model_field or "")
        return super().field_for(first_baby.group(1) if first_baby else model_field)

    def fetuses(self, correcting: Consultation | None = None) -> list[dict]:
        """The first baby's row from the form. A correction keeps the other babies' rows
        of a multiple pregnancy as they were (the form shows the first baby only)."""
        kept = {f.fetus: f for f in correcting.fetuses.all()} if correcting else {}
        row = {
            "fetus": 1,
            "heart_rate": self.cleaned_data["heart_rate"],
            "presentation": self.cleaned_data["presentation"],
            "movements_felt": self.cleaned_data["movements_felt"],
            "note": kept[1].note if 1 in kept else "",  # the form has no field for it
        }
        recorded = row["heart_rate"] is not None or row["presentation"] or row["note"]
        rows = [row] if recorded or row["movements_felt"] is not None else []
        return rows + [
            {
                "fetus": other.fetus,
                "heart_rate": other.heart_rate,
                "presentation": other.presentation,
                "movements_felt": other.movements_felt,
                "note": other.note,
            }
            for number, other in kept.items()
            if number != 1
        ]


class FundalHeightForm(EntryForm):
    class Meta:
        model = FundalHeight
        fields = ["measured_on", "weeks", "days", "centimetres"]
        widgets = {"measured_on": DATE}


class LabResultForm(EntryForm):
    test = forms.ChoiceField(
        label=_("Test"), choices=[(test.code, test.display) for test in LAB_TESTS]
    )

    class Meta:
        model = LabResult
        fields = ["taken_on", "value", "qualitative", "value_text", "note"]
        widgets = {"taken_on": DATE, "note": forms.Textarea(attrs={"rows": 2})}

    field_order = ["test", "taken_on", "value", "qualitative", "value_text", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        entry = kwargs.get("instance")
        if entry is not None:
            self.initial["test"] = entry.code

    def clean(self) -> dict:
        cleaned = super().clean()
        test = {t.code: t for t in LAB_TESTS}.get(cleaned.get("test"))
        if test is not None and not test.unit and cleaned.get("value") is not None:
            self.add_error(
                "value",
                _("%(test)s is not given as a number: choose its result.") % {"test": test.display},
            )
        return cleaned

    def _post_clean(self) -> None:
        # The model's own checks need the code, display and unit the chosen test gives.
        test = {t.code: t for t in LAB_TESTS}.get(self.cleaned_data.get("test"))
        if test is not None:
            self.instance.code, self.instance.display = test.code, test.display
            self.instance.unit = test.unit if self.cleaned_data.get("value") is not None else ""
        super()._post_clean()

    def field_for(self, model_field: str | None) -> str | None:
        # The unit comes with the test: a value for a test not given as a number.
        return {"unit": "value", "code": "test"}.get(model_field) or super().field_for(model_field)

    def entry_values(self) -> dict:
        return {
            **super().entry_values(),
            "code": self.instance.code,
            "display": self.instance.display,
            "unit": self.instance.unit,
        }


class PostpartumVisitForm(EntryForm):
    class Meta:
        model = PostpartumVisit
        fields = [
            "date",
            "kind",
            "systolic",
            "diastolic",
            "bleeding",
            "wound",
            "feeding",
            "epds_score",
            "epds_self_harm",
            "contraception_discussed",
            "baby_weight_g",
            "note",
        ]
        widgets = {"date": DATE, "note": forms.Textarea(attrs={"rows": 3})}


class BookedAppointmentForm(EntryForm):
    class Meta:
        model = BookedAppointment
        fields = ["starts_at", "place", "with_whom", "note"]
        widgets = {"starts_at": DATETIME, "note": forms.Textarea(attrs={"rows": 2})}
        help_texts = {"place": _("The address she comes to, as she should read it.")}


class PartForm(EntryForm):
    """The form of any other part the API writes, made from its body: the fields a record
    system sends, as the model labels and bounds them. A part with rows (the birth's babies)
    gets a group of fields for each row, named "babies_0_weight_g"."""

    part: parts.Part
    rows_field: serializers.ListSerializer | None = None

    def __init__(self, *args, rows: int = 1, row_initial: list[dict] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.row_count = rows if self.rows_field else 0
        for index in range(self.row_count):
            initial = row_initial[index] if index < len(row_initial) else {}
            for source in self.row_sources():
                field = _form_field(self.rows_field.child.model._meta.get_field(source))
                field.required = False  # a row is recorded when any of its fields is
                name = self.row_field_name(index, source)
                self.fields[name] = field
                self.initial.setdefault(name, initial.get(source))

    def row_sources(self) -> list[str]:
        """A row's fields, except its number (the row's place: baby 1, baby 2)."""
        return [s for s, _name in _sources(self.rows_field.child.fields) if s != "fetus"]

    def row_field_name(self, index: int, source: str) -> str:
        return f"{self.rows_field.source}_{index}_{source}"

    def row_groups(self) -> list[list[forms.BoundField]]:
        """The fields of each row, for a fieldset of each."""
        return [
            [self[self.row_field_name(index, source)] for source in self.row_sources()]
            for index in range(self.row_count)
        ]

    def main_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self._meta.fields]

    def values(self, correcting=None) -> dict:
        values = self.entry_values()
        if self.rows_field:
            rows = []
            for index in range(self.row_count):
                row = {
                    source: self.cleaned_data[self.row_field_name(index, source)]
                    for source in self.row_sources()
                }
                if any(value not in (None, "", []) for value in row.values()):
                    rows.append({"fetus": index + 1, **row})
            values[self.rows_field.source] = rows
        return values

    def field_for(self, model_field: str | None) -> str | None:
        row = re.fullmatch(r"(\w+)\[(\d+)\]\.(\w+)", model_field or "")
        if row and self.rows_field and row.group(1) == self.rows_field.source:
            name = self.row_field_name(int(row.group(2)), row.group(3))
            return name if name in self.fields else None
        return super().field_for(model_field)


def _sources(fields) -> list[tuple[str, serializers.Field]]:
    """The model fields a body writes, in its order: groups flattened, rows left out."""
    found = []
    for name, field in fields.items():
        if field.read_only or field.write_only or name == "metadata":
            continue
        if isinstance(field, serializers.ListSerializer):
            continue
        if field.source == "*":
            found += _sources(field.fields)
        else:
            found.append((field.source, field))
    return found


def _form_field(model_field: models.Field, **kwargs) -> forms.Field:
    """The model's own form field, with the card's date, time and text widgets."""
    if isinstance(model_field, ArrayField):  # a set of codes: one box for each
        return forms.MultipleChoiceField(
            label=capfirst(model_field.verbose_name),
            choices=model_field.base_field.choices,
            required=False,
            widget=forms.CheckboxSelectMultiple,
        )
    if isinstance(model_field, models.DateTimeField):
        kwargs.setdefault("widget", DATETIME)
    elif isinstance(model_field, models.DateField):
        kwargs.setdefault("widget", DATE)
    elif isinstance(model_field, models.TextField):
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 3}))
    field = model_field.formfield(**kwargs)
    # The model's bounds on the field itself, so that a row's field (a baby's weight), which
    # no model validation of the form's own reaches, is refused beside the others.
    field.validators = [*field.validators, *model_field.validators]
    return field


def part_form(part: parts.Part) -> type[PartForm]:
    body = part.body()
    rows = [f for f in body.fields.values() if isinstance(f, serializers.ListSerializer)]
    meta = type(
        "Meta",
        (),
        {
            "model": part.model,
            "fields": [source for source, _field in _sources(body.fields)],
            "formfield_callback": _form_field,
        },
    )
    return type(
        f"{part.model.__name__}Form",
        (PartForm,),
        {"Meta": meta, "part": part, "rows_field": rows[0] if rows else None},
    )


# The forms of the card's page, for what is recorded at every visit.
VISIT_FORMS = (
    ConsultationForm,
    LabResultForm,
    FundalHeightForm,
    PostpartumVisitForm,
    BookedAppointmentForm,
)
# Every part a midwife records in the administration (all that the API writes), each under
# its part's name (the word the access log and the API's replay records use), so a form
# cannot outlive its part.
ENTRY_FORMS: dict[str, type[EntryForm]] = {
    **{part.log_name: part_form(part) for part in parts.PARTS if part.body},
    **{parts.BY_MODEL[form._meta.model].log_name: form for form in VISIT_FORMS},
}
