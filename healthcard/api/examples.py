"""A valid request body for every section and list of the API, shown as the example of its
operation in the OpenAPI document (tests/healthcard/api/test_schema.py sends each one)."""

SECTIONS = {
    "mother": {
        "address": "Storgata 1",
        "postNumber": "0155",
        "postName": "Oslo",
        "maritalStatus": "Samboer",
        "cohabitingCoparent": True,
        "occupationAndIndustry": "Lærer, skole",
        "employedLast6Months": True,
        "employmentPercentage": 100,
        "countryOfBirth": "Norge",
        "language": {"code": "NOB", "display": "Norsk bokmål"},
        "needsLanguageInterpreter": False,
    },
    "previousPregnancies": {
        "numberOfPreviousPregnancies": 1,
        "numberOfPreviousLiveBirths": 1,
        "spontaneousMiscarriages": 0,
    },
    "geneticDisorders": {"noneKnown": True},
    "medicalConditions": {"nothingParticular": True},
    "medication": {
        "medicationFrequency": "none",
        "drugAllergy": False,
        "folate": {"takenBefore": True, "takenDuring": True},
    },
    "vitalMeasurementsBeforePregnancy": {"height": 167, "prePregnancyWeight": 62.5},
    "currentPregnancy": {
        "dateLastPeriod": "2026-03-02",
        "numberOfFetuses": 1,
        "hasPrenatalDiagnosticsTests": True,
    },
    "rhesusDNegative": {"consentToFetalRhDTest": True},
}

COLLECTIONS = {
    "antenatalAppointments": {
        "date": "2026-09-14",
        "pregnancyWeek": 28,
        "daysAfterFullPregnancyWeek": 0,
        "motherWeight": 71.5,
        "bloodPressure": {"systolic": 118, "diastolic": 74},
        "proteinInUrineTestResult": {"code": "T008"},
        "edema": 0,
        "hemoglobin": 11.8,
        "fetusesVitalSigns": [
            {"fosterId": 1, "fetalHeartRate": 140, "motherFeelsBabyMovements": True}
        ],
    },
    "symphysisFundalHeights": {
        "measurementDate": "2026-09-14",
        "pregnancyWeek": 28,
        "measurement": 27.5,
    },
    "clinicalTests": {
        "test": {"code": "NOR05172", "display": "Hemoglobin"},
        "value": 11.8,
        "unit": "g/dL",
        "date": "2026-09-14",
    },
    "ultrasounds": {
        "kind": "routine",
        "date": "2026-07-09",
        "pregnancyWeek": 18,
        "daysAfterFullPregnancyWeek": 3,
        "dueDate": "2026-12-04",
        "numberOfFetuses": 1,
    },
    "pointsOfContact": {
        "role": "midwife",
        "name": "Kari Jordmor",
        "organisationName": "Oslo kommune helsestasjon",
        "organisationNumber": "974778742",
    },
    "lifestyleFactors": {
        "stimuliType": "alcohol",
        "stimuliFrequencyFirstConsultation": {"stimuliFrequency": "never"},
    },
    "notes": {"kind": "note", "text": "Samtale om fødselsforberedelse."},
    "birthStatus": {
        "fosterId": 1,
        "birthStatus": "live_birth",
        "dateTime": "2026-11-20T04:12:00+01:00",
    },
}
