"""Extract the engine's second bilingual vocabulary from FreeDict's English–Indonesian dictionary.

    apt-get install -y dict-freedict-eng-ind
    .venv/bin/python scripts/wikdict_pairs.py > rantai/engine/matching/data/wikdict_id_en.csv

Source: FreeDict+WikDict English–Bahasa Indonesia (Debian package ``dict-freedict-eng-ind``,
built by WikDict from Wiktionary through DBnary; CC BY-SA 3.0). A general dictionary
mistranslates product text ("cokelat" is both chocolate and brown), so only pairs that
name things a catalogue names are kept:

- nouns and adjectives;
- every word of the Indonesian side occurs in the packaged KBLI 2020 / KBKI 2013 texts and
  every word of the English side in the packaged HS 2022 descriptions;
- one-to-one: neither side has another translation left after the two filters above.

Output: CSV ``id,en`` on standard output, sorted, deterministic for one dictionary edition.
"""
import csv
import gzip
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from rantai.engine.matching import resources  # noqa: E402

DICTIONARY = Path("/usr/share/dictd/freedict-eng-ind.dict.dz")
_HEADWORD = re.compile(r"^(?P<word>[^/<]+?)\s*(?:/[^<]*/)?\s*<(?P<pos>[A-Za-z]+)>$")
_SENSE = re.compile(r"^\d+\.\s+(.*)$")
_NEXT_SENSE = re.compile(r"\s*\d+\.\s*$")  # the dictd layout ends a sense's line with the next number
_WORD = re.compile(r"[0-9a-z]+")
PARTS_OF_SPEECH = ("n", "adj")


def entries(lines: list[str]) -> list[tuple[str, str, list[str]]]:
    """(headword, part of speech, translations) of each dictionary entry."""
    found, i = [], 0
    while i < len(lines):
        head = _HEADWORD.match(lines[i])
        i += 1
        if head is None:
            continue
        body = []
        while i < len(lines) and not _HEADWORD.match(lines[i]):
            body.append(lines[i].strip())
            i += 1
        senses = [body[0]] if body and not _SENSE.match(body[0]) else []
        senses += [m.group(1) for m in map(_SENSE.match, body) if m]
        translations = [t.strip() for s in senses for t in _NEXT_SENSE.sub("", s).split(",")]
        found.append((head["word"].strip(), head["pos"], [t for t in translations if t]))
    return found


def product_pairs(found: list[tuple[str, str, list[str]]]) -> list[tuple[str, str]]:
    indonesian, english = resources.indonesian_words(), resources.english_words()
    pairs = set()
    for word, pos, translations in found:
        if pos not in PARTS_OF_SPEECH:
            continue
        en_words = _WORD.findall(word.lower())
        for translation in translations:
            id_words = _WORD.findall(translation.lower())
            if (en_words and id_words and translation.lower() != word.lower()
                    and all(w in english for w in en_words) and all(w in indonesian for w in id_words)):
                pairs.add((translation.lower(), word.lower()))
    per_id, per_en = Counter(i for i, _ in pairs), Counter(e for _, e in pairs)
    return sorted((i, e) for i, e in pairs if per_id[i] == 1 and per_en[e] == 1)


def main() -> None:
    lines = gzip.decompress(DICTIONARY.read_bytes()).decode("utf-8").splitlines()
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(("id", "en"))
    writer.writerows(product_pairs(entries(lines)))


if __name__ == "__main__":
    main()
