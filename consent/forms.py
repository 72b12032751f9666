import uuid

from django import forms
from django.utils.translation import gettext_lazy as _


class GiveConsentForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I have read the text above and consent to the digital health card"),
        error_messages={"required": _("Tick the box to confirm that you consent.")},
    )
    # One id per rendered form: a double click or a retry is recognised, not recorded twice.
    submission_id = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)


class WithdrawConsentForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I understand that my health card will be deleted"),
        error_messages={"required": _("Tick the box to confirm that you want to withdraw.")},
    )
    reason = forms.CharField(
        label=_("Why are you withdrawing? (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Do not write health information here; this text is kept."),
    )
    submission_id = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)
