import datetime

from django import forms
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from portal.nin import is_valid_nin

from . import parts
from .clinical.guideline import LAB_TESTS
from .models import (
    ANSWER_LENGTH,
    QUESTION_LENGTH,
    BookedAppointment,
    Consultation,
    FetalObservation,
    FundalHeight,
    LabResult,
    PostpartumVisit,
)


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


DATE = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})


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

    def __init__(self, *args, **kwargs):
        # The card page holds a form of each kind: ids of their own keep each label on its
        # own field ("id_date" would otherwise name the consultation's date in every form).
        kwargs.setdefault("auto_id", f"id_{self._meta.model._meta.model_name}_%s")
        super().__init__(*args, **kwargs)

    def entry_values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields}

    def fetuses(self, correcting=None) -> list[dict] | None:
        return None


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
            "next_check_on",
            "note",
        ]
        widgets = {
            "date": DATE,
            "next_check_on": DATE,
            "note": forms.Textarea(attrs={"rows": 3}),
        }

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

    def _post_clean(self) -> None:
        # The model's own checks need the code, display and unit the chosen test gives.
        test = {t.code: t for t in LAB_TESTS}.get(self.cleaned_data.get("test"))
        if test is not None:
            self.instance.code, self.instance.display = test.code, test.display
            self.instance.unit = test.unit if self.cleaned_data.get("value") is not None else ""
        super()._post_clean()

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
        widgets = {
            "starts_at": forms.DateTimeInput(
                format="%Y-%m-%dT%H:%M", attrs={"type": "datetime-local"}
            ),
            "note": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {"place": _("The address she comes to, as she should read it.")}


# The lists a midwife records in the administration, each under its part's name (the word
# the access log and the API's replay records use), so a form cannot outlive its part.
ENTRY_FORMS: dict[str, type[EntryForm]] = {
    parts.BY_MODEL[form._meta.model].log_name: form
    for form in (
        ConsultationForm,
        LabResultForm,
        FundalHeightForm,
        PostpartumVisitForm,
        BookedAppointmentForm,
    )
}
