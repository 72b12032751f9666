"""The digital health card: the paper "Helsekort for gravide" as data (DOMAIN.md §1.1, §7).

A woman has one `Card` per pregnancy, at most one active at a time. Every section
is either a singleton (one-to-one with the record) or a list of entries. Every section row
carries its provenance: who recorded it, for which organisation, from which system, when, and
whether it was later retracted as entered in error. Nothing recorded is ever deleted by a
clinician. Booleans on the card are three-state: True, False, or None for "not recorded".
"""

from .access import AccessEvent, EntryRevision, IdempotencyRecord, Organisation
from .alerts import AlertAcknowledgement
from .birth import Baby, Birth, BirthOutcome, BirthWishes, PostpartumVisit
from .card import (
    NLK,
    NOTE_LENGTH,
    PHONE,
    VOLVEN,
    Card,
    Entry,
    Provenance,
    Section,
    not_after_now,
    not_in_future,
    note_field,
    tristate,
    within,
)
from .hers import SYMPTOM_CHOICES, DailyNote, HomeMeasurement, QuestionnaireResponse
from .history import (
    BeforePregnancy,
    CareTeamMember,
    Heredity,
    LifestyleFactor,
    MedicalConditions,
    Medication,
    MotherDetails,
    PreviousPregnancies,
)
from .pregnancy import CurrentPregnancy, LabResult, RhesusNegative, Ultrasound
from .questions import ANSWER_LENGTH, QUESTION_LENGTH, Question
from .visits import BookedAppointment, ClinicalNote, Consultation, FetalObservation, FundalHeight

__all__ = [
    "AccessEvent",
    "Organisation",
    "AlertAcknowledgement",
    "BeforePregnancy",
    "Baby",
    "Birth",
    "BirthOutcome",
    "PostpartumVisit",
    "BirthWishes",
    "BookedAppointment",
    "CareTeamMember",
    "ClinicalNote",
    "Consultation",
    "CurrentPregnancy",
    "DailyNote",
    "Entry",
    "EntryRevision",
    "FetalObservation",
    "FundalHeight",
    "Heredity",
    "HomeMeasurement",
    "IdempotencyRecord",
    "LabResult",
    "LifestyleFactor",
    "MedicalConditions",
    "Medication",
    "MotherDetails",
    "NLK",
    "NOTE_LENGTH",
    "PHONE",
    "Card",
    "PreviousPregnancies",
    "Question",
    "QuestionnaireResponse",
    "QUESTION_LENGTH",
    "ANSWER_LENGTH",
    "Provenance",
    "RhesusNegative",
    "Section",
    "SYMPTOM_CHOICES",
    "Ultrasound",
    "VOLVEN",
    "not_after_now",
    "not_in_future",
    "note_field",
    "tristate",
    "within",
]
