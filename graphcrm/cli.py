"""The `graphcrm` command."""
from __future__ import annotations

import os
import secrets
import sys
from pathlib import Path

import click

from graphcrm import config as settings
from graphcrm.errors import CrmError, LocalDbError
from graphcrm.i18n import _


def _home() -> Path:
    return settings.graphcrm_home()


def _local():
    from graphcrm.store.localdb import LocalNeo4j

    return LocalNeo4j(_home())


def _ensure_database() -> str:
    """Return the Bolt URI to use: NEO4J_URI, or the managed Neo4j (started if needed)."""
    if os.environ.get("NEO4J_URI"):
        return os.environ["NEO4J_URI"]
    running = _local().start(echo=lambda m: click.echo(m, err=True))
    return running.uri


def open_db(uri: str | None = None):
    """Open a Database on `uri`, else the configured Neo4j (starting the managed one when none is)."""
    from graphcrm.store.db import BULK_TIMEOUT_S, Database

    uri = uri or _ensure_database()
    password = os.environ.get("NEO4J_PASSWORD")
    auth = (os.environ.get("NEO4J_USER", "neo4j"), password) if password else None
    # The command line runs bulk work (imports, the demo, exports): statements may take minutes.
    return Database(uri, auth, os.environ.get("NEO4J_DATABASE", "neo4j"), BULK_TIMEOUT_S)


class CrmGroup(click.Group):
    """Turns graphcrm's own errors into one clear line and exit code 1, never a stack trace."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except LocalDbError as exc:
            click.echo(_("Error: %(problem)s", problem=exc), err=True)
            sys.exit(1)
        except CrmError as exc:
            detail = "".join(f"\n  {k}: {v}" for k, v in exc.fields.items())
            click.echo(_("Error: %(problem)s", problem=exc.message) + detail, err=True)
            sys.exit(1)


@click.group(cls=CrmGroup)
def main():
    """graphcrm: a relationship explorer for account managers."""


@main.group(cls=CrmGroup)
def db():
    """The database: managed local Neo4j, schema, reset."""


@db.command("start")
@click.option("--port", type=click.IntRange(1, 65535), default=None,
              help="Bolt port; kept for later starts (default: the port it had, else a free one)")
def db_start(port):
    """Start the managed local Neo4j (fetching it the first time) and print its address.

    It comes back at the same address after a stop; --port moves it there for good.
    """
    local = _local()
    before = local.status()
    running = local.start(port=port, echo=lambda m: click.echo(m, err=True))
    if before:
        click.echo(_("Neo4j is already running at %(uri)s (pid %(pid)s)", uri=running.uri, pid=running.pid))
    else:
        click.echo(_("Neo4j started at %(uri)s (pid %(pid)s)", uri=running.uri, pid=running.pid))
    click.echo(running.uri)


@db.command("stop")
def db_stop():
    """Stop the managed local Neo4j."""
    click.echo(_("Neo4j stopped") if _local().stop() else _("Neo4j was not running"))


@db.command("status")
def db_status():
    """Say whether the managed Neo4j runs and where (or which external Neo4j is configured)."""
    if os.environ.get("NEO4J_URI"):
        click.echo(_("Using external Neo4j at %(uri)s (NEO4J_URI)", uri=os.environ["NEO4J_URI"]))
        return
    local = _local()
    running = local.status()
    for line in _status_lines(local, running):
        click.echo(line)
    if not running:
        sys.exit(3)


def _status_lines(local, running) -> list[str]:
    """What `db status` says: where, since when, how big, how much memory, the last restart."""
    import datetime as dt
    import time

    def when(epoch: float) -> str:
        return dt.datetime.fromtimestamp(epoch, dt.UTC).strftime("%Y-%m-%d %H:%M:%S UTC")

    if running is None:
        crashed = local.crashed()
        lines = [_("not running (pid %(pid)s exited without a stop)", pid=crashed.pid) if crashed
                 else _("not running")]
        if local.uri():
            lines.append(_("address: %(uri)s (kept for the next start)", uri=local.uri()))
    else:
        lines = [_("running at %(uri)s (pid %(pid)s)", uri=running.uri, pid=running.pid)]
        if running.started_at:
            up = int(time.time() - running.started_at)
            lines.append(_("uptime: %(days)sd %(hours)sh %(minutes)sm %(seconds)ss (since %(since)s)", days=up // 86400,
                           hours=up % 86400 // 3600, minutes=up % 3600 // 60, seconds=up % 60,
                           since=when(running.started_at)))
        if running.heap_mb:
            lines.append(_("heap: %(heap)s MB max, page cache: %(cache)s MB", heap=running.heap_mb,
                           cache=running.pagecache_mb))
    lines.append(_("store: %(size)s MB in %(folder)s", size=format(local.store_bytes() / 1e6, ",.1f"),
                   folder=local.instance_dir / "data"))
    restart = local.last_event("restarted")
    lines.append(_("last restart after a crash: %(when)s", when=when(restart["at"])) if restart else
                 _("last restart after a crash: none"))
    return lines


def _managed_only(backup: bool):
    if os.environ.get("NEO4J_URI"):
        raise click.UsageError(
            _("NEO4J_URI names an external Neo4j; back it up with neo4j-admin on that server (or your cloud's "
              "backups). `graphcrm db backup/restore` serve the managed Neo4j.") if backup else
            _("NEO4J_URI names an external Neo4j; restore it with neo4j-admin on that server (or your cloud's "
              "backups). `graphcrm db backup/restore` serve the managed Neo4j."))
    return _local()


@db.command("backup")
@click.argument("path", type=click.Path(path_type=Path))
def db_backup(path):
    """Dump the managed Neo4j to PATH (a .dump file, or a folder for graphcrm-neo4j.dump); it pauses while dumping."""
    local = _managed_only(backup=True)
    done = local.backup(path, echo=lambda m: click.echo(m, err=True))
    click.echo(_("Backup written: %(file)s (%(size)s MB)", file=done, size=format(done.stat().st_size / 1e6, ",.1f")))


@db.command("restore")
@click.argument("path", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--yes", is_flag=True, help="Really replace every record with the backup's")
def db_restore(path, yes):
    """Replace the managed Neo4j's data with a backup made by `db backup`."""
    if not yes:
        raise click.UsageError(_("This replaces every record with the backup's; add --yes to confirm."))
    local = _managed_only(backup=False)
    local.restore(path, echo=lambda m: click.echo(m, err=True))
    click.echo(_("Restored from %(file)s; Neo4j is running at %(uri)s", file=path, uri=local.uri()))


@db.command("migrate")
def db_migrate():
    """Apply constraints and indexes; safe to repeat."""
    from graphcrm.store.db import migrate

    with_db = open_db()
    try:
        applied = migrate(with_db)
    finally:
        with_db.close()
    click.echo(_("Schema up to date: %(applied)s", applied=", ".join(applied)))


@db.command("reset")
@click.option("--yes", is_flag=True, help="Really delete everything")
def db_reset(yes):
    """Delete all data in the configured database."""
    from graphcrm.store.db import reset

    if not yes:
        raise click.UsageError(_("This deletes every record; add --yes to confirm."))
    handle = open_db()
    try:
        reset(handle)
    finally:
        handle.close()
    click.echo(_("All data deleted in database %(database)s", database=handle.database))


@main.group(cls=CrmGroup)
def user():
    """CRM users."""


@user.command("create")
@click.option("--email", required=True)
@click.option("--name", required=True)
@click.option("--role", required=True, type=click.Choice(["admin", "manager", "rep", "viewer"]))
@click.option("--password", default=None, help="Default: a generated one, printed once")
def user_create(email, name, role, password):
    """Create a CRM user."""
    from graphcrm.access.users import create_user
    from graphcrm.store.db import migrate

    generated = password is None
    password = password or secrets.token_urlsafe(12)
    handle = open_db()
    try:
        migrate(handle)
        created = create_user(handle, email=email, name=name, role=role, password=password)
    finally:
        handle.close()
    click.echo(_("Created %(role)s %(name)s <%(email)s> id %(id)s", role=created["role"], name=created["name"],
                 email=created["email"], id=created["id"]))
    if generated:
        click.echo(_("Password: %(password)s", password=password))


@user.command("update")
@click.option("--email", required=True)
@click.option("--name", default=None)
@click.option("--role", default=None, type=click.Choice(["admin", "manager", "rep", "viewer"]))
@click.option("--active/--inactive", default=None, help="An inactive user cannot sign in")
def user_update(email, name, role, active):
    """Change a user's name, role or active flag (a new role or a deactivation signs them out)."""
    from graphcrm.access.policy import Access
    from graphcrm.access.users import update_user, user_by_email

    body = {k: v for k, v in (("name", name), ("role", role), ("active", active)) if v is not None}
    if not body:
        raise click.UsageError(_("Give --name, --role, --active or --inactive."))
    handle = open_db()
    try:
        found = user_by_email(handle, email)
        if found is None:
            raise click.ClickException(_("No user with e-mail %(email)s", email=email))
        changed = update_user(handle, Access.system(), found["id"], body)
    finally:
        handle.close()
    click.echo(_("%(name)s <%(email)s>: %(role)s, active", name=changed["name"], email=changed["email"],
                 role=changed["role"]) if changed.get("active", True) else
               _("%(name)s <%(email)s>: %(role)s, inactive", name=changed["name"], email=changed["email"],
                 role=changed["role"]))


@user.command("sign-out")
@click.option("--email", required=True)
def user_sign_out(email):
    """End every browser session of a user, on every app server."""
    from graphcrm.access.policy import Access
    from graphcrm.access.users import sign_out_everywhere, user_by_email

    handle = open_db()
    try:
        found = user_by_email(handle, email)
        if found is None:
            raise click.ClickException(_("No user with e-mail %(email)s", email=email))
        ended = sign_out_everywhere(handle, Access.system(), found["id"])["sessions_ended"]
    finally:
        handle.close()
    click.echo(_("Ended %(count)s session(s) of %(email)s", count=ended, email=email))


@main.group(cls=CrmGroup)
def token():
    """API tokens."""


@token.command("create")
@click.option("--email", required=True)
@click.option("--name", default="cli", help="A label to recognize the token by")
def token_create(email, name):
    """Print a new API token for a user (shown once; only its hash is stored)."""
    from graphcrm.access.users import create_token

    handle = open_db()
    try:
        click.echo(create_token(handle, email, name))
    finally:
        handle.close()


@token.command("revoke")
@click.option("--email", required=True)
def token_revoke(email):
    """Revoke every API token of a user."""
    from graphcrm.access.users import revoke_tokens

    handle = open_db()
    try:
        click.echo(_("Revoked %(count)s token(s)", count=revoke_tokens(handle, email)))
    finally:
        handle.close()


def _cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


@main.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=click.IntRange(1, 65535), default=5000, show_default=True)
@click.option("--workers", type=click.IntRange(1, 64), default=None,
              help="Worker processes [default: one per core]")
@click.option("--threads", type=click.IntRange(1, 64), default=None,
              help="Threads per worker [default: 8; most of a request is waiting for Neo4j]")
@click.option("--demo", is_flag=True, help="Load the small demo and a demo admin when the database is empty")
def serve(host, port, workers, threads, demo):
    """Run the web app with gunicorn; with no NEO4J_URI the managed Neo4j starts first and is kept running."""
    import logging

    from graphcrm.http.warm import warm_plans
    from graphcrm.http.wsgi import run_gunicorn
    from graphcrm.store.db import migrate

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    uri = _ensure_database()
    handle = open_db(uri)
    try:
        migrate(handle)
        if demo:
            _demo_if_empty(handle)
        planned = warm_plans(handle)
    finally:
        handle.close()
    click.echo(_("Warmed the plans of %(count)s statements", count=planned), err=True)
    if host in ("127.0.0.1", "localhost", "::1"):
        # Plain HTTP on loopback: a Secure cookie would never be sent back. Anywhere else, serve
        # behind TLS (or set GRAPHCRM_INSECURE_COOKIES=1 knowingly).
        os.environ.setdefault("GRAPHCRM_INSECURE_COOKIES", "1")
    if not os.environ.get("NEO4J_URI"):
        # The workers find the managed instance themselves (and find it again after a restart);
        # this process restarts it when its JVM dies.
        from graphcrm.store.supervisor import Supervisor

        Supervisor(_local()).start()
    click.echo(_("graphcrm on %(url)s  (Neo4j %(uri)s)", url="http://" + host + ":" + str(port), uri=uri))
    run_gunicorn(host, port, workers or _cores(), threads or 8)


def _demo_if_empty(handle) -> None:
    from graphcrm.demo import DEMO_ADMIN_EMAIL, ensure_demo_admin, is_empty, load_demo

    if is_empty(handle):
        load_demo(handle, size="small", seed=7)
    password = ensure_demo_admin(handle)
    click.echo(_("Sign in as %(email)s with password %(password)s", email=DEMO_ADMIN_EMAIL, password=password)
               if password else
               _("Sign in as %(email)s (password as printed when it was created)", email=DEMO_ADMIN_EMAIL))


@main.command("demo")
@click.option("--size", type=click.Choice(["small", "medium", "large"]), default="small", show_default=True)
@click.option("--seed", type=int, default=7, show_default=True)
@click.option("--replace", is_flag=True, help="Delete everything in the database first")
def demo_cmd(size, seed, replace):
    """Load a realistic, deterministic demo dataset (refused on a non-empty database unless --replace)."""
    from graphcrm.demo import load_demo
    from graphcrm.store.db import migrate

    handle = open_db()
    try:
        migrate(handle)
        counts = load_demo(handle, size=size, seed=seed, replace=replace)
    finally:
        handle.close()
    click.echo(_("Loaded: %(counts)s", counts=", ".join(f"{v} {k}" for k, v in counts.items())))


# -- import and export (issue 6) -------------------------------------------------------------------
@main.group("import", cls=CrmGroup)
def import_group():
    """Bring data in: a Salesforce export folder, or a graphcrm JSON backup."""


@import_group.command("salesforce")
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--dry-run", is_flag=True, help="Only validate and report; write nothing")
@click.option("--skip-invalid", is_flag=True, help="Write the valid rows even when some are rejected")
@click.option("--mapping", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="A mapping file (TOML) of the org's custom fields onto model fields, e.g. "
                   "Contact.npe01__WorkEmail__c = \"email\"")
@click.option("--country", default=None, metavar="CODE",
              help="The org's country (CH, DE, US, ... or a name): phone numbers of records without a country "
                   "are read in it; without it they are kept as typed")
def import_salesforce_cmd(folder, dry_run, skip_invalid, mapping, country):
    """Import a folder of Salesforce export CSVs; exit 1 when rows were rejected (see import-report.txt)."""
    from graphcrm.store.db import migrate
    from graphcrm.transfer.salesforce.importer import import_salesforce

    if not folder.is_dir():
        problem = _("is not a folder") if folder.exists() else _("no such folder")
        click.echo(_("Error: %(problem)s", problem=str(folder) + ": " + problem), err=True)
        sys.exit(1)
    from graphcrm.places.countries import country_code

    code = country_code(country)
    if country and code is None:
        click.echo(_("Error: %(problem)s", problem="--country: " + _(
            "%(country)r is not a country (give an ISO code such as CH or a name)", country=country)), err=True)
        sys.exit(2)
    handle = open_db()
    try:
        migrate(handle)
        report = import_salesforce(handle, folder, dry_run=dry_run, skip_invalid=skip_invalid, progress=True,
                                   country=code, mapping=mapping)
    finally:
        handle.close()
    click.echo(report.summary())
    for line in report.shown[:20]:
        click.echo("  " + line)
    if len(report.shown) > 20 or report.rejected + report.warned > 20:
        click.echo("  " + _("... %(count)s more", count=report.rejected + report.warned - 20))
    if report.path:
        click.echo(_("Report: %(file)s", file=report.path))
    sys.exit(0 if report.ok else 1)


@import_group.command("json")
@click.argument("path", type=click.Path(path_type=Path))
def import_json_cmd(path):
    """Recreate a graph from `graphcrm export json` into an empty database."""
    from graphcrm.store.db import migrate
    from graphcrm.transfer.backup import import_json

    handle = open_db()
    try:
        migrate(handle)
        counts = import_json(handle, path)
    finally:
        handle.close()
    click.echo(_("Imported %(nodes)s nodes and %(relationships)s relationships from %(file)s", nodes=counts["nodes"],
                 relationships=counts["relationships"], file=path))


@main.command("export")
@click.argument("fmt", metavar="graphml|gexf|json", type=click.Choice(["graphml", "gexf", "json"]))
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
def export_cmd(fmt, path):
    """Export the whole graph: GraphML or GEXF (Gephi, yEd) or json (a lossless backup)."""
    from graphcrm.transfer.backup import export_json
    from graphcrm.transfer.graph_files import export_graph

    if not path.parent.is_dir():
        click.echo(_("Error: %(problem)s", problem=str(path.parent) + ": " + _("no such folder")), err=True)
        sys.exit(1)
    handle = open_db()
    try:
        counts = export_json(handle, path) if fmt == "json" else export_graph(handle, fmt, path)
    finally:
        handle.close()
    click.echo(_("Exported %(nodes)s nodes and %(relationships)s relationships to %(file)s", nodes=counts["nodes"],
                 relationships=counts["relationships"], file=path))


if __name__ == "__main__":
    main()
