"""Keeps the managed Neo4j that `graphcrm serve` started running: a JVM that dies is started again."""
from __future__ import annotations

import logging
import threading

from graphcrm.errors import LocalDbError
from graphcrm.store.localdb import LocalNeo4j

log = logging.getLogger(__name__)
CHECK_EVERY_S = 2.0
# Waits between failed restarts grow to this; a JVM that cannot start must not spin the machine.
MAX_BACKOFF_S = 60.0


class Supervisor:
    """Watch one managed instance in a background thread and restart it after a crash, with backoff.

    A crash is a JVM that exited without `stop` (killed, out of memory): `graphcrm db stop` is a
    decision the supervisor respects. Each restart is logged and noted in the instance's events,
    which `graphcrm db status` shows.
    """

    def __init__(self, local: LocalNeo4j, every_s: float = CHECK_EVERY_S):
        self.local = local
        self.every_s = every_s
        self.restarts = 0
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._watch, name="graphcrm-neo4j-supervisor", daemon=True)

    def start(self) -> Supervisor:
        """Start watching."""
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop watching (the instance keeps running)."""
        self._stopping.set()
        self._thread.join(timeout=self.every_s * 2)

    def _watch(self) -> None:
        backoff = 1.0
        while not self._stopping.wait(self.every_s):
            dead = self.local.crashed()
            if dead is None:
                backoff = 1.0
                continue
            log.error("The managed Neo4j (pid %s, port %s) exited without being stopped; restarting it",
                      dead.pid, dead.port)
            try:
                restarted = self.local.restart_if_crashed(echo=log.info)
            except LocalDbError as exc:
                log.error("Restarting the managed Neo4j failed; next try in %.0f s: %s", backoff, exc)
                self.local.note("restart_failed", pid=dead.pid, error=str(exc)[:500])
                if self._stopping.wait(backoff):
                    return
                backoff = min(backoff * 2, MAX_BACKOFF_S)
                continue
            if restarted is None:  # stopped on purpose in the meantime
                continue
            old, running = restarted
            self.restarts += 1
            self.local.note("restarted", old_pid=old.pid, pid=running.pid, port=running.port)
            log.warning("The managed Neo4j is back at %s (pid %s)", running.uri, running.pid)
