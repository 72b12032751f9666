"""The birth: her own wishes for it, the birth as the hospital records it (with its
babies), and each baby's birth status."""

from functools import partial

from django.utils.translation import gettext_lazy as _

from ..models import Baby, Birth, BirthOutcome, BirthWishes, PostpartumVisit
from . import Part
from .fields import Body, field_of, iso, num, text
from .visits import BloodPressureGroup

# The woman writes her wishes herself on her card page (not through the API).
BIRTH_WISHES = Part(
    name="birthWishes",
    model=BirthWishes,
    component="BirthWishes",
    document=lambda w: {"wishes": text(w.wishes), "questions": text(w.questions)},
    schema={"wishes": "str?", "questions": "str?"},
    accessed=_("your birth wishes"),
)

_birth = partial(field_of, BirthOutcome)


class BirthStatusBody(Body):
    model = BirthOutcome
    fosterId = _birth("fetus", required=True)
    birthStatus = _birth("outcome")
    dateTime = _birth("born_at")


BIRTH_STATUS = Part(
    name="birthStatus",
    model=BirthOutcome,
    component="BirthStatus",
    body=BirthStatusBody,
    document=lambda b: {"fosterId": b.fetus, "birthStatus": b.outcome, "dateTime": iso(b.born_at)},
    schema={"fosterId": "int", "birthStatus": "str", "dateTime": "datetime"},
    choices={"birthStatus": BirthOutcome.Outcome.values},
    example={"fosterId": 1, "birthStatus": "live_birth", "dateTime": "2026-11-20T04:12:00+01:00"},
    accessed=_("the birth"),
)

# --- birth ---------------------------------------------------------------------------------------

_delivery = partial(field_of, Birth)
_baby = partial(field_of, Baby)


class BabyBody(Body):
    model = Baby
    metadata = None  # a row of its birth, without metadata of its own
    fosterId = _baby("fetus", required=True)
    birthStatus = _baby("outcome")
    sex = _baby("sex")
    weightGrams = _baby("weight_g")
    lengthCm = _baby("length_cm")
    headCircumferenceCm = _baby("head_cm")
    apgar1 = _baby("apgar_1")
    apgar5 = _baby("apgar_5")
    apgar10 = _baby("apgar_10")
    presentation = _baby("presentation")
    transferredToNeonatalCare = _baby("neonatal_care")


class BirthBody(Body):
    """The birth, written by the hospital: writing it marks the record DELIVERED."""

    model = Birth
    dateTime = _delivery("born_at")
    pregnancyWeek = _delivery("weeks")
    daysAfterFullPregnancyWeek = _delivery("days")
    maternityUnit = _delivery("place")
    maternityUnitOrgNr = _delivery("place_org_nr")
    onset = _delivery("onset")
    mode = _delivery("mode")
    bloodLossMl = _delivery("blood_loss_ml")
    perinealTear = _delivery("perineal_tear")
    complications = _delivery("complications")
    antiDGiven = _delivery("anti_d_given")
    note = _delivery("note")
    babies = BabyBody(many=True, min_length=1, max_length=6, source="babies")


def _birth_document(b: Birth) -> dict:
    return {
        "dateTime": iso(b.born_at),
        "pregnancyWeek": b.weeks,
        "daysAfterFullPregnancyWeek": b.days,
        "maternityUnit": b.place,
        "maternityUnitOrgNr": text(b.place_org_nr),
        "onset": text(b.onset),
        "mode": b.mode,
        "bloodLossMl": b.blood_loss_ml,
        "perinealTear": text(b.perineal_tear),
        "complications": list(b.complications),
        "antiDGiven": b.anti_d_given,
        "note": text(b.note),
        "babies": [
            {
                "fosterId": baby.fetus,
                "birthStatus": baby.outcome,
                "sex": text(baby.sex),
                "weightGrams": baby.weight_g,
                "lengthCm": num(baby.length_cm),
                "headCircumferenceCm": num(baby.head_cm),
                "apgar1": baby.apgar_1,
                "apgar5": baby.apgar_5,
                "apgar10": baby.apgar_10,
                "presentation": text(baby.presentation),
                "transferredToNeonatalCare": baby.neonatal_care,
            }
            for baby in b.babies.all()
        ],
    }


BIRTH = Part(
    name="birth",
    model=Birth,
    component="Birth",
    body=BirthBody,
    document=_birth_document,
    schema={
        "dateTime": "datetime",
        "pregnancyWeek": "int",
        "daysAfterFullPregnancyWeek": "int",
        "maternityUnit": "str",
        "maternityUnitOrgNr": "str?",
        "onset": "str?",
        "mode": "str",
        "bloodLossMl": "int?",
        "perinealTear": "str?",
        "complications": ["str"],
        "antiDGiven": "bool?",
        "note": "str?",
        "babies": ["Baby"],
    },
    choices={
        "onset": Birth.Onset.values,
        "mode": Birth.Mode.values,
        "perinealTear": Birth.Tear.values,
    },
    example={
        "dateTime": "2026-11-20T04:12:00+01:00",
        "pregnancyWeek": 39,
        "daysAfterFullPregnancyWeek": 4,
        "maternityUnit": "Ullevål sykehus, fødeavdelingen",
        "maternityUnitOrgNr": "993467049",
        "onset": "spontaneous",
        "mode": "spontaneous_vaginal",
        "bloodLossMl": 350,
        "perinealTear": "1",
        "complications": [],
        "babies": [
            {
                "fosterId": 1,
                "birthStatus": "live_birth",
                "sex": "female",
                "weightGrams": 3480,
                "lengthCm": 50,
                "headCircumferenceCm": 35,
                "apgar1": 9,
                "apgar5": 10,
                "apgar10": 10,
                "presentation": "cephalic",
                "transferredToNeonatalCare": False,
            }
        ],
    },
    accessed=_("the birth"),
)

# --- postpartumVisits ----------------------------------------------------------------------------

_postpartum = partial(field_of, PostpartumVisit)


class PostpartumVisitBody(Body):
    """A check after the birth: home visit, health station or the six-week check."""

    model = PostpartumVisit
    date = _postpartum("date")
    kind = _postpartum("kind")
    bloodPressure = BloodPressureGroup()  # the same bounds as at a consultation
    bleeding = _postpartum("bleeding")
    wound = _postpartum("wound")
    feeding = _postpartum("feeding")
    epdsScore = _postpartum("epds_score")
    epdsSelfHarm = _postpartum("epds_self_harm")
    contraceptionDiscussed = _postpartum("contraception_discussed")
    babyWeightGrams = _postpartum("baby_weight_g")
    note = _postpartum("note")


POSTPARTUM_VISITS = Part(
    name="postpartumVisits",
    model=PostpartumVisit,
    component="PostpartumVisit",
    body=PostpartumVisitBody,
    document=lambda v: {
        "date": iso(v.date),
        "kind": v.kind,
        "bloodPressure": {"systolic": v.systolic, "diastolic": v.diastolic} if v.systolic else None,
        "bleeding": text(v.bleeding),
        "wound": text(v.wound),
        "feeding": text(v.feeding),
        "epdsScore": v.epds_score,
        "epdsSelfHarm": v.epds_self_harm,
        "contraceptionDiscussed": v.contraception_discussed,
        "babyWeightGrams": v.baby_weight_g,
        "note": text(v.note),
    },
    schema={
        "date": "date",
        "kind": "str",
        "bloodPressure": "BloodPressure?",
        "bleeding": "str?",
        "wound": "str?",
        "feeding": "str?",
        "epdsScore": "int?",
        "epdsSelfHarm": "bool?",
        "contraceptionDiscussed": "bool?",
        "babyWeightGrams": "int?",
        "note": "str?",
    },
    choices={
        "kind": PostpartumVisit.Kind.values,
        "bleeding": PostpartumVisit.Bleeding.values,
        "wound": PostpartumVisit.Wound.values,
        "feeding": PostpartumVisit.Feeding.values,
    },
    example={
        "date": "2026-11-22",
        "kind": "home_visit",
        "bloodPressure": {"systolic": 124, "diastolic": 78},
        "bleeding": "normal",
        "wound": "healing",
        "feeding": "breast",
        "contraceptionDiscussed": False,
        "babyWeightGrams": 3390,
    },
    accessed=_("your checks after the birth"),
    one=_("a check after the birth"),
)
