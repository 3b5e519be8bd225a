"""Sort keys that order names as people expect: Ä with A, é with e, ß as ss, case ignored.

Neo4j orders strings by code point, so "Ärzte AG" would sort after "Zürich AG". Lists are ordered by a
stored key instead: the name folded to its base letters, which is the Unicode collation's primary
strength for the Latin names of our German, French and English users (their locales' collations agree
on these letters). Two names that fold alike keep a stable order by id.
"""
from __future__ import annotations

import unicodedata

# Letters that Unicode does not decompose into a base letter and a mark, but that collate as one.
_OWN_BASE = str.maketrans({"ø": "o", "Ø": "o", "đ": "d", "Đ": "d", "ł": "l", "Ł": "l", "ħ": "h", "ı": "i",
                           "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "þ": "th", "Þ": "th", "ð": "d", "Ð": "d"})
# Typographic apostrophes and dashes fold to their ASCII forms, so O’Brien and O'Brien sort together.
_PUNCTUATION = str.maketrans({"’": "'", "‘": "'", "‐": "-", "–": "-", "—": "-"})
VERSION = 1  # raise when the folding changes: `graphcrm db migrate` then recomputes the stored keys


def fold(text: str | None) -> str:
    """The collation key of a text: base letters, lower case, single spaces ('Ärzte Zürich' -> 'arzte zurich')."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", str(text).translate(_OWN_BASE).translate(_PUNCTUATION))
    letters = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(letters.casefold().split())
