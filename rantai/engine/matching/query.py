"""From a buyer's words to weighted index terms: stems, translations, corrections.

Each word of the need becomes a *group* of alternatives (its stem, a one-word translation,
a synonym, a spelling correction); a supplier scores the best alternative of each group,
so "sepatu" and its translation "shoes" are one concept, never counted twice. Longer
phrase translations ("brake block" → "blok rem") and the exact unstemmed word are extra
groups of their own. Every alternative remembers why it was added, so a result can say
"brake block → blok rem" or "pengecorn → pengecoran" among its reasons.
"""
from collections.abc import Callable
from dataclasses import dataclass, field

from . import typos
from .lexicon import Lexicon
from .spelling import Vocabulary
from .text import Analyzer, words
from .weights import Weights

TRANSLATED, SYNONYM, CORRECTED, SIMILAR = "padanan", "sinonim", "ejaan", "mirip"


@dataclass(frozen=True, slots=True)
class Variant:
    term: str
    weight: float  # relative to a word the buyer typed
    cap: tuple[str, ...] = ()  # the typed terms it stands for: its idf may not exceed theirs


@dataclass(frozen=True, slots=True)
class Expansion:
    kind: str  # TRANSLATED | SYNONYM | CORRECTED | SIMILAR
    source: str  # what the buyer wrote
    target: str  # what it was read as
    terms: frozenset[str]


@dataclass(slots=True)
class QueryTerms:
    groups: list[list[Variant]] = field(default_factory=list)  # a document scores each group's best
    expansions: list[Expansion] = field(default_factory=list)


def expand(text: str, analyzer: Analyzer, lexicon: Lexicon, w: Weights,
           frequency: Callable[[str], int], vocabulary: Vocabulary | None = None) -> QueryTerms:
    """The weighted term groups of ``text``; ``frequency(word)`` is 0 for unused words;
    ``vocabulary`` gives the indexed words spelled alike or, for a word nobody wrote, similar."""
    vocabulary = vocabulary or Vocabulary()
    query = QueryTerms()
    surface = words(text)
    stems = [analyzer.stem(word) for word in surface]
    read_as = list(stems)  # the stem each position is read as, after corrections
    groups: list[list[Variant]] = []
    extras: list[Variant] = []
    for i, (word, stem) in enumerate(zip(surface, stems, strict=True)):
        known = frequency(word) > 0
        fixes = [] if known else typos.corrections(word, frequency)
        similar = [] if known or fixes else vocabulary.similar(word)
        if similar:
            groups.append([Variant(stem, w.typo_original)])
            for other in similar:
                groups[-1].append(Variant(analyzer.stem(other), w.similar, (stem,)))
                query.expansions.append(Expansion(SIMILAR, word, other, frozenset({analyzer.stem(other)})))
            continue
        if not fixes:
            groups.append([Variant(stem, 1.0)])
            if stem != word:
                extras.append(Variant(word, w.surface))
            continue
        group = [Variant(stem, w.typo_original)]
        for fix in fixes:
            fixed = analyzer.stem(fix)
            group.append(Variant(fixed, w.typo))
            query.expansions.append(Expansion(CORRECTED, word, fix, frozenset({fixed})))
        groups.append(group)
        read_as[i] = analyzer.stem(fixes[0])
    for phrases, weight in ((stems, 1.0), (read_as, w.typo)):
        for t in lexicon.translate(phrases):
            factor = weight * (w.pivot if t.pivot else w.translation)
            cap = tuple(stems[t.start:t.end])
            if t.end - t.start == 1 and len(t.terms) == 1:
                groups[t.start].append(Variant(t.terms[0], factor, cap))
            else:
                extras.extend(Variant(term, factor, cap) for term in t.terms)
            expansion = Expansion(SYNONYM if t.pivot else TRANSLATED, " ".join(surface[t.start:t.end]),
                                  t.phrase, frozenset(t.terms))
            if expansion not in query.expansions:
                query.expansions.append(expansion)
        if read_as == stems:
            break
    for i, word in enumerate(surface):
        if analyzer.is_indonesian(word):
            continue  # a loanword's other spelling is for foreign words (ether → eter), not kain → chain
        have = {v.term for v in groups[i]}
        for other in vocabulary.spellings(word):
            term = analyzer.stem(other)
            if term not in have:
                have.add(term)
                groups[i].append(Variant(term, w.spelling, (stems[i],)))
                query.expansions.append(Expansion(CORRECTED, word, other, frozenset({term})))
    head = analyzer.head(text)
    if head is not None and head in surface:
        at = surface.index(head)
        groups[at] = [Variant(v.term, v.weight * w.query_head, v.cap) for v in groups[at]]
    seen: set[str] = set()
    for group in groups:  # a repeated word counts once
        if group[0].term not in seen:
            query.groups.append(group)
            seen.update(v.term for v in group)
    for extra in extras:
        if extra.term not in seen:
            query.groups.append([extra])
            seen.add(extra.term)
    return query
