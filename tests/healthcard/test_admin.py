import pytest
from django.contrib import admin
from django.urls import reverse

from healthcard import models
from tests.factories import ConsultationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("root", password="x-long-password-1")
    client.force_login(user)
    return client


def test_every_card_model_is_registered():
    # The access log is the woman's, never staff's; idempotency records are technical;
    # fetal rows are edited with their consultation; revisions are evidence, not for editing.
    not_for_staff = {
        models.FetalObservation,
        models.AccessEvent,
        models.IdempotencyRecord,
        models.EntryRevision,
    }
    card_models = [
        m
        for m in models.__dict__.values()
        if isinstance(m, type)
        and issubclass(m, models.models.Model)
        and m._meta.app_label == "healthcard"
        and not m._meta.abstract
    ]
    unregistered = [
        m.__name__ for m in card_models if m not in admin.site._registry and m not in not_for_staff
    ]
    assert unregistered == []
    assert models.AccessEvent not in admin.site._registry


def test_provenance_is_read_only_and_nothing_can_be_deleted(superuser_client):
    consultation = ConsultationFactory()
    url = reverse("admin:healthcard_consultation_change", args=[consultation.pk])
    html = superuser_client.get(url).content.decode()
    assert 'name="recorded_by_name"' not in html
    assert "Kari Jordmor" in html
    delete = reverse("admin:healthcard_consultation_delete", args=[consultation.pk])
    assert superuser_client.post(delete, {"post": "yes"}).status_code == 403
    assert models.Consultation.objects.filter(pk=consultation.pk).exists()


def test_staff_without_permissions_sees_no_card_data(client, django_user_model):
    staff = django_user_model.objects.create_user(
        "staff", password="x-long-password-1", is_staff=True
    )
    client.force_login(staff)
    consultation = ConsultationFactory()
    url = reverse("admin:healthcard_consultation_change", args=[consultation.pk])
    assert client.get(url).status_code == 403
