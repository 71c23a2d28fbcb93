"""The public landing page names what its figures count."""
import pytest
from django.test import Client
from django.urls import reverse

from conftest import make_sme
from rantai.sourcing.selectors import public_totals

pytestmark = pytest.mark.django_db


def test_the_sme_count_is_of_public_profiles_and_says_so():
    make_sme()
    smes = public_totals()["smes"]
    assert smes >= 1
    page = Client().get(reverse("core:landing")).content.decode()
    assert f'<div class="stat">{smes}</div>UMKM/IKM berprofil publik' in page
