"""Tokenising for the first ranking: lower-case words of two or more letters/digits."""
import re

_WORD = re.compile(r"[0-9a-zà-ÿ]{2,}")
STOPWORDS = frozenset(
    "dan atau yang untuk dengan dari di ke pada dalam ini itu the and or of for with to in".split()
)


def tokens(text: str) -> list[str]:
    return [w for w in _WORD.findall(text.lower()) if w not in STOPWORDS]
