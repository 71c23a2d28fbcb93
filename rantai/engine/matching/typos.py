"""Corrections for words nobody has written before: spelling variants and one-edit typos."""
from collections.abc import Callable

_LETTERS = "abcdefghijklmnopqrstuvwxyz"
# Old (pre-1972) spelling and everyday variants: djati → jati, tjetak → cetak, ijin → izin
_VARIANTS = (("dj", "j"), ("tj", "c"), ("oe", "u"), ("ch", "kh"), ("nj", "ny"), ("sj", "sy"),
             ("kw", "ku"), ("ph", "f"), ("v", "f"), ("f", "p"), ("p", "f"), ("j", "z"),
             ("z", "j"), ("y", "j"), ("x", "ks"))
MIN_LENGTH = 4  # shorter words have too many one-edit neighbours to guess from
MAX_CORRECTIONS = 3


def edits1(word: str) -> set[str]:
    """Every string one deletion, transposition, substitution or insertion away."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = {a + b[1:] for a, b in splits if b}
    transposes = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    replaces = {a + c + b[1:] for a, b in splits if b for c in _LETTERS if c != b[0]}
    inserts = {a + c + b for a, b in splits for c in _LETTERS}
    return deletes | transposes | replaces | inserts


def variants(word: str) -> set[str]:
    return {word.replace(old, new) for old, new in _VARIANTS if old in word} - {word}


def corrections(word: str, frequency: Callable[[str], int]) -> list[str]:
    """Up to three known words for an unknown ``word``, most frequent first.

    Spelling variants win over one-edit typos; ``frequency`` is 0 for unknown words.
    """
    if len(word) < MIN_LENGTH:
        return []
    for candidates in (variants(word), edits1(word)):
        known = [(frequency(c), c) for c in candidates]
        ranked = sorted(((f, c) for f, c in known if f > 0), key=lambda fc: (-fc[0], fc[1]))
        if ranked:
            return [c for _, c in ranked[:MAX_CORRECTIONS]]
    return []
