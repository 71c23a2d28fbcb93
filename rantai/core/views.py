"""Public pages: the landing page and the privacy notice."""
from django.shortcuts import render

from rantai.sourcing.selectors import public_totals


def landing(request):
    """The public front page (Indonesian by default), with live platform totals."""
    return render(request, "core/landing.html", {"totals": public_totals()})


def privacy(request):
    return render(request, "core/privacy.html")
