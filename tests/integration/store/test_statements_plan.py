"""Every statement of the package plans against the schema: Neo4j EXPLAINs each one (no data needed)."""
from __future__ import annotations

import pytest

from graphcrm.geo.nearby import Hops
from graphcrm.model import Label, RelType
from graphcrm.store.db import CYPHER_DIR, cypher
from graphcrm.touchpoints.reports import LastTouch
from tests.unit.store.test_statement_names import statement_files

# One whitelisted member for each slot a statement may have.
SLOTS = {"label": Label.PERSON, "from_label": Label.PERSON, "to_label": Label.ACCOUNT, "type": RelType.EMPLOYS,
         "since": LastTouch.ANY, "hops": Hops.TWO, "source": Label.ACCOUNT, "target": Label.PERSON}


@pytest.mark.parametrize("name", sorted(statement_files()))
def test_statement_plans(db, name):
    raw = CYPHER_DIR.joinpath(*f"{name}.cypher".split("/")).read_text(encoding="utf-8")
    text = cypher(name, **{slot: member for slot, member in SLOTS.items() if "{{" + slot + "}}" in raw})
    plan = db.run_raw("EXPLAIN " + text)
    assert plan == []  # EXPLAIN returns no rows; a statement that does not plan raises
