"""One spelling key for a word and its loanword forms: ether ≡ eter, cellulose ≡ selulosa.

Indonesian spells international words by sound: ``ph`` → f, ``th`` → t, ``c`` → k or s,
``x`` → ks, ``y`` → i, doubled letters single, and chemical endings take an ``a``
(oxide → oksida, ethylene → etilena). English, Latin and Dutch names of goods and
substances sit beside their Indonesian forms in catalogues, so both are reduced to the
same key: the word's sound, spelled the Indonesian way, without a final vowel ``a``/``e``.
Different words may share a key (rarely); the caller treats a match as a variant.

``Vocabulary`` keeps the words an index has seen by key, and by their first and last five
letters, for the last resort: a word nobody wrote, not even one typo away, is read as the
written words sharing its longest beginning or ending (refraktrometr → refraktometer).
"""
import math
import re

MIN_LENGTH = 4  # shorter words collide too often
AFFIX = 5  # letters a similar word must share at the start or at the end, at least
AFFIX_SHARE = 0.4  # … and at least this share of the unknown word
MAX_SIMILAR = 3
_DIGRAPHS = (("ph", "f"), ("th", "t"), ("kh", "k"), ("ck", "k"), ("qu", "ku"), ("q", "k"),
             ("x", "ks"), ("ae", "e"), ("y", "i"))
_GREEK_CH = re.compile(r"ch(?=[lr])")  # chlor, chrom → klor, krom; other ch (chain) never meets k (kain)
_SOFT_C = re.compile(r"c(?=[eiy])")
_TION = re.compile(r"[st]ion$")
_DOUBLE = re.compile(r"([a-z])\1+")


def key(word: str) -> str | None:
    """The spelling key of a lower-case word, or None when it is too short to say.

    The rules are applied until nothing changes, so a key is its own key.
    """
    if len(word) < MIN_LENGTH or not word.isalpha():
        return None
    out, before = word, ""
    while out != before:
        before, out = out, _fold(out)
    return out if len(out) >= MIN_LENGTH - 1 else None


def _fold(word: str) -> str:
    out = _SOFT_C.sub("s", _GREEK_CH.sub("k", word)).replace("ch", "C")  # English ch: its own sound
    for old, new in _DIGRAPHS:
        out = out.replace(old, new)
    out = out.replace("c", "k")
    out = _TION.sub("si", out)
    out = _DOUBLE.sub(r"\1", out)
    return out.rstrip("ae") or out


class Vocabulary:
    """The words an index has seen, found by spelling key and by shared beginning or ending.

    Words are only ever added (a word whose documents are gone simply matches nothing);
    cost: a few list entries per distinct word.
    """

    def __init__(self) -> None:
        self._by_key: dict[str, list[str]] = {}
        self._by_affix: dict[str, list[str]] = {}

    def add(self, word: str) -> None:
        """Record a word seen for the first time."""
        same = key(word)
        if same is not None:
            self._by_key.setdefault(same, []).append(word)
        if len(word) > AFFIX and word.isalpha():
            self._by_affix.setdefault("<" + word[:AFFIX], []).append(word)
            self._by_affix.setdefault(">" + word[-AFFIX:], []).append(word)

    def spellings(self, word: str) -> list[str]:
        """Other words with the spelling key of ``word`` (ether → eter, sulphate → sulfat)."""
        same = key(word)
        return [w for w in self._by_key.get(same, ()) if w != word] if same else []

    def similar(self, word: str) -> list[str]:
        """Up to three words sharing the longest beginning or ending with ``word``.

        For a word nobody has written, not even with one typo: refraktrometr →
        refraktometer, colposcope → hysteroscope. Ties go to the alphabetically first.
        """
        if len(word) <= AFFIX or not word.isalpha():
            return []
        need = max(AFFIX, math.ceil(AFFIX_SHARE * len(word)))
        scored = {(-_shared(word, other), other) for other in self._by_affix.get("<" + word[:AFFIX], ())}
        scored |= {(-_shared(word[::-1], other[::-1]), other)
                   for other in self._by_affix.get(">" + word[-AFFIX:], ())}
        ranked = (other for minus, other in sorted(scored) if -minus >= need and other != word)
        return list(dict.fromkeys(ranked))[:MAX_SIMILAR]


def _shared(a: str, b: str) -> int:
    """Length of the common beginning of ``a`` and ``b``."""
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n
