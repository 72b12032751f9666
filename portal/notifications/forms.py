import re

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Channel, Topic
from .services import CHOOSABLE

MOBILE = re.compile(r"^(?:\+47|0047)?([49]\d{7})$")  # a Norwegian mobile number


class ChoicesForm(forms.Form):
    """What she wants to be told, and where."""

    topics = forms.MultipleChoiceField(
        label=_("Tell me when"),
        choices=[(topic, Topic(topic).label) for topic in CHOOSABLE],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    email = forms.EmailField(
        label=_("E-mail address"),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    sms = forms.CharField(
        label=_("Mobile number"),
        required=False,
        help_text=_("A Norwegian mobile number, 8 digits."),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )

    def __init__(self, data=None, *, channels, **kwargs):
        super().__init__(data, **kwargs)
        if Channel.SMS not in channels:
            del self.fields["sms"]

    def clean_sms(self) -> str:
        value = re.sub(r"[\s-]", "", self.cleaned_data["sms"])
        if not value:
            return ""
        match = MOBILE.match(value)
        if not match:
            raise forms.ValidationError(
                _("Write a Norwegian mobile number: 8 digits starting with 4 or 9.")
            )
        return f"+47{match.group(1)}"

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("topics") and not (cleaned.get("email") or cleaned.get("sms")):
            raise forms.ValidationError(
                _("Write an e-mail address or a mobile number to be told anything.")
            )
        return cleaned


class CodeForm(forms.Form):
    channel = forms.ChoiceField(choices=Channel.choices, widget=forms.HiddenInput)
    code = forms.RegexField(
        label=_("The code you received"),
        regex=r"^\s*\d{6}\s*$",
        error_messages={"invalid": _("The code is 6 digits.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )
