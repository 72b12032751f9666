from django.urls import path

from . import views

app_name = "healthcard"

urlpatterns = [
    path("", views.card_detail, name="card_detail"),
]
