"""``manage.py match`` ranks the current database's SMEs for a text; ``matching_index``
checks, rebuilds and prunes."""
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from conftest import make_sme
from rantai.matching.models import IndexChange

pytestmark = pytest.mark.django_db


def _run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_match_prints_ranked_smes_with_reasons_as_json():
    make_sme("CV Baja Kurnia", products=("pengecoran besi cor kelabu", "blok rem"))
    make_sme("CV Batik Solo", products=("batik tulis",), kbli=("13134",), regency="33.72")
    data = json.loads(_run("match", "blok rem besi cor", "--kbli", "24310", "--regency", "35.77",
                           "--top", "5", "--json"))
    assert [r["name"] for r in data["results"]] == ["CV Baja Kurnia"]
    first = data["results"][0]
    assert first["rank"] == 1 and first["score"] > 0 and any("blok rem" in r for r in first["reasons"])
    assert data["query"]["regency"] == "35.77"


def test_match_text_output_and_hard_filters():
    make_sme("CV Baja Kurnia")
    text = _run("match", "blok rem", "--top", "3")
    assert "1. CV Baja Kurnia" in text and "membuat" in text
    text = _run("match", "blok rem", "--certificate", "sni")
    assert "1. CV Baja Kurnia" not in text and "butuh sertifikat SNI" in text  # a near miss
    english = _run("match", "blok rem", "--certificate", "sni", "--lang", "en")
    assert "Near misses:" in english and "needs SNI certificate" in english
    with pytest.raises(CommandError):
        _run("match", "blok rem", "--regency", "Atlantis")


def test_matching_index_check_rebuild_prune():
    make_sme()
    data = json.loads(_run("matching_index", "--json"))
    assert data["profiles"] == data["expected"] == 1 and data["in_step"]
    _run("matching_index", "--rebuild")
    assert IndexChange.objects.filter(kind=IndexChange.Kind.REBUILD).exists()
    assert "pruned: 0" in _run("matching_index", "--prune")
