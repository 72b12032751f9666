"""The whole card as one JSON document in the shape of Norsk helsenett's maternity record
(DOMAIN.md §3.2): `metadata` and one key per section, each section or entry with its own
`metadata` (id, version, lastUpdated, enteredInError, lastUpdatedBy). Used by the woman's
download and by the clinician API. Expects the card loaded with every list prefetched."""

import datetime

from django.utils import timezone, translation

from . import parts
from .clinical import rules
from .models import Card, Provenance
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


def alert_document(alert: rules.Alert) -> dict:
    return {
        "code": alert.code,
        "severity": alert.severity,
        "title": str(alert.rule.title),
        "action": str(alert.rule.action),
        "guidelineReference": {
            "title": alert.rule.reference.title,
            "url": alert.rule.reference.url,
        },
        "basedOn": [
            {"list": parts.BY_MODEL[type(entry)].name, "id": str(entry.pk)}
            for entry in alert.based_on
        ],
        "raisedAt": iso(alert.raised_on),
    }


def card_alerts(card: Card, today: datetime.date | None = None) -> list[rules.Alert]:
    return rules.alerts(rules.Facts.of(card, today or timezone.localdate()))


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
            },
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
