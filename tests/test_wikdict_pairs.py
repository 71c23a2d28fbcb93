"""scripts/wikdict_pairs.py: the dictd layout is read and only one-to-one product words are kept."""
import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "wikdict_pairs.py"
spec = importlib.util.spec_from_file_location("wikdict_pairs", SCRIPT)
wikdict_pairs = importlib.util.module_from_spec(spec)
spec.loader.exec_module(wikdict_pairs)

# The dictd text layout: headword line, translations, an English gloss; a sense's line ends
# with the next sense's number ("rem 2."), numbered senses may follow.
SAMPLE = """\
brake //bɹeɪk// <n>
rem 2.
device used to slow or stop a vehicle
 3.
something that slows or stops an action
chocolate /ˈtʃɒklət/ <n>
cokelat
food made from cacao
brown /bɹaʊn/ <adj>
cokelat
having a brown colour
friend //frɪnd// <n>
1. kekasih, pacar
boyfriend or girlfriend
2. teman, kawan
person whose company one enjoys
shrimp /ʃɹɪmp/ <n>
udang
decapod crustacean
I love you //aɪ ˈlʌv juː// <phraseologicalUnit>
aku cinta kamu
affirmation of affection
""".splitlines()


def test_entries_read_every_sense():
    found = {word: (pos, translations) for word, pos, translations in wikdict_pairs.entries(SAMPLE)}
    assert found["brake"] == ("n", ["rem"])
    assert found["friend"] == ("n", ["kekasih", "pacar", "teman", "kawan"])
    assert found["I love you"][0] == "phraseologicalUnit"


def test_only_one_to_one_product_words_are_kept():
    pairs = wikdict_pairs.product_pairs(wikdict_pairs.entries(SAMPLE))
    assert ("rem", "brake") in pairs and ("udang", "shrimp") in pairs
    assert not [p for p in pairs if p[0] == "cokelat"]  # chocolate and brown: ambiguous
    assert not [p for p in pairs if p[1] in ("friend", "i love you")]  # no product words / no noun
