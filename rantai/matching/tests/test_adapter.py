"""The adapter's cached index follows the database: new, edited and withdrawn profiles show
up (or disappear) in the very next candidate list."""
import pytest

from conftest import make_buyer, make_need, make_sme
from rantai.matching.selectors import candidates_for_need
from rantai.suppliers.services import capability_add, profile_set_published

pytestmark = pytest.mark.django_db


def _names(need):
    return [profile.name for profile, _match in candidates_for_need(need)]


def test_candidates_follow_profile_changes():
    buyer = make_buyer()
    need = make_need(buyer, title="Blok rem besi cor untuk kereta")
    first = make_sme("CV Pertama", products=("blok rem besi cor",))
    assert _names(need) == ["CV Pertama"]
    second = make_sme("CV Kedua", products=("blok rem besi cor", "sepatu rem"))
    assert sorted(_names(need)) == ["CV Kedua", "CV Pertama"]
    profile_set_published(profile=first.organisation.supplier_profile, by=first,
                          published=False)
    assert _names(need) == ["CV Kedua"]
    capability_add(by=second, profile=second.organisation.supplier_profile, process="casting",
                   material="besi cor kelabu")
    assert _names(need) == ["CV Kedua"]
