"""The API's own request and answer shapes, besides the card's parts (whose bodies are
declared with each part, in healthcard.parts)."""

from rest_framework import serializers

from ..parts.fields import OptionalText, StrictSerializer


class StatusSerializer(serializers.Serializer):
    hasGivenConsent = serializers.BooleanField()
    hasActiveMaternityRecord = serializers.BooleanField()
    latestRecordId = serializers.UUIDField(allow_null=True)
    lastChangedDateTime = serializers.DateTimeField(allow_null=True)
    hasOpenUrgentAlert = serializers.BooleanField(
        help_text="Whether the latest record has an urgent clinical alert that no clinician "
        "has acknowledged yet (its clinicalAlerts say which)."
    )


class CreateRecordSerializer(StrictSerializer):
    """POST record takes no body, or whether to carry her history over."""

    carryOverHistory = serializers.BooleanField(
        required=False,
        default=False,
        help_text="Carry her history over from her latest earlier record: her previous "
        "pregnancies (counted up with the one that record followed), medical conditions "
        "and heredity. The new record's metadata.carriedOver says what came from where.",
    )


class RecordStatusSerializer(StrictSerializer):
    """A change of the record's status: an early end of the pregnancy, or closing it."""

    status = serializers.ChoiceField(
        ["ACTIVE", "DELIVERED", "TERMINATED", "CLOSED"],
        help_text="TERMINATED: the pregnancy ended before week 22 (a miscarriage or a "
        "termination; nothing more about it is recorded). CLOSED: after a birth or an early "
        "end, the record becomes read-only (refused while an urgent alert is unacknowledged). "
        "DELIVERED is set by writing the birth, and nothing goes back to ACTIVE: sending the "
        "status the record has changes nothing, any other change is 409.",
    )
    terminationDate = serializers.DateField(
        required=False, help_text="The day it ended (TERMINATED only)."
    )

    def validate(self, data):
        if data["status"] == "TERMINATED" and "terminationDate" not in data:
            raise serializers.ValidationError({"terminationDate": "Required for TERMINATED."})
        if data["status"] != "TERMINATED" and "terminationDate" in data:
            raise serializers.ValidationError(
                {"terminationDate": "Only for TERMINATED: the record keeps the day it ended."}
            )
        return data


class RetractionSerializer(StrictSerializer):
    """Why the entry was entered in error: she sees it on her card beside the struck entry."""

    reason = serializers.CharField(max_length=500)


class AcknowledgementSerializer(StrictSerializer):
    """A clinician has seen the alert and acted on it; what was done, if she likes."""

    note = serializers.CharField(max_length=500, required=False, allow_blank=True)


class ProblemSerializer(serializers.Serializer):
    type = serializers.URLField()
    title = serializers.CharField()
    status = serializers.IntegerField()
    detail = serializers.CharField()
    errors = serializers.ListField(child=serializers.DictField(), required=False)


class BatchOperationSerializer(StrictSerializer):
    method = serializers.ChoiceField(choices=["POST", "PUT"])
    path = serializers.CharField(max_length=50, help_text="A list (POST) or a section (PUT).")
    body = serializers.DictField()
    ifMatch = OptionalText(max_length=20, help_text="The section's version (PUT only).")

    def validate(self, data):
        if data["method"] == "POST" and data.get("ifMatch"):
            raise serializers.ValidationError(
                {"ifMatch": ["A POST adds a new entry: it has no version to match."]}
            )
        return data


class BatchSerializer(StrictSerializer):
    operations = BatchOperationSerializer(many=True, allow_empty=False, max_length=200)


class BatchResultSerializer(serializers.Serializer):
    results = serializers.ListField(child=serializers.DictField())
