import datetime

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _


class BirthWishesForm(forms.Form):
    wishes = forms.CharField(
        label=_("Your wishes for the birth"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("For example pain relief, who will be with you, or what worries you."),
    )
    questions = forms.CharField(
        label=_("Questions for the midwife"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
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
