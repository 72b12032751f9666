from django import forms
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
