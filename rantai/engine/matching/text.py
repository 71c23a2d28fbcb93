"""Text analysis: words and their stems, Indonesian first, English recognised.

Stems come from the Snowball stemmers (PyStemmer; dictionary-free, BSD). Snowball's
Indonesian algorithm over-strips some words (``kemeja`` → ``meja``, ``pengecoran`` →
``ecor``, ``terigu`` → ``igu``), so a stem is only accepted when it is attested as a word
in the packaged KBLI/KBKI texts, with two repairs tried first. Place names are never
stemmed (``Bekasi`` stays ``bekasi``, never ``bekas``).
"""
import re
import unicodedata
from functools import cache

import Stemmer

from . import resources

_WORD = re.compile(r"[0-9a-z]+")
# a word set with a space between its letters, as titles sometimes are: "B o l u" → bolu
_SPACED = re.compile(r"\b[A-Za-z](?: [a-z]){2,}\b")
STOPWORDS = frozenset("""
    dan atau yang untuk dengan dari di ke pada dalam ini itu serta juga oleh sebagai akan
    adalah yaitu para tersebut dll lainnya ytdl sejenisnya sebagainya semacamnya per
    the and or of for with to in on by as at a an other others nec nes its their such
    """.split())
_SEGMENT = re.compile(r"[,;(/]")
_HEAD_STOP = frozenset({"of", "for", "with", "from", "in", "dari", "untuk", "dengan", "yang", "selain"})
_HEAD_CACHE = 100_000  # product names repeat across SMEs; unique ones must not pile up
_PREFIX_ONLY = ("ke", "se")  # rarely derivational alone: kemeja, kelapa, sepatu
_SUFFIX_ONLY = ("i",)  # a bare -i is mostly part of the root: petai, lemari, kedelai
_SUFFIXES = ("kan", "an", "nya", "lah", "kah")


def normalise(text: str) -> str:
    """Lower case, accents folded to ASCII."""
    if text.isascii():
        return text.lower()
    folded = unicodedata.normalize("NFKD", text.lower())
    return folded.encode("ascii", "ignore").decode("ascii")


def words(text: str) -> list[str]:
    """Lower-case ASCII words of ``text`` without stopwords, in order."""
    found = _WORD.findall(normalise(text))
    kept = [w for w in found if w not in STOPWORDS and len(w) > 1]
    if len(found) - len(kept) >= 3 and _SPACED.search(text):  # a spaced word drops three letters or more
        return words(_SPACED.sub(lambda m: m.group().replace(" ", ""), text))
    return kept


class Analyzer:
    """Maps words to stems; deterministic and independent of any index state."""

    def __init__(self) -> None:
        self._indonesian = Stemmer.Stemmer("indonesian")
        self._english = Stemmer.Stemmer("english")
        self._id_words = resources.indonesian_words()
        self._en_words = resources.english_words()
        self._protected = resources.place_words()
        pairs = resources.lexicon_pairs()
        self._lexicon_id = frozenset(w for indonesian, _ in pairs for w in _WORD.findall(indonesian))
        self._lexicon_en = frozenset(w for _, english in pairs for w in _WORD.findall(english))
        self._cache: dict[str, str] = {}
        self._heads: dict[str, str | None] = {}

    def is_attested(self, word: str) -> bool:
        """Whether ``word`` occurs in the packaged Indonesian or English reference text."""
        return word in self._id_words or word in self._en_words

    def is_indonesian(self, word: str) -> bool:
        """Whether ``word`` reads as Indonesian only (curated lexicon first, then reference texts)."""
        return self._language(word) == "id"

    def head(self, text: str) -> str | None:
        """The head word of a noun phrase: first in Indonesian, last in English.

        "Papan kayu iroko" → papan; "brake block casting" → casting; only the first
        segment counts ("Katup pintu (gate valve)" → katup).
        """
        if text in self._heads:
            return self._heads[text]
        if len(self._heads) >= _HEAD_CACHE:
            self._heads.clear()
        head = self._heads[text] = self._head(text)
        return head

    def _head(self, text: str) -> str | None:
        tokens = _WORD.findall(_SEGMENT.split(normalise(text), maxsplit=1)[0])
        for i, token in enumerate(tokens):
            if token in _HEAD_STOP:
                tokens = tokens[:i]
                break
        content = [t for t in tokens if t not in STOPWORDS and len(t) > 1]
        if not content:
            return None
        english = sum(self._language(t) == "en" for t in content)
        indonesian = sum(self._language(t) == "id" for t in content)
        return content[-1] if english > indonesian else content[0]

    def _language(self, word: str) -> str | None:
        """"id", "en" or None, the curated lexicon first, then the reference texts."""
        lex_id, lex_en = word in self._lexicon_id, word in self._lexicon_en
        if lex_id != lex_en:
            return "id" if lex_id else "en"
        in_id, in_en = word in self._id_words, word in self._en_words
        if in_id != in_en:
            return "id" if in_id else "en"
        if not in_id and self._english.stemWord(word) in self._en_words:
            return "en"
        return None

    def stem(self, word: str) -> str:
        """The index term for one lower-case word."""
        stem = self._cache.get(word)
        if stem is None:
            stem = self._cache[word] = self._stem(word)
        return stem

    def terms(self, text: str) -> list[str]:
        return [self.stem(w) for w in words(text)]

    def _stem(self, word: str) -> str:
        if len(word) <= 3 or word in self._protected or not word.isalpha():
            return word
        in_id, in_en = word in self._id_words, word in self._en_words
        if in_en and not in_id:
            return self._english_stem(word)
        if in_id:
            stem = self._indonesian_stem(word)
            # loanwords in both languages (motor, bogie, generator) stem like their plurals
            return stem if stem != word or not in_en else self._english_stem(word)
        english = self._english_stem(word)
        if english != word and english in self._en_words:
            return english  # an unlisted English inflection: castings → cast
        return self._indonesian_stem(word)

    def _english_stem(self, word: str) -> str:
        """Snowball's English stem, unless it is an Indonesian word (baby → babi, which is pig)."""
        stem = self._english.stemWord(word)
        return word if stem != word and stem in self._id_words and stem not in self._en_words else stem

    def _indonesian_stem(self, word: str) -> str:
        stem = self._indonesian.stemWord(word)
        if stem == word:
            return word
        prefix_only = word.endswith(stem) and word[: len(word) - len(stem)] in _PREFIX_ONLY
        suffix_only = word.startswith(stem) and word[len(stem):] in _SUFFIX_ONLY
        if suffix_only:
            return word
        if stem in self._id_words and not prefix_only:
            return stem
        # meN-/peN- before a one-syllable root keeps an "e": pengecoran → ecor → cor
        if word.startswith(("penge", "menge")) and stem.startswith("e") and stem[1:] in self._id_words:
            return stem[1:]
        for suffix in _SUFFIXES:
            root = word[: -len(suffix)]
            if word.endswith(suffix) and len(root) > 3 and root in self._id_words:
                return root  # kemasan → kemas when Snowball's "masan" is no word
        return word


@cache
def analyzer() -> Analyzer:
    """The process-wide analyzer (its stem cache is shared by every index)."""
    return Analyzer()
