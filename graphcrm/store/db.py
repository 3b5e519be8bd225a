"""The only module that touches the neo4j driver: queries by name, transactions, migration."""
from __future__ import annotations

import copy
import enum
import functools
import logging
import re
import threading
import time
from collections.abc import Callable
from importlib import resources
from typing import Any

import neo4j
from neo4j import GraphDatabase, RoutingControl
from neo4j.exceptions import (
    ClientError,
    ConnectionPoolError,
    ConstraintError,
    ServiceUnavailable,
    SessionExpired,
    TransientError,
)

from graphcrm.errors import Conflict, TooSlow, Unavailable
from graphcrm.i18n import _
from graphcrm.store import shapes, sortkeys

# The statements ship inside the package, so a wheel finds them as well as a checkout does.
CYPHER_DIR = resources.files("graphcrm.store") / "cypher"
log = logging.getLogger(__name__)
# A request's statement may hold the database this long; the server ends it after that. Bulk work
# (imports, the demo, exports, migrations) asks for a patient handle instead.
REQUEST_TIMEOUT_S = 5.0
BULK_TIMEOUT_S = 600.0
# Neo4j's codes for a transaction it ended because it ran past its timeout.
_TIMED_OUT = ("Neo.ClientError.Transaction.TransactionTimedOut",
              "Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration")


@functools.cache
def _load(name: str) -> str:
    path = CYPHER_DIR.joinpath(*f"{name}.cypher".split("/"))
    if not path.is_file():
        raise KeyError(f"no Cypher statement named {name!r} in {CYPHER_DIR}")
    return path.read_text(encoding="utf-8")


def cypher(name: str, **names: enum.Enum) -> str:
    """Return the statement `cypher/<name>.cypher`, with `{{key}}` slots filled from Enum members.

    Only labels and relationship types vary this way, and only from a whitelist Enum:
    values are always `$parameters`.
    """
    text = _load(name)
    for key, member in names.items():
        if not isinstance(member, enum.Enum):
            raise TypeError(f"slot {key!r} takes an Enum member, not {type(member).__name__}")
        text = text.replace("{{" + key + "}}", member.value)
    if "{{" in text:
        raise KeyError(f"unfilled slot in Cypher statement {name!r}")
    return text


def _translated(fn: Callable) -> Callable:
    """Turn driver errors into graphcrm errors at the one place they occur."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except ConstraintError as exc:
            raise Conflict(_("That record already exists (a unique value is taken).")) from exc
        except ClientError as exc:
            if exc.code in _TIMED_OUT:
                log.warning("Neo4j ended a statement that ran past its timeout: %s", exc.message)
                raise TooSlow(_("The request took too long and was stopped; narrow it down and try "
                                "again.")) from exc
            raise
        except (ServiceUnavailable, SessionExpired, ConnectionPoolError, TransientError) as exc:
            # No connection, none in time from the pool, or a database that is starting or
            # shutting down (DatabaseUnavailable): an outage or overload, not a bug. Lock timeouts
            # and deadlocks the driver could not retry in time are transient too.
            log.warning("Neo4j unavailable: %s", exc)
            if args and isinstance(args[0], Database):
                args[0].relocate()
            raise Unavailable(_("The database is not reachable right now; try again shortly.")) from exc

    return wrapper


class Tx:
    """A managed transaction with queries by name; handed to functions given to `Database.write_tx`."""

    def __init__(self, tx: neo4j.ManagedTransaction):
        self._tx = tx

    def run(self, name: str, /, names: dict | None = None, **params: Any) -> list[dict]:
        """Run a named statement and return its rows as dicts."""
        shapes.note(name, names, params)
        return self._tx.run(cypher(name, **(names or {})), params).data()

    def one(self, name: str, /, names: dict | None = None, **params: Any) -> dict | None:
        """Run a named statement and return its first row, or None."""
        rows = self.run(name, names, **params)
        return rows[0] if rows else None

    def rows(self, name: str, /, names: dict | None = None, **params: Any) -> list:
        """Run a named statement returning one row with `rows` (a list of lists), and return that list as is."""
        shapes.note(name, names, params)
        record = self._tx.run(cypher(name, **(names or {})), params).single(strict=False)
        return record["rows"] if record else []


class Database:
    """A driver for one Neo4j database; one per app, closed at teardown.

    Every statement runs with a transaction timeout (`timeout`, seconds): the server ends it when
    it runs longer, so no request can hold the database. `patient()` gives bulk work a longer one.
    """

    def __init__(self, uri: str, auth: tuple[str, str] | None, database: str = "neo4j",
                 timeout: float = REQUEST_TIMEOUT_S, *, driver: neo4j.Driver | None = None,
                 locate: Callable[[], str | None] | None = None):
        self.database = database
        self.timeout = timeout
        self._auth = auth
        # Where the database listens now (the managed instance's address); asked after a failure.
        self._locate = locate
        # One cell shared with patient() handles, so a reconnect reaches them too.
        self._cell = {"uri": uri, "driver": driver or self._connect(uri), "checked": 0.0, "lock": threading.Lock(),
                      "memo": {}}
        self._owner = driver is None

    @property
    def uri(self) -> str:
        """The Bolt address in use."""
        return self._cell["uri"]

    @property
    def driver(self) -> neo4j.Driver:
        """The driver in use (replaced when the database moved)."""
        return self._cell["driver"]

    def relocate(self) -> bool:
        """After a failure: when the database now listens elsewhere, connect there; True when it moved.

        The driver reconnects to the same address by itself; this covers an instance restarted on
        another port. Asked at most once a second.
        """
        cell = self._cell
        if self._locate is None or time.monotonic() - cell["checked"] < 1.0:
            return False
        with cell["lock"]:
            cell["checked"] = time.monotonic()
            try:
                uri = self._locate()
            except (OSError, ValueError):  # a state file being rewritten: a 503 still, never a 500
                log.exception("Could not find where the managed Neo4j listens")
                return False
            if not uri or uri == cell["uri"]:
                return False
            log.warning("Neo4j moved from %s to %s; reconnecting", cell["uri"], uri)
            old = cell["driver"]
            cell["driver"], cell["uri"] = self._connect(uri), uri
        old.close()
        return True

    def _connect(self, uri: str) -> neo4j.Driver:
        return GraphDatabase.driver(
            uri,
            auth=self._auth,
            connection_timeout=5,
            connection_acquisition_timeout=10,
            max_transaction_retry_time=5,
            # Drop pooled connections quickly so the app recovers when Neo4j comes back.
            liveness_check_timeout=30,
            # Planner hints would flood the log, and so would "unknown label/type" on a fresh
            # database (a label appears with its first node); deprecations and the rest still show.
            notifications_min_severity="WARNING",
            notifications_disabled_classifications=["UNRECOGNIZED", "HINT", "PERFORMANCE"],
        )

    def patient(self, timeout: float = BULK_TIMEOUT_S) -> Database:
        """Return a handle on the same driver whose statements may run up to `timeout` seconds."""
        handle = Database(self.uri, self._auth, self.database, timeout, driver=self.driver, locate=self._locate)
        handle._cell = self._cell
        return handle

    def _query(self, name: str, names: dict | None, params: dict | None = None) -> neo4j.Query:
        shapes.note(name, names, params or {})
        return neo4j.Query(cypher(name, **(names or {})), timeout=self.timeout)

    def close(self) -> None:
        """Close the driver and its connections (a patient handle leaves them to its parent)."""
        if self._owner:
            self.driver.close()

    @_translated
    def read(self, name: str, /, names: dict | None = None, **params: Any) -> list[dict]:
        """Run a named read statement (routed to a reader) and return rows as dicts."""
        return self.driver.execute_query(
            self._query(name, names, params), params, routing_=RoutingControl.READ,
            database_=self.database, result_transformer_=neo4j.Result.data,
        )

    def read_one(self, name: str, /, names: dict | None = None, **params: Any) -> dict | None:
        """Run a named read statement and return its first row, or None."""
        rows = self.read(name, names, **params)
        return rows[0] if rows else None

    @_translated
    def rows(self, name: str, /, names: dict | None = None, **params: Any) -> list:
        """Run a named read statement returning one row with `rows` (a list of lists); return that list."""
        record = self.driver.execute_query(
            self._query(name, names, params), params, routing_=RoutingControl.READ,
            database_=self.database, result_transformer_=lambda result: result.single(strict=False),
        )
        return record["rows"] if record else []

    # Same names as Tx, so read-only helpers (label_by_id, contact_roles) work inside a write
    # transaction and outside one; outside one they are reads, routed to a reader.
    run = read
    one = read_one

    def read_recent(self, name: str, seconds: float, /, **params: Any) -> list[dict]:
        """A named read whose rows may be up to `seconds` old; for what many pages show and few change.

        Any write through this handle forgets them, so a process sees its own changes at once; other
        app processes see them within `seconds`. Callers get their own copy.
        """
        key = (name, tuple(sorted(params.items())))
        memo, now = self._cell["memo"], time.monotonic()
        kept = memo.get(key)
        if kept is None or now - kept[0] >= seconds:
            kept = memo[key] = (now, self.read(name, **params))
        return copy.deepcopy(kept[1])

    def _forget_recent(self) -> None:
        self._cell["memo"].clear()

    @_translated
    def write(self, name: str, /, names: dict | None = None, **params: Any) -> list[dict]:
        """Run one named write statement in its own transaction and return rows as dicts."""
        self._forget_recent()
        return self.driver.execute_query(
            self._query(name, names, params), params, routing_=RoutingControl.WRITE,
            database_=self.database, result_transformer_=neo4j.Result.data,
        )

    def write_one(self, name: str, /, names: dict | None = None, **params: Any) -> dict | None:
        """Run one named write statement and return its first row, or None."""
        rows = self.write(name, names, **params)
        return rows[0] if rows else None

    @_translated
    def write_tx(self, work: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Run `work(tx, ...)` in one managed write transaction; it must be idempotent (retries)."""
        self._forget_recent()
        with self.driver.session(database=self.database) as session:
            return session.execute_write(self._unit(lambda tx: work(Tx(tx), *args, **kwargs)))

    @_translated
    def read_tx(self, work: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Run `work(tx, ...)` in one managed read transaction."""
        with self.driver.session(database=self.database, default_access_mode=neo4j.READ_ACCESS) as session:
            return session.execute_read(self._unit(lambda tx: work(Tx(tx), *args, **kwargs)))

    @_translated
    def stream(self, work: Callable[[Callable[[str], Any]], Any], fetch_size: int = 1000) -> Any:
        """Run `work(run)` in one read transaction, where `run(name)` yields records as the driver fetches them.

        One transaction gives a consistent snapshot; fetching in pages keeps memory flat. `work`
        must start its output afresh, since the driver may retry it.
        """
        def unit(tx: neo4j.ManagedTransaction):
            return work(lambda name: tx.run(cypher(name)))

        with self.driver.session(database=self.database, fetch_size=fetch_size,
                                 default_access_mode=neo4j.READ_ACCESS) as session:
            return session.execute_read(self._unit(unit))

    @_translated
    def autocommit(self, name: str, /, **params: Any) -> None:
        """Run a named statement in an auto-commit transaction (`CALL ... IN TRANSACTIONS` needs one)."""
        self._forget_recent()
        with self.driver.session(database=self.database) as session:
            session.run(self._query(name, None), params).consume()

    def _unit(self, work: Callable) -> Callable:
        return neo4j.unit_of_work(timeout=self.timeout)(work)

    @_translated
    def save_shapes(self) -> int:
        """Merge the parameter types this process ran statements with into the database's; return how many."""
        def merge(tx: neo4j.ManagedTransaction) -> int:
            stored = tx.run(cypher("shapes/lock")).single()["value"]
            value, count = shapes.merged(stored)
            tx.run(cypher("shapes/save"), value=value, count=count).consume()
            return count

        with self.driver.session(database=self.database) as session:
            return session.execute_write(self._unit(merge))

    def ping(self) -> bool:
        """True when the database answers a trivial read; raises Unavailable when it does not."""
        return self.read_one("admin/ping") == {"ok": 1}

    @_translated
    def read_raw(self, query: str, /, **params: Any) -> None:
        """Run a statement given as text in read mode, discarding its rows (a write is refused); for the warm-up."""
        self.driver.execute_query(neo4j.Query(query, timeout=self.timeout), params, routing_=RoutingControl.READ,
                                  database_=self.database, result_transformer_=neo4j.Result.consume)

    @_translated
    def run_raw(self, query: str, /, **params: Any) -> list[dict]:
        """Run a statement given as text; for the schema loader and tests only."""
        self._forget_recent()
        return self.driver.execute_query(neo4j.Query(query, timeout=self.timeout), params,
                                         database_=self.database, result_transformer_=neo4j.Result.data)


def table(runner: Tx | Database, name: str, columns: tuple[str, ...], /, names: dict | None = None,
          **params: Any) -> list[dict]:
    """Run a statement whose one row holds `rows`, a list of value lists, and return dicts of `columns`.

    Hundreds of small records cost the driver far more to decode than one list of lists, so the
    statements that return many rows (views, candidate graphs) collect them; the list is taken as
    the driver decoded it (Result.data() would walk every value once more).
    """
    return [dict(zip(columns, values)) for values in runner.rows(name, names, **params)]


def migrate(db: Database) -> list[str]:
    """Apply every constraint and index in cypher/schema; safe to repeat."""
    db = db.patient()  # building an index on a large store takes minutes
    applied = []
    for path in sorted((p for p in (CYPHER_DIR / "schema").iterdir() if p.name.endswith(".cypher")),
                       key=lambda p: p.name):
        for statement in _statements(path.read_text(encoding="utf-8")):
            db.run_raw(statement)
        applied.append(path.stem)
    db.run_raw("CALL db.awaitIndexes(300)")
    if sortkeys.refold(db):
        applied.append("sort_keys")
    return applied


def _statements(text: str) -> list[str]:
    """Split a schema file into statements at semicolons that end a line."""
    lines = [ln for ln in text.splitlines() if not ln.lstrip().startswith("//")]
    parts = re.split(r";\s*$", "\n".join(lines), flags=re.MULTILINE)
    return [part.strip() for part in parts if part.strip()]


def reset(db: Database) -> None:
    """Delete all data in the configured database, in batches so large graphs fit in memory."""
    # CALL ... IN TRANSACTIONS needs an auto-commit transaction, hence session.run. Relationships go
    # first: a batch of hub nodes detached at once could exceed the transaction memory.
    for name in ("admin/delete_relationships", "admin/delete_nodes"):
        db.patient().autocommit(name)
