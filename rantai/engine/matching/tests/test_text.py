"""Text analysis: Snowball stems with guards, protected place names, head words."""
import pytest

from rantai.engine.matching.lexicon import default_lexicon
from rantai.engine.matching.text import analyzer, words
from rantai.engine.matching.typos import corrections, edits1


@pytest.mark.parametrize("word", ["bekasi", "madiun", "sidoarjo", "bandung"])
def test_place_names_are_never_stemmed(word):
    assert analyzer().stem(word) == word


def test_bekasi_is_not_bekas():
    assert analyzer().stem("bekasi") != analyzer().stem("bekas")


@pytest.mark.parametrize(("word", "stem"), [
    ("pengecoran", "cor"),  # peN- + nge- before a one-syllable root
    ("pengelasan", "las"),
    ("penjahitan", "jahit"),
    ("kemasan", "kemas"),  # Snowball's "masan" is no word: the suffix alone goes
    ("kemeja", "kemeja"),  # not "meja": a bare ke- is part of the root
    ("kelabu", "kelabu"),
    ("petai", "petai"),  # not "peta": a bare -i is part of the root
    ("terigu", "terigu"),  # Snowball's "igu" is no word
    ("castings", "cast"),  # English words get the English stemmer
    ("uniforms", "uniform"),
])
def test_stems(word, stem):
    assert analyzer().stem(word) == stem


def test_words_fold_case_accents_and_stopwords():
    assert words("Kemeja BATIK untuk Seragam, café") == ["kemeja", "batik", "seragam", "cafe"]


@pytest.mark.parametrize(("phrase", "head"), [
    ("Papan kayu iroko", "papan"),
    ("brake block casting", "casting"),
    ("Katup pintu dari besi tuang (gate valve)", "katup"),
    ("Parts of railway locomotives", "parts"),
])
def test_head_word(phrase, head):
    assert analyzer().head(phrase) == head


def test_lexicon_translates_phrases_both_ways():
    lexicon, an = default_lexicon(), analyzer()
    english = {t.phrase for t in lexicon.translate(an.terms("brake block casting"))}
    assert {"blok rem", "pengecoran"} <= english
    indonesian = {t.phrase for t in lexicon.translate(an.terms("suku cadang kereta"))}
    assert {"spare parts", "railway"} <= indonesian


def test_corrections_prefer_known_frequent_words():
    known = {"pengecoran": 5, "pengecatan": 2}
    assert "pengecorn" not in edits1("pengecorn")
    assert corrections("pengecorn", lambda w: known.get(w, 0)) == ["pengecoran"]
    assert corrections("tjetak", lambda w: w == "cetak") == ["cetak"]  # old spelling
    assert corrections("abc", lambda w: 1) == []  # too short to guess
