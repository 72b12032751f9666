"""What she answers at home before her first consultation: the history the guideline's first
visit takes (Svangerskapsomsorgen: the first consultation; DOMAIN.md §4.2 for the Danish
model of about 45 questions at home). Her midwife reads the answers and records what is
right in the card's sections with her at the visit: an answer here is not the card's history.

Violence is asked about at the consultation, alone with her, as the guideline says: never
in a form that someone else may fill in or read on her phone."""

from django.utils.translation import gettext_lazy as _

from . import DATE, MULTI, NUMBER, TEXT, YES_NO, Option, Question, Questionnaire

YES_NO_OPTIONS = (Option("yes", _("Yes")), Option("no", _("No")))


def _yes_no(code: str, text, **kwargs) -> Question:
    kwargs.setdefault("required", False)  # she answers what she can
    return Question(code, text, kind=YES_NO, options=YES_NO_OPTIONS, **kwargs)


PRE_VISIT = Questionnaire(
    code="pre_visit",
    version="2026-1",
    title=_("Before your first consultation"),
    intro=_(
        "These questions help your midwife or GP prepare for your first consultation. Answer "
        "what you can; you go through it together at the visit."
    ),
    source="Helsedirektoratet, Nasjonal faglig retningslinje for svangerskapsomsorgen",
    questions=(
        Question("last_period", _("First day of your last period"), kind=DATE, required=False),
        _yes_no("regular_cycle", _("Are your periods usually regular?"), required=False),
        Question(
            "earlier_pregnancies",
            _("How many times have you been pregnant before?"),
            kind=NUMBER,
            low=0,
            high=20,
            required=False,
        ),
        _yes_no("illness", _("Do you have an illness, or have you had a serious one?")),
        _yes_no("medicines", _("Do you use medicines, herbal or natural remedies?")),
        Question(
            "illness_and_medicines",
            _("If yes: which illness or medicines?"),
            kind=TEXT,
            required=False,
        ),
        _yes_no("folic_acid", _("Do you take folic acid?")),
        Question(
            "tobacco",
            _("Do you smoke or use snus?"),
            required=False,
            options=(
                Option("never", _("No, never")),
                Option("stopped_before", _("I stopped before the pregnancy")),
                Option("stopped_now", _("I stopped when I knew I was pregnant")),
                Option("still", _("Yes, still")),
            ),
        ),
        _yes_no("alcohol", _("Have you drunk alcohol since you became pregnant?")),
        _yes_no("drugs", _("Have you used drugs (for example cannabis) in the last year?")),
        _yes_no(
            "mental_health",
            _("Have you had anxiety, depression or another mental illness?"),
        ),
        Question(
            "family",
            _("Has anyone in your close family had any of these?"),
            kind=MULTI,
            required=False,
            options=(
                Option("diabetes", _("Diabetes")),
                Option("preeclampsia", _("Pre-eclampsia")),
                Option("blood_clots", _("Blood clots")),
                Option("hereditary", _("A hereditary disease")),
            ),
        ),
        _yes_no(
            "prenatal_tests",
            _("Would you like information about the tests that can be done of the baby?"),
            required=False,
        ),
        _yes_no("interpreter", _("Do you need an interpreter at the consultations?")),
        Question(
            "to_talk_about",
            _("Is there something you want to talk about at the first visit?"),
            kind=TEXT,
            required=False,
        ),
    ),
)
