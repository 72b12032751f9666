import datetime
import itertools
import uuid
from decimal import Decimal

import factory
from django.utils import timezone

from consent.services import give_consent
from healthcard import models
from portal.models import User
from portal.nin import with_check_digits


def _nins():
    for individual in itertools.count(100):
        nin = with_check_digits(f"0101{90 + individual % 10:02d}{individual:03d}")
        if nin:
            yield nin


_NINS = _nins()


class WomanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"citizen-{n}")
    national_id = factory.LazyFunction(lambda: next(_NINS))
    full_name = factory.Faker("name", locale="no_NO")

    @factory.post_generation
    def consented(user, create, extracted, **kwargs):
        """Women have consented unless made with consented=False."""
        if create and extracted is not False:
            give_consent(woman=user)


class CardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Card

    woman = factory.SubFactory(WomanFactory)


class SignedFactory(factory.django.DjangoModelFactory):
    """Provenance of a section or entry: recorded by a midwife through her record system."""

    class Meta:
        abstract = True

    card = factory.SubFactory(CardFactory)
    recorded_at = factory.LazyFunction(timezone.now)
    recorded_by_type = models.Provenance.UserType.HEALTH_PERSONNEL
    recorded_by_name = "Kari Jordmor"
    recorded_by_hpr = "9144900"
    org_nr = "974589095"
    org_name = "Oslo kommune helsestasjon"
    source_system = "Test EPJ"


class CurrentPregnancyFactory(SignedFactory):
    class Meta:
        model = models.CurrentPregnancy

    due_date_ultrasound = factory.LazyFunction(
        lambda: timezone.localdate() + datetime.timedelta(days=283 - 30 * 7)
    )
    number_of_fetuses = 1


class ConsultationFactory(SignedFactory):
    date = factory.LazyFunction(timezone.localdate)
    weeks = factory.Sequence(lambda n: 8 + n % 34)
    weight_kg = Decimal("70.0")
    systolic = 120
    diastolic = 80
    urine_protein = models.Consultation.UrineProtein.NEGATIVE
    fetus = factory.RelatedFactory("tests.factories.FetalObservationFactory", "consultation")

    class Meta:
        model = models.Consultation
        skip_postgeneration_save = True


class FetalObservationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.FetalObservation

    fetus = 1
    heart_rate = 140
    movements_felt = True


class FundalHeightFactory(SignedFactory):
    class Meta:
        model = models.FundalHeight

    measured_on = factory.LazyFunction(timezone.localdate)
    weeks = 30
    centimetres = Decimal("29.5")


class LabResultFactory(SignedFactory):
    class Meta:
        model = models.LabResult

    code = "NOR05172"
    display = "Hemoglobin"
    value = Decimal("12.1")
    unit = "g/dL"
    taken_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=1))


class MotherDetailsFactory(SignedFactory):
    class Meta:
        model = models.MotherDetails

    address = "Storgata 1"
    post_number = "0155"
    post_name = "Oslo"
    country_of_birth = "Norge"


class PreviousPregnanciesFactory(SignedFactory):
    class Meta:
        model = models.PreviousPregnancies

    previous_pregnancies = 1
    live_births = 1


class HeredityFactory(SignedFactory):
    class Meta:
        model = models.Heredity

    none_known = True


class MedicalConditionsFactory(SignedFactory):
    class Meta:
        model = models.MedicalConditions

    nothing_particular = True


class MedicationFactory(SignedFactory):
    class Meta:
        model = models.Medication

    frequency = models.Medication.Frequency.NONE
    folate_before = True
    folate_during = True


class BeforePregnancyFactory(SignedFactory):
    class Meta:
        model = models.BeforePregnancy

    height_cm = Decimal("167.0")
    weight_kg = Decimal("62.5")


class RhesusNegativeFactory(SignedFactory):
    class Meta:
        model = models.RhesusNegative

    consent_fetal_test = True


class BirthWishesFactory(SignedFactory):
    """Her own part of the card: signed by her."""

    class Meta:
        model = models.BirthWishes

    recorded_by_type = models.Provenance.UserType.WOMAN
    recorded_by_hpr = ""
    org_nr = ""
    org_name = ""
    source_system = "DHG"
    wishes = "Rolig fødsel."


class CareTeamMemberFactory(SignedFactory):
    class Meta:
        model = models.CareTeamMember

    role = models.CareTeamMember.Role.MIDWIFE
    name = "Kari Jordmor"
    organisation_nr = "974589095"


class LifestyleFactorFactory(SignedFactory):
    class Meta:
        model = models.LifestyleFactor

    stimulant = models.LifestyleFactor.Stimulant.ALCOHOL
    frequency_first = models.LifestyleFactor.Frequency.NEVER


class UltrasoundFactory(SignedFactory):
    class Meta:
        model = models.Ultrasound

    kind = models.Ultrasound.Kind.ROUTINE
    examined_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(weeks=11))
    weeks = 18
    days = 3
    number_of_fetuses = 1


class ClinicalNoteFactory(SignedFactory):
    class Meta:
        model = models.ClinicalNote

    text = "Samtale om fødselsforberedelse."


class BookedAppointmentFactory(SignedFactory):
    class Meta:
        model = models.BookedAppointment

    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=14))
    place = "Frogner helsestasjon, Sørkedalsveien 8"
    with_whom = "Kari Jordmor"


class BirthOutcomeFactory(SignedFactory):
    class Meta:
        model = models.BirthOutcome

    outcome = models.BirthOutcome.Outcome.LIVE_BIRTH
    born_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(hours=2))


class BirthFactory(SignedFactory):
    class Meta:
        model = models.Birth
        skip_postgeneration_save = True

    born_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(hours=2))
    weeks = 39
    place = "Ullevål sykehus, fødeavdelingen"
    mode = models.Birth.Mode.SPONTANEOUS_VAGINAL
    baby = factory.RelatedFactory("tests.factories.BabyFactory", "birth")


class BabyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Baby

    outcome = models.Baby.Outcome.LIVE_BIRTH
    weight_g = 3400


class PostpartumVisitFactory(SignedFactory):
    class Meta:
        model = models.PostpartumVisit

    date = factory.LazyFunction(timezone.localdate)
    kind = models.PostpartumVisit.Kind.HOME_VISIT


# One factory per part of the card (healthcard.parts): tests/healthcard/test_parts.py checks
# that each makes a valid row.
class HerOwnFactory(SignedFactory):
    """Provenance of what she records herself."""

    class Meta:
        abstract = True

    recorded_by_type = models.Provenance.UserType.WOMAN
    recorded_by_name = factory.LazyAttribute(lambda o: o.card.woman.get_full_name())
    recorded_by_hpr = org_nr = org_name = ""
    source_system = "DHG"
    submission_id = factory.LazyFunction(uuid.uuid4)


class HomeMeasurementFactory(HerOwnFactory):
    class Meta:
        model = models.HomeMeasurement

    measured_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(hours=1))
    systolic, diastolic, pulse = 122, 78, 70


class DailyNoteFactory(HerOwnFactory):
    class Meta:
        model = models.DailyNote

    date = factory.LazyFunction(timezone.localdate)
    movements = models.DailyNote.Movements.AS_USUAL


class QuestionnaireResponseFactory(HerOwnFactory):
    class Meta:
        model = models.QuestionnaireResponse

    questionnaire, questionnaire_version, language = "epds", "2026-1", "nb"
    date = factory.LazyFunction(timezone.localdate)
    answers = factory.LazyFunction(
        lambda: [
            {"linkId": f"q{n}", "question": "…", "answer": f"q{n}-0", "display": "…", "score": 0}
            for n in range(1, 11)
        ]
    )
    score = 0


PART_FACTORIES = {
    factory_class._meta.model: factory_class
    for factory_class in (
        MotherDetailsFactory,
        PreviousPregnanciesFactory,
        HeredityFactory,
        MedicalConditionsFactory,
        MedicationFactory,
        BeforePregnancyFactory,
        CurrentPregnancyFactory,
        BirthFactory,
        PostpartumVisitFactory,
        RhesusNegativeFactory,
        BirthWishesFactory,
        CareTeamMemberFactory,
        LifestyleFactorFactory,
        LabResultFactory,
        UltrasoundFactory,
        ConsultationFactory,
        FundalHeightFactory,
        ClinicalNoteFactory,
        BookedAppointmentFactory,
        BirthOutcomeFactory,
        HomeMeasurementFactory,
        DailyNoteFactory,
        QuestionnaireResponseFactory,
    )
}
