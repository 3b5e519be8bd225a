"""Statement hygiene: every statement the code names has a file, and every file is named by the code."""
from __future__ import annotations

import ast
import re
from importlib import resources
from pathlib import Path

import graphcrm

PACKAGE = Path(graphcrm.__file__).parent
CYPHER = resources.files("graphcrm.store") / "cypher"
NAME = re.compile(r"^[a-z_]+/[a-z0-9_]+$")


def statement_files() -> set[str]:
    """Every statement in the package as `dir/name`, schema files (applied by folder) left out."""
    root = Path(str(CYPHER))
    return {p.relative_to(root).with_suffix("").as_posix() for p in root.rglob("*.cypher")
            if p.parent.name != "schema"}


def named_in_code() -> dict[str, str]:
    """Every string literal of the code that looks like a statement name, with where it is."""
    found = {}
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and NAME.match(node.value):
                found.setdefault(node.value, f"{path.relative_to(PACKAGE)}:{node.lineno}")
    return found


def test_every_statement_the_code_names_has_a_file():
    files = statement_files()
    folders = {name.split("/")[0] for name in files}
    # Literals in a statement folder's namespace must resolve; others ("text/plain") are not statements.
    missing = {name: where for name, where in named_in_code().items()
               if name.split("/")[0] in folders and name not in files}
    assert not missing, f"statement names without a file: {missing}"


def test_every_statement_file_is_used():
    unused = statement_files() - set(named_in_code())
    assert not unused, f"statement files no code names: {sorted(unused)}"
