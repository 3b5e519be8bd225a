"""search.lucene_query: user text becomes a literal Lucene query, never syntax."""
import pytest

from graphcrm.records.search import lucene_query


@pytest.mark.parametrize("text, query", [
    ("anna", "(anna OR anna*)"),                                    # one word: itself or a prefix
    ("Anna Kel", "anna AND (kel OR kel*)"),                         # every word, the last as a prefix
    ("  anna   kel ", "anna AND (kel OR kel*)"),                     # extra spaces
    ("AND", "(and OR and*)"),                                       # operators become words
    ("anna OR NOT keller", "anna AND or AND not AND (keller OR keller*)"),
    ("name:foo~", "(name\\:foo\\~ OR name\\:foo\\~*)"),             # field and fuzzy syntax escaped
    ("(", "(\\( OR \\(*)"),                                          # an open group
    ("*", "(\\* OR \\**)"),                                          # a wildcard is a literal star
    ('"x"', '(\\"x\\" OR \\"x\\"*)'),                                # quotes
    ("a\\b", "(a\\\\b OR a\\\\b*)"),                                 # a backslash is doubled
    ("a/b", "(a\\/b OR a\\/b*)"),                                    # a regex delimiter
    ("x&&y||z!", "(x\\&\\&y\\|\\|z\\! OR x\\&\\&y\\|\\|z\\!*)"),    # boolean symbols
    ("[a TO z]", "\\[a AND to AND (z\\] OR z\\]*)"),                # a range
    ("k^2 +a -b", "k\\^2 AND \\+a AND (\\-b OR \\-b*)"),            # boost, required, prohibited
    ("", ""),                                                       # nothing
    ("   ", ""),                                                    # only spaces
])
def test_lucene_query_escapes_everything(text, query):
    assert lucene_query(text) == query


@pytest.mark.parametrize("text", ["a:b", "a(b)c", "{x}", "?", "~", "^", "!", "&", "|", "\\", "/", "-", "+", '"'])
def test_no_special_character_is_left_unescaped(text):
    query = lucene_query(text)
    # Strip the escaped pairs and our own syntax; nothing special may remain.
    rest = query.replace("\\\\", "").replace(" OR ", " ")
    for ch in '+-!(){}[]^"~?:/&|':
        rest = rest.replace("\\" + ch, "")
    rest = rest.removeprefix("(").removesuffix("*)")
    assert not any(ch in rest for ch in '+-!(){}[]^"~?:/&|\\'), (text, query)
