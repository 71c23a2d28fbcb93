"""Text analysis: Snowball stems with guards, protected place names, head words, spellings."""
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rantai.engine.matching import resources, spelling
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
    ("baby", "baby"),  # not "babi": an English stem may not land on an Indonesian word (pig)
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


def test_letter_spaced_words_are_read_as_one():
    assert words("Kue B o l u dan R u m") == ["kue", "bolu", "rum"]
    assert words("Vitamin A B C") == ["vitamin"]  # capitals stay separate letters


@pytest.mark.parametrize(("a", "b"), [
    ("ether", "eter"), ("cellulose", "selulosa"), ("oxide", "oksida"), ("ethylene", "etilena"),
    ("sulphate", "sulfat"), ("chlorine", "klorin"), ("calcium", "kalsium"), ("thermostat", "termostat"),
])
def test_loanwords_share_a_spelling_key(a, b):
    assert spelling.key(a) == spelling.key(b)


@pytest.mark.parametrize(("a", "b"), [
    ("kopi", "kapi"), ("besi", "basi"), ("batik", "batuk"), ("kain", "chain"),
])
def test_different_words_keep_different_keys(a, b):
    assert spelling.key(a) != spelling.key(b)


def test_vocabulary_finds_spellings_and_similar_words():
    vocabulary = spelling.Vocabulary()
    for word in ("eter", "spektofotometer", "refraktometer", "polarimeter", "mesin"):
        vocabulary.add(word)
    assert vocabulary.spellings("ether") == ["eter"]
    assert vocabulary.spellings("eter") == []  # not itself
    assert vocabulary.similar("refraktrometer")[0] == "refraktometer"  # the longest shared beginning first
    assert "spektofotometer" in vocabulary.similar("kronometer")
    assert vocabulary.similar("mesjid") == []  # too little in common


def test_dictionary_pairs_are_one_to_one_product_words():
    pairs = resources.dictionary_pairs()
    assert ("rem", "brake") in pairs and ("udang", "shrimp") in pairs
    assert len({i for i, _ in pairs}) == len(pairs) == len({e for _, e in pairs})
    assert not {i for i, _ in pairs} & {"cokelat", "panas"}  # ambiguous or no product word


lower_words = st.text(alphabet="abcdehiklmnoprstuxy", min_size=1, max_size=14)


@given(lower_words)
def test_a_spelling_key_is_its_own_key(word):
    same = spelling.key(word)
    assert same is None or spelling.key(same) in (same, None)


@given(st.lists(lower_words, max_size=30), lower_words)
def test_similar_words_share_a_long_beginning_or_ending(seen, word):
    vocabulary = spelling.Vocabulary()
    for other in dict.fromkeys(seen):
        vocabulary.add(other)
    found = vocabulary.similar(word)
    need = max(spelling.AFFIX, math.ceil(spelling.AFFIX_SHARE * len(word)))
    assert len(found) <= spelling.MAX_SIMILAR and word not in found and set(found) <= set(seen)
    for other in found:
        assert other[:need] == word[:need] or other[-need:] == word[-need:]
