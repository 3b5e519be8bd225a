"""The managed local Neo4j: fetched once with Maven, run as a background JVM with Bolt on loopback."""
from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from graphcrm.errors import LocalDbError
from graphcrm.i18n import _

# Maven and javac need real paths: a package installed from a wheel is a folder on disk, so this is one.
SOURCES = Path(str(resources.files("graphcrm.store") / "launcher"))
MAIN_CLASS = "GraphcrmNeo4j"
START_TIMEOUT_S = 180
STOP_TIMEOUT_S = 60
# JVMs started by this process: kept referenced so they are reaped by us, not warned about.
_CHILDREN: dict[int, subprocess.Popen] = {}


@dataclass
class Running:
    """A running managed Neo4j."""

    pid: int
    port: int
    started_at: float | None = None  # epoch seconds
    heap_mb: int | None = None
    pagecache_mb: int | None = None

    @property
    def uri(self) -> str:
        """Bolt address of the instance."""
        return f"bolt://127.0.0.1:{self.port}"


class LocalNeo4j:
    """One managed Neo4j instance under GRAPHCRM_HOME; `name` keeps test data apart from yours."""

    def __init__(self, home: Path, name: str = "default", heap_mb: int | None = None,
                 pagecache_mb: int | None = None):
        self.home = Path(home)
        self.install_dir = self.home / "neo4j"
        self.instance_dir = self.install_dir / "instances" / name
        # state.json: the running JVM (removed by a stop; left behind by a crash). port: the address the
        # instance keeps across stops and restarts. events.log: restarts after a crash, one JSON a line.
        self.state_file = self.instance_dir / "state.json"
        self.port_file = self.instance_dir / "port"
        self.events_file = self.instance_dir / "events.log"
        self.log_file = self.instance_dir / "neo4j.log"
        # A CRM of 100k people and a million activities is a store of about 1 GB: with a 64 MB page
        # cache its import took 209 s, with these defaults 163 s (bench/README.md); docker-compose.yml
        # gives the server the same.
        self.heap_mb = heap_mb or int(os.environ.get("GRAPHCRM_NEO4J_HEAP_MB", "1024"))
        self.pagecache_mb = pagecache_mb or int(os.environ.get("GRAPHCRM_NEO4J_PAGECACHE_MB", "512"))

    # -- installation ---------------------------------------------------------------------
    def _fingerprint(self) -> str:
        digest = hashlib.sha256()
        for path in sorted(SOURCES.iterdir()):
            digest.update(path.name.encode() + path.read_bytes())
        return digest.hexdigest()

    def ensure_installed(self, echo=print) -> None:
        """Fetch the Neo4j jars with Maven and compile the launcher, unless already done."""
        marker = self.install_dir / "installed"
        if marker.exists() and marker.read_text() == self._fingerprint():
            return
        for tool in ("java", "javac", "mvn"):
            if shutil.which(tool) is None:
                raise LocalDbError(
                    _("'%(tool)s' is not installed; the managed Neo4j needs Java 17 (JDK) and Maven. "
                      "Install them, or set NEO4J_URI to use another Neo4j.", tool=tool))
        lib, classes = self.install_dir / "lib", self.install_dir / "classes"
        shutil.rmtree(lib, ignore_errors=True)
        shutil.rmtree(classes, ignore_errors=True)
        classes.mkdir(parents=True)
        echo(_("Fetching Neo4j Community with Maven (first run only) ..."))
        self._run(["mvn", "-q", "-B", "-f", str(SOURCES / "pom.xml"), "dependency:copy-dependencies",
                   f"-DoutputDirectory={lib}", "-DincludeScope=runtime"], _("Maven could not fetch Neo4j"))
        self._run(["javac", "-cp", f"{lib}/*", "-d", str(classes), str(SOURCES / f"{MAIN_CLASS}.java")],
                  _("the Neo4j launcher did not compile"))
        marker.write_text(self._fingerprint())

    @staticmethod
    def _run(cmd: list[str], failure: str) -> None:
        proc = subprocess.run(cmd, capture_output=True, text=True)
        if proc.returncode != 0:
            tail = "\n".join((proc.stdout + proc.stderr).strip().splitlines()[-20:])
            raise LocalDbError(_("%(failure)s (exit %(code)s):", failure=failure, code=proc.returncode) + f"\n{tail}")

    # -- lifecycle ------------------------------------------------------------------------
    @contextlib.contextmanager
    def _lock(self):
        self.instance_dir.mkdir(parents=True, exist_ok=True)
        with open(self.instance_dir / "lock", "w") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    def _state(self) -> Running | None:
        try:
            state = json.loads(self.state_file.read_text())
            return Running(int(state["pid"]), int(state["port"]), state.get("started_at"),
                           state.get("heap_mb"), state.get("pagecache_mb"))
        except FileNotFoundError:
            return None
        except (ValueError, KeyError, TypeError):
            self.state_file.unlink(missing_ok=True)
            return None

    def status(self) -> Running | None:
        """Return the running instance, or None."""
        running = self._state()
        if running and _alive(running.pid) and _port_answers(running.port):
            return running
        return None

    def crashed(self) -> Running | None:
        """The instance's last JVM when it exited without `stop` (killed, out of memory), else None."""
        running = self._state()
        return running if running and not _alive(running.pid) else None

    def port(self) -> int | None:
        """The port the instance keeps (given on its first start, or by --port), or None before that."""
        try:
            return int(self.port_file.read_text().strip())
        except (FileNotFoundError, ValueError):
            return None

    def uri(self) -> str | None:
        """The Bolt address the instance listens on when it runs (it keeps its port across restarts)."""
        port = self.port()
        return None if port is None else f"bolt://127.0.0.1:{port}"

    def note(self, event: str, **details) -> None:
        """Append an event (a restart after a crash) to the instance's events."""
        self.instance_dir.mkdir(parents=True, exist_ok=True)
        with open(self.events_file, "a", encoding="utf-8") as fh:
            fh.write(json.dumps({"at": time.time(), "event": event, **details}) + "\n")

    def last_event(self, event: str) -> dict | None:
        """The latest event of a kind, or None."""
        if not self.events_file.exists():
            return None
        found = None
        for line in self.events_file.read_text(encoding="utf-8", errors="replace").splitlines():
            with contextlib.suppress(ValueError):
                entry = json.loads(line)
                if entry.get("event") == event:
                    found = entry
        return found

    def store_bytes(self) -> int:
        """The size of the instance's store and transaction logs on disk."""
        data = self.instance_dir / "data"
        return sum(f.stat().st_size for f in data.rglob("*") if f.is_file()) if data.exists() else 0

    def start(self, port: int | None = None, echo=print) -> Running:
        """Start the instance (fetching it first if needed) and wait until Bolt answers.

        It listens on the port it was first given, so a restart comes back at the same address;
        `port` moves it on purpose. A taken port is an error naming it, never a silent move.
        """
        with self._lock():
            return self._start(port, echo)

    def restart_if_crashed(self, echo=print) -> tuple[Running, Running] | None:
        """Start the instance again when its JVM died without `stop`: (the dead one, the new one), else None.

        Checked under the instance's lock, so a `stop` in progress is never taken for a crash.
        """
        with self._lock():
            dead = self.crashed()
            return None if dead is None else (dead, self._start(None, echo))

    def _start(self, port: int | None, echo) -> Running:
        running = self.status()
        if running and port is not None and port != running.port:
            raise LocalDbError(_("Neo4j is running on port %(running)s; stop it first to move it to %(port)s",
                                 running=running.port, port=port))
        if running:
            return running
        self.ensure_installed(echo)
        port = port or self.port() or _free_port()
        if _port_answers(port):
            raise LocalDbError(_("port %(port)s on 127.0.0.1 is already taken by another program; stop that program, "
                                 "or choose another port with `graphcrm db start --port`", port=port))
        data = self.instance_dir / "data"
        data.mkdir(parents=True, exist_ok=True)
        cmd = ["java", f"-Xmx{self.heap_mb}m", f"-Xms{min(self.heap_mb, 256)}m",
               "-XX:+UseG1GC", "-cp", f"{self.install_dir / 'classes'}:{self.install_dir / 'lib'}/*",
               MAIN_CLASS, str(data), str(port), str(self.pagecache_mb)]
        with open(self.log_file, "ab") as log:
            log.write(f"\n--- starting {' '.join(cmd)}\n".encode())
            log.flush()
            proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT,
                                    stdin=subprocess.DEVNULL, start_new_session=True)
        _CHILDREN[proc.pid] = proc
        self._wait_until_up(proc, port)
        running = Running(proc.pid, port, time.time(), self.heap_mb, self.pagecache_mb)
        self.state_file.write_text(json.dumps({"pid": proc.pid, "port": port, "started_at": running.started_at,
                                               "heap_mb": self.heap_mb, "pagecache_mb": self.pagecache_mb}))
        self.port_file.write_text(str(port))
        return running

    def _wait_until_up(self, proc: subprocess.Popen, port: int) -> None:
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                _CHILDREN.pop(proc.pid, None)
                raise LocalDbError(_("Neo4j exited with code %(code)s while starting.", code=proc.returncode) + "\n"
                                   + _("Last lines of %(file)s:", file=self.log_file) + f"\n{self.log_tail()}")
            if _bolt_answers(port):
                return
            time.sleep(0.2)
        proc.kill()
        proc.wait()
        _CHILDREN.pop(proc.pid, None)
        raise LocalDbError(_("Neo4j did not answer on port %(port)s within %(seconds)ss.", port=port,
                             seconds=START_TIMEOUT_S) + "\n"
                           + _("Last lines of %(file)s:", file=self.log_file) + f"\n{self.log_tail()}")

    def stop(self) -> bool:
        """Stop the instance; return False when it was not running."""
        with self._lock():
            running = self.status()
            if running is None:
                # A JVM that died on its own is stopped all the same: nobody should restart it now.
                self.state_file.unlink(missing_ok=True)
                return False
            os.kill(running.pid, signal.SIGTERM)
            deadline = time.monotonic() + STOP_TIMEOUT_S
            while _alive(running.pid) and time.monotonic() < deadline:
                time.sleep(0.1)
            if _alive(running.pid):
                os.kill(running.pid, signal.SIGKILL)
            child = _CHILDREN.pop(running.pid, None)
            if child is not None:
                child.wait(timeout=STOP_TIMEOUT_S)
            self.state_file.unlink(missing_ok=True)
            return True

    # -- backups --------------------------------------------------------------------------
    def backup(self, target: Path, echo=print) -> Path:
        """Dump the database to `target` (a .dump file, or a folder), stopping a running instance briefly."""
        target = Path(target)
        if target.is_dir() or target.suffix != ".dump":  # a folder (made when missing) for the usual name
            target = target / "graphcrm-neo4j.dump"
        if target.exists():
            raise LocalDbError(_("%(file)s exists already; choose a new file name", file=target))
        target.parent.mkdir(parents=True, exist_ok=True)
        work = target.parent / f".{target.name}.work"
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir()
        try:
            with self._paused(echo):
                self._admin(["database", "dump", "neo4j", f"--to-path={work}", "--overwrite-destination=true"],
                            _("the dump failed"))
            (work / "neo4j.dump").replace(target)
        finally:
            shutil.rmtree(work, ignore_errors=True)
        return target

    def restore(self, source: Path, echo=print) -> None:
        """Replace the database with a dump made by `backup`, stopping a running instance briefly."""
        source = Path(source)
        if not source.is_file():
            raise LocalDbError(_("%(file)s: no such dump file", file=source))
        work = self.instance_dir / "restore-work"
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
        try:
            # The tool reads <database>.dump from a folder.
            if _same_device(source, work):
                os.link(source, work / "neo4j.dump")
            else:
                shutil.copyfile(source, work / "neo4j.dump")
            with self._paused(echo, start_after=True):
                self._admin(["database", "load", "neo4j", f"--from-path={work}", "--overwrite-destination=true"],
                            _("the restore failed"))
        finally:
            shutil.rmtree(work, ignore_errors=True)

    @contextlib.contextmanager
    def _paused(self, echo, start_after: bool = False):
        """Stop the instance for the block; start it again after (on its port) when it ran before."""
        was_running = self.status() is not None
        if was_running:
            echo(_("Stopping Neo4j for the moment ..."))
            self.stop()
        self.ensure_installed(echo)
        try:
            yield
        finally:
            if was_running or start_after:
                self.start(echo=echo)

    def _admin(self, args: list[str], failure: str) -> None:
        data = self.instance_dir / "data"
        (data / "conf").mkdir(parents=True, exist_ok=True)
        env = {**os.environ, "NEO4J_HOME": str(data), "NEO4J_CONF": str(data / "conf")}
        cmd = ["java", "-Xmx512m", "-cp", f"{self.install_dir / 'classes'}:{self.install_dir / 'lib'}/*",
               "org.neo4j.cli.AdminTool", *args]
        proc = subprocess.run(cmd, capture_output=True, text=True, env=env)
        if proc.returncode != 0:
            tail = "\n".join((proc.stdout + proc.stderr).strip().splitlines()[-20:])
            raise LocalDbError(_("%(failure)s (exit %(code)s):", failure=failure, code=proc.returncode) + f"\n{tail}")

    def log_tail(self, lines: int = 30) -> str:
        """Return the last lines of the instance's log."""
        if not self.log_file.exists():
            return _("(no log)")
        return "\n".join(self.log_file.read_text(errors="replace").splitlines()[-lines:])


def _same_device(a: Path, b: Path) -> bool:
    return a.stat().st_dev == b.stat().st_dev


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A zombie child of ours still answers kill(0); poll() reaps it.
    child = _CHILDREN.get(pid)
    return child is None or child.poll() is None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _port_answers(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _bolt_answers(port: int) -> bool:
    """True when a Bolt handshake on the port succeeds (the port alone opens before Neo4j is ready)."""
    from neo4j import GraphDatabase
    from neo4j.exceptions import DriverError, Neo4jError

    if not _port_answers(port):
        return False
    try:
        with GraphDatabase.driver(f"bolt://127.0.0.1:{port}", auth=None, connection_timeout=2) as drv:
            drv.execute_query("RETURN 1", database_="neo4j")
        return True
    except (DriverError, Neo4jError, OSError):
        return False
