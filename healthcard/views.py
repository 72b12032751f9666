from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe


@login_required
@require_safe
def card_detail(request: HttpRequest) -> HttpResponse:
    """ "Mitt helsekort": the logged-in woman's own card (empty until her first entry)."""
    return render(request, "healthcard/card_detail.html")
