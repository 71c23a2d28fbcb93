"""Translations: Indonesian is the source language, English comes from rantai/locale/en.

These tests keep the English catalogue complete (no empty or fuzzy entries, placeholders
intact), catch literals added to code or templates without running ``makemessages``, and
check that the language switch and translated validation errors work end to end.
"""
import re
from collections import Counter
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import translation

from conftest import make_sme

LOCALE_DIR = Path(settings.BASE_DIR) / "rantai" / "locale"
EN_PO = LOCALE_DIR / "en" / "LC_MESSAGES" / "django.po"
APP_DIR = Path(settings.BASE_DIR) / "rantai"

HEADING = "Masuk ke rantai pasok BUMN dan usaha besar"  # the landing page's <h1>


def _entries():
    return [e for e in polib.pofile(str(EN_PO)) if not e.obsolete]


def _catalogue_msgids() -> set[str]:
    return {e.msgid for e in _entries()} | {e.msgid_plural for e in _entries() if e.msgid_plural}


@pytest.fixture(autouse=True)
def _back_to_default_language():
    """The test client's LocaleMiddleware leaves its language active in this thread; don't let
    English leak into later tests."""
    yield
    translation.deactivate()


# --- (a) the English catalogue is complete ------------------------------------------------

def test_every_entry_is_translated_and_not_fuzzy():
    po = polib.pofile(str(EN_PO))
    problems = []
    for entry in _entries():
        if "fuzzy" in entry.flags:
            problems.append(f"fuzzy: {entry.msgid!r}")
        if entry.msgid_plural:
            forms = entry.msgstr_plural
            if len(forms) < 2 or not all(forms.values()):
                problems.append(f"empty plural msgstr: {entry.msgid!r}")
        elif not entry.msgstr:
            problems.append(f"empty msgstr: {entry.msgid!r}")
    assert not po.metadata_is_fuzzy, "the catalogue header is marked fuzzy"
    assert not problems, f"{len(problems)} untranslated entries in {EN_PO}:\n" + "\n".join(problems)


# %(name)s, %(n)d, %s, %.2f ... but not a literal %%.
PLACEHOLDER = re.compile(r"%(?:\((\w+)\))?[-#0 +]*\d*(?:\.\d+)?([sdifrxXeEgGc%])")


def placeholders(text: str) -> Counter:
    return Counter(f"%({name}){kind}" if name else f"%{kind}"
                   for name, kind in PLACEHOLDER.findall(text) if kind != "%")


def test_placeholders_match_between_msgid_and_msgstr():
    problems = []
    for entry in _entries():
        if entry.msgid_plural:
            pairs = [(entry.msgid if i == 0 else entry.msgid_plural, text)
                     for i, text in sorted(entry.msgstr_plural.items())]
        else:
            pairs = [(entry.msgid, entry.msgstr)]
        for source, text in pairs:
            if text and placeholders(source) != placeholders(text):
                problems.append(f"{source!r}\n    -> {text!r}")
    assert not problems, "placeholders differ:\n" + "\n".join(problems)


def test_placeholder_helper():
    assert placeholders("%(n)d dari %(total)s, 5%%") == Counter({"%(n)d": 1, "%(total)s": 1})
    assert placeholders("%(n)s") != placeholders("%(n)d")


# --- (b) the catalogue is not stale -------------------------------------------------------

TEMPLATE_LITERAL = re.compile(r"""{%\s*trans(?:late)?\s+(["'])(.*?)\1""")
PYTHON_LITERAL = re.compile(
    r"""(?<![\w.])(?:_|gettext|gettext_lazy)\(\s*(["'])((?:(?!\1)[^\\\n])*)\1\s*[,)]""")


def _files(patterns):
    for pattern in patterns:
        for path in sorted(APP_DIR.glob(pattern)):
            parts = set(path.relative_to(APP_DIR).parts)
            if parts & {"tests", "static", "migrations", "locale", "node_modules"}:
                continue
            yield path


def _literals():
    """(file, literal) for every simple one-line translatable literal in code and templates."""
    for path in _files(["**/templates/**/*.html", "**/*.txt"]):
        for _quote, text in TEMPLATE_LITERAL.findall(path.read_text(encoding="utf-8")):
            if "{{" not in text and "{%" not in text:
                yield path, text
    for path in _files(["**/*.py"]):
        for _quote, text in PYTHON_LITERAL.findall(path.read_text(encoding="utf-8")):
            yield path, text


def test_literal_scanner_finds_strings():
    found = {text for _path, text in _literals()}
    assert HEADING in found                      # a template
    assert "NIB harus 13 digit angka." in found  # python


def test_every_literal_in_code_and_templates_is_in_the_catalogue():
    msgids = _catalogue_msgids()
    missing = sorted({f"{path.relative_to(settings.BASE_DIR)}: {text!r}"
                      for path, text in _literals()
                      if text not in msgids and text.replace("%", "%%") not in msgids})
    assert not missing, (
        "strings not in the English catalogue; run `manage.py makemessages -l en -l id "
        "--ignore=.venv --ignore=node_modules --ignore=var --no-obsolete -e html,txt,py`, "
        "translate them in rantai/locale/en/LC_MESSAGES/django.po, then compilemessages:\n"
        + "\n".join(missing))


# --- compiled catalogues for the runtime tests --------------------------------------------

@pytest.fixture(scope="module")
def compiled():
    """Compile the catalogues when a .mo is missing or older than its .po (``make messages``
    normally does this), then drop Django's cached translations so the new ones load."""
    stale = [po for po in LOCALE_DIR.glob("*/LC_MESSAGES/django.po")
             if not po.with_suffix(".mo").exists()
             or po.with_suffix(".mo").stat().st_mtime < po.stat().st_mtime]
    if stale:
        try:
            call_command("compilemessages", locale=[po.parent.parent.name for po in stale],
                         verbosity=0)
        except Exception as error:  # noqa: BLE001 - e.g. gettext (msgfmt) not installed
            pytest.fail(f"cannot compile translations ({error}); run `make messages`")
        from django.utils.translation.reloader import translation_file_changed
        translation_file_changed(sender=None, file_path=stale[0].with_suffix(".mo"))


# --- (c) switching language in the browser ------------------------------------------------

@pytest.mark.django_db
def test_landing_is_indonesian_by_default_and_english_after_switching(client, compiled):
    with translation.override("en"):
        english = translation.gettext(HEADING)
    assert english != HEADING, "the landing heading has no English translation"

    page = client.get("/").content.decode()
    assert '<html lang="id">' in page
    assert HEADING in page

    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"}, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain and response.redirect_chain[-1][0] == "/"
    page = response.content.decode()
    assert '<html lang="en">' in page
    assert english in page
    assert HEADING not in page

    # The choice sticks for later requests.
    assert '<html lang="en">' in client.get("/").content.decode()


# --- (d) validation errors follow the active language ------------------------------------

GOOD = {"name": "CV Maju", "legal_form": "cv", "nib": "1234567890123", "regency_code": "33.10",
        "kbli_codes": ["24310"], "products": ["blok rem"]}


@pytest.mark.django_db
@pytest.mark.parametrize("language,expected", [("en", "13 digits"), ("id", "13 digit angka")])
def test_nib_error_is_translated(compiled, language, expected):
    from rantai.suppliers.services import profile_save

    membership = make_sme()
    with translation.override(language), pytest.raises(ValidationError) as error:
        profile_save(by=membership, **{**GOOD, "nib": "12345"})
    assert expected in " ".join(error.value.message_dict["nib"])
