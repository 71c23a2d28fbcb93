"""The bilingual phrase table: Indonesian ↔ English product and process terms.

Phrases are matched on analysed terms (stems), longest first, so "brake block" becomes
"blok rem" rather than "rem" plus an untranslated "block". A translation of a translation
back into the source language gives synonyms (onderdil → spare parts → suku cadang).
"""
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from . import resources
from .text import Analyzer, analyzer


@dataclass(frozen=True, slots=True)
class Translation:
    start: int  # first matched position in the analysed query
    end: int  # one past the last
    terms: tuple[str, ...]  # the target phrase, analysed
    phrase: str  # the target phrase as written in the lexicon
    pivot: bool  # a synonym reached through the other language


class Lexicon:
    """Phrase pairs indexed both ways by their analysed terms."""

    def __init__(self, pairs: Iterable[tuple[str, str]], analyzer: Analyzer) -> None:
        self._table: dict[tuple[str, ...], list[tuple[tuple[str, ...], str]]] = {}
        for indonesian, english in pairs:
            a, b = tuple(analyzer.terms(indonesian)), tuple(analyzer.terms(english))
            if a and b and a != b:  # batik = batik adds nothing
                self._add(a, b, english)
                self._add(b, a, indonesian)
        self.max_len = max((len(key) for key in self._table), default=0)

    def _add(self, key: tuple[str, ...], terms: tuple[str, ...], phrase: str) -> None:
        targets = self._table.setdefault(key, [])
        if all(t != terms for t, _ in targets):
            targets.append((terms, phrase))

    def __len__(self) -> int:
        return len(self._table)

    def translate(self, terms: Sequence[str]) -> list[Translation]:
        """Translations of ``terms``, greedy longest match left to right."""
        found: list[Translation] = []
        i = 0
        while i < len(terms):
            for size in range(min(self.max_len, len(terms) - i), 0, -1):
                key = tuple(terms[i:i + size])
                if key in self._table:
                    found.extend(self._targets(key, i, i + size))
                    i += size
                    break
            else:
                i += 1
        return found

    def _targets(self, key: tuple[str, ...], start: int, end: int) -> list[Translation]:
        out = [Translation(start, end, terms, phrase, False) for terms, phrase in self._table[key]]
        for direct in list(out):
            for terms, phrase in self._table.get(direct.terms, ()):
                if terms != key:
                    out.append(Translation(start, end, terms, phrase, True))
        return out


@cache
def default_lexicon() -> Lexicon:
    """The packaged lexicon: the curated phrase pairs, then the dictionary's product words."""
    return Lexicon(resources.lexicon_pairs() + resources.dictionary_pairs(), analyzer())
