"""The whole card as one JSON document in the shape of Norsk helsenett's maternity record
(DOMAIN.md §3.2): `metadata` and one key per section, each section or entry with its own
`metadata` (id, version, lastUpdated, enteredInError, lastUpdatedBy). Used by the woman's
download and by the clinician API. Expects the card loaded with every list prefetched."""

import datetime
import hashlib
from dataclasses import dataclass

from django.utils import timezone, translation

from portal.nin import birth_date

from . import parts
from .clinical import rules
from .models import AlertAcknowledgement, Card, Provenance
from .parts.fields import iso


def _metadata(row: Provenance) -> dict:
    meta = {
        "id": str(row.pk),
        "version": row.version,
        "lastUpdated": iso(row.recorded_at),
        "enteredInError": row.entered_in_error,
        "lastUpdatedBy": {
            "userType": row.recorded_by_type,
            "orgNr": row.org_nr or None,
            "orgName": row.org_name or None,
            "hprNr": row.recorded_by_hpr or None,
            "hprRole": row.recorded_by_role or None,
            "name": row.recorded_by_name,
            "sourceSystem": row.source_system or None,
        },
    }
    if row.entered_in_error:
        meta["enteredInErrorBy"] = {
            "name": row.retracted_by_name,
            "orgName": row.retracted_by_org_name or None,
            "at": iso(row.retracted_at),
            "reason": row.retraction_reason or None,
        }
    return meta


def section_document(row: Provenance) -> dict:
    """A singleton section as the record shows it."""
    return {"metadata": _metadata(row), **parts.BY_MODEL[type(row)].document(row)}


def entry_document(entry: Provenance) -> dict:
    """One list entry as the record shows it."""
    return {"metadata": _metadata(entry), **parts.BY_MODEL[type(entry)].document(entry)}


@dataclass(frozen=True)
class CardAlert:
    """An alert on this card: what the rules raised, on which entries, and whether a
    clinician has acknowledged it."""

    alert: rules.Alert
    cause: str  # the entries it is based on, "antenatalAppointments/12 ...": its identity
    acknowledgement: AlertAcknowledgement | None

    @property
    def rule(self) -> rules.Rule:
        return self.alert.rule

    @property
    def code(self) -> str:
        return self.alert.code

    @property
    def severity(self) -> str:
        return self.alert.severity

    @property
    def based_on(self) -> tuple:
        return self.alert.based_on

    @property
    def raised_on(self) -> datetime.date:
        return self.alert.raised_on

    @property
    def id(self) -> str:
        """Stable while the alert stands: its code and the entries (at their versions) it is
        raised on. Record systems acknowledge it by this id."""
        return hashlib.sha256(f"{self.code} {self.cause}".encode()).hexdigest()[:20]


def alert_cause(alert: rules.Alert) -> str:
    """Which entries, at which version: a correction of one makes the alert new."""
    return " ".join(f"{parts.BY_MODEL[type(e)].name}/{e.pk}/v{e.version}" for e in alert.based_on)


def card_alerts(card: Card, today: datetime.date | None = None) -> list[CardAlert]:
    """The card's open alerts: those not yet acknowledged first, each group the most urgent
    first. Expects its lists loaded; reads its
    acknowledgements (one query, or none when prefetched)."""
    seen = {(a.code, a.cause): a for a in card.alert_acknowledgements.all()}
    born = birth_date(card.woman.national_id or "", allow_synthetic=True)
    found = rules.alerts(rules.Facts.of(card, today or timezone.localdate(), born))
    alerts = [
        CardAlert(alert, cause, seen.get((alert.code, cause)))
        for alert in found
        for cause in [alert_cause(alert)]
    ]
    # Those still to be followed up first; the sort keeps the most urgent first within each.
    return sorted(alerts, key=lambda alert: alert.acknowledgement is not None)


def alert_document(alert: CardAlert) -> dict:
    seen = alert.acknowledgement
    with translation.override("en"):  # for the record systems' own translations
        title_en, action_en = str(alert.rule.title), str(alert.rule.action)
    return {
        "id": alert.id,
        "code": alert.code,
        "severity": alert.severity,
        "title": str(alert.rule.title),
        "action": str(alert.rule.action),
        "titleEn": title_en,
        "actionEn": action_en,
        "guidelineReference": {
            "title": alert.rule.reference.title,
            "url": alert.rule.reference.url,
        },
        "basedOn": [
            {
                "list": parts.BY_MODEL[type(entry)].name,
                "id": str(entry.pk),
                "version": entry.version,
            }
            for entry in alert.based_on
        ],
        "raisedAt": iso(alert.raised_on),
        "acknowledgedBy": {
            "name": seen.by_name,
            "hprNr": seen.by_hpr or None,
            "orgName": seen.org_name or None,
            "at": iso(seen.at),
            "note": seen.note or None,
        }
        if seen
        else None,
    }


def record_document(card: Card) -> dict:
    document = {
        "metadata": {
            "recordId": str(card.pk),
            "version": card.version,
            "recordLastUpdated": iso(card.last_updated),
            "recordStatus": {
                "status": card.status.upper(),
                "deliveryDate": iso(card.delivery_date),
                "liveBirth": card.live_birth,
                "terminationDate": iso(card.termination_date),
                "closedDateTime": iso(card.closed_at),
            },
            "carriedOver": {
                "fromRecordId": str(card.carried_over_from_id),
                "sections": [parts.BY_RELATED_NAME[name].name for name in card.carried_over],
            }
            if card.carried_over_from_id
            else None,
        },
    }
    for part in parts.SECTIONS:
        row = getattr(card, part.related_name, None)
        document[part.name] = section_document(row) if row is not None else None
    document["mother"] = {"name": card.woman.get_full_name(), **(document["mother"] or {})}
    for part in parts.LISTS:
        document[part.name] = [entry_document(e) for e in getattr(card, part.related_name).all()]
    with translation.override("nb"):  # the national card's language; the code is stable
        document["clinicalAlerts"] = [alert_document(alert) for alert in card_alerts(card)]
    return document


def questions_document(card: Card) -> list[dict]:
    """Her questions to the midwife and their answers, for her own download."""
    return [
        {
            "askedAt": iso(q.asked_at),
            "question": q.text,
            "answer": q.answer or None,
            "answeredAt": iso(q.answered_at),
            "answeredBy": q.answered_by_name or None,
            "answeredByOrganisation": q.answered_by_org_name or None,
        }
        for q in card.questions.all()
    ]
