"""A reference record-system (EPJ) client, and the vendor's worked example.

Against a running portal it plays a midwife's record system through a whole normal
pregnancy: it checks consent, opens the card, records the first consultation (history,
measurements before pregnancy, blood tests), the ultrasound due date, then a consultation at
each programme week from 24 to 41 with its symphysis-fundus height, each as one batch with an
Idempotency-Key. Then it reads the record back and checks that everything arrived once.

    python manage.py epj_demo --url http://127.0.0.1:8000 --nin 18899610071

The woman must have consented (log in as her first). The token is minted with the local
development key unless --token is given.
"""

import datetime
import uuid

import requests
from django.core.management.base import BaseCommand, CommandError

from healthcard.api.devkey import mint_token

PROGRAMME_WEEKS = [24, 28, 32, 36, 38, 40, 41]
# A textbook pregnancy: weight (kg), blood pressure and SF height (cm) by week.
MEASUREMENTS = {
    24: (69.0, 116, 74, 24.0),
    28: (71.0, 118, 76, 27.5),
    32: (73.2, 118, 76, 31.5),
    36: (75.0, 120, 78, 34.5),
    38: (75.8, 120, 78, 36.0),
    40: (76.5, 122, 80, 37.5),
    41: (76.9, 122, 80, 38.0),
}


def normal_pregnancy(last_period: datetime.date) -> list[list[dict]]:
    """A whole normal pregnancy as the batches a record system sends, one per visit."""

    def on(week: int, day: int = 0) -> str:
        return (last_period + datetime.timedelta(weeks=week, days=day)).isoformat()

    first_visit = [
        {
            "method": "PUT",
            "path": "previousPregnancies",
            "body": {"numberOfPreviousPregnancies": 0, "numberOfPreviousLiveBirths": 0},
        },
        {"method": "PUT", "path": "medicalConditions", "body": {"nothingParticular": True}},
        {
            "method": "PUT",
            "path": "medication",
            "body": {
                "medicationFrequency": "none",
                "folate": {"takenBefore": True, "takenDuring": True},
            },
        },
        {
            "method": "PUT",
            "path": "vitalMeasurementsBeforePregnancy",
            "body": {"height": 167, "prePregnancyWeight": 62},
        },
        {
            "method": "PUT",
            "path": "currentPregnancy",
            "body": {
                "dateLastPeriod": last_period.isoformat(),
                "numberOfFetuses": 1,
                "hasPrenatalDiagnosticsTests": True,
            },
        },
        {
            "method": "POST",
            "path": "antenatalAppointments",
            "body": {
                "date": on(8, 2),
                "pregnancyWeek": 8,
                "daysAfterFullPregnancyWeek": 2,
                "motherWeight": 62.5,
                "bloodPressure": {"systolic": 110, "diastolic": 70},
                "proteinInUrineTestResult": {"code": "T008"},
                "hemoglobin": 12.9,
                "note": "Første konsultasjon.",
            },
        },
        *[
            {"method": "POST", "path": "clinicalTests", "body": body}
            for body in [
                {
                    "test": {"code": "NOR05172", "display": "Hemoglobin"},
                    "value": 12.9,
                    "unit": "g/dL",
                    "date": on(8, 2),
                },
                {
                    "test": {"code": "NPU19649", "display": "HIV"},
                    "result": {"code": "T008"},
                    "date": on(8, 2),
                },
                {
                    "test": {"code": "NPU21917", "display": "RhD"},
                    "result": {"code": "T002"},
                    "date": on(8, 2),
                },
            ]
        ],
    ]
    ultrasound = [
        {
            "method": "POST",
            "path": "ultrasounds",
            "body": {
                "kind": "routine",
                "date": on(18, 3),
                "pregnancyWeek": 18,
                "daysAfterFullPregnancyWeek": 3,
                "dueDate": on(40, 3),
                "numberOfFetuses": 1,
            },
        },
        {
            "method": "PUT",
            "path": "currentPregnancy",
            "ifMatch": "1",
            "body": {
                "dateLastPeriod": last_period.isoformat(),
                "numberOfFetuses": 1,
                "dueDateBasedOnUltrasound": on(40, 3),
                "hasPrenatalDiagnosticsTests": True,
            },
        },
    ]
    consultations = []
    for week in PROGRAMME_WEEKS:
        weight, systolic, diastolic, sf = MEASUREMENTS[week]
        consultations.append(
            [
                {
                    "method": "POST",
                    "path": "antenatalAppointments",
                    "body": {
                        "date": on(week),
                        "pregnancyWeek": week,
                        "motherWeight": weight,
                        "bloodPressure": {"systolic": systolic, "diastolic": diastolic},
                        "proteinInUrineTestResult": {"code": "T008"},
                        "edema": 0,
                        "fetusesVitalSigns": [
                            {"fosterId": 1, "fetalHeartRate": 140, "motherFeelsBabyMovements": True}
                        ],
                    },
                },
                {
                    "method": "POST",
                    "path": "symphysisFundalHeights",
                    "body": {"measurementDate": on(week), "pregnancyWeek": week, "measurement": sf},
                },
            ]
        )
    return [first_visit, ultrasound, *consultations]


class Command(BaseCommand):
    help = "Send a whole normal pregnancy through the clinician API and check it (example client)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--url", default="http://127.0.0.1:8000")
        parser.add_argument("--nin", required=True, help="the woman's fødselsnummer")
        parser.add_argument("--token", help="an access token (default: minted locally)")

    def handle(self, *args, url: str, nin: str, token: str | None, **options) -> None:
        api = requests.Session()
        api.headers.update(
            {
                "Authorization": f"Bearer {token or mint_token()}",
                "nhn-patient-nin": nin,  # the woman goes in a header, never in the URL
                "nhn-source-system": "DHG reference EPJ",
            }
        )
        base = url.rstrip("/") + "/api/maternity-record/v1/"
        last_period = datetime.date.today() - datetime.timedelta(weeks=41, days=1)

        def call(method: str, path: str, expect: int, **kwargs) -> dict:
            response = api.request(method, base + path, timeout=30, **kwargs)
            if response.status_code != expect:
                raise CommandError(f"{method} {path}: {response.status_code} {response.text}")
            return response.json()

        if not call("GET", "status", 200)["hasGivenConsent"]:
            raise CommandError("She has not consented: log in as her and give consent first.")
        record_id = call("POST", "record", 201, json={})["metadata"]["recordId"]
        self.stdout.write(f"Opened record {record_id}")
        for visit in normal_pregnancy(last_period):
            # The same key on a retry makes the server answer as it did the first time.
            call(
                "POST",
                f"record/{record_id}/batch",
                200,
                json={"operations": visit},
                headers={"Idempotency-Key": str(uuid.uuid4())},
            )
            self.stdout.write(f"Sent a visit of {len(visit)} writes")

        record = call("GET", f"record/{record_id}", 200)
        sent = {
            "antenatalAppointments": 1 + len(PROGRAMME_WEEKS),
            "symphysisFundalHeights": len(PROGRAMME_WEEKS),
            "clinicalTests": 3,
            "ultrasounds": 1,
        }
        received = {key: len(record[key]) for key in sent}
        if received != sent:
            raise CommandError(f"Read back {received}, expected {sent}")
        heights = sorted(m["measurement"] for m in record["symphysisFundalHeights"])
        if heights != sorted(m[3] for m in MEASUREMENTS.values()):
            raise CommandError(f"SF heights differ: {heights}")
        due = (last_period + datetime.timedelta(weeks=40, days=3)).isoformat()
        if record["currentPregnancy"]["dueDateBasedOnUltrasound"] != due:
            raise CommandError("The ultrasound due date did not arrive.")
        self.stdout.write(
            self.style.SUCCESS(f"OK: record {record_id} holds everything sent, once ({received}).")
        )
