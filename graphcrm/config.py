"""Settings from the environment, with defaults (see contract.md)."""
import os
import secrets
from pathlib import Path


def graphcrm_home() -> Path:
    """Return the folder for the managed Neo4j, its data and our state."""
    return Path(os.environ.get("GRAPHCRM_HOME", "~/.local/share/graphcrm")).expanduser()


def _secret_key(home: Path) -> str:
    """Return the session signing key, generated once and kept in GRAPHCRM_HOME."""
    explicit = os.environ.get("GRAPHCRM_SECRET_KEY")
    if explicit:
        return explicit
    path = home / "secret_key"
    if path.exists():
        return path.read_text().strip()
    home.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    # Written with owner-only permissions because it signs every session.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(key)
    return key


def from_environment(overrides: dict | None = None) -> dict:
    """Build the Flask config mapping from environment variables (overrides win)."""
    overrides = overrides or {}
    home = Path(overrides.get("GRAPHCRM_HOME") or graphcrm_home())
    return {
        "NEO4J_URI": os.environ.get("NEO4J_URI") or None,
        "NEO4J_USER": os.environ.get("NEO4J_USER", "neo4j"),
        "NEO4J_PASSWORD": os.environ.get("NEO4J_PASSWORD"),
        "NEO4J_DATABASE": os.environ.get("NEO4J_DATABASE", "neo4j"),
        "GRAPHCRM_HOME": str(home),
        "SECRET_KEY": overrides.get("SECRET_KEY") or _secret_key(home),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        # Secure cookies need HTTPS; plain-HTTP loopback development opts out.
        "SESSION_COOKIE_SECURE": os.environ.get("GRAPHCRM_INSECURE_COOKIES") != "1",
        "MAX_CONTENT_LENGTH": 64 * 1024 * 1024,
        # "read": everyone signed in sees every person (sensitive fields aside); "private": only their team's.
        "PEOPLE_SHARING": os.environ.get("GRAPHCRM_PEOPLE_SHARING", "read"),
        # A sign-in ends after this long unused, and after this long at most (server-side sessions).
        "SESSION_IDLE_MINUTES": _positive_int("GRAPHCRM_SESSION_IDLE_MINUTES", 120),
        "SESSION_MAX_HOURS": _positive_int("GRAPHCRM_SESSION_MAX_HOURS", 12),
        # The longest a request's statement may hold the database; Neo4j ends it after that.
        "QUERY_TIMEOUT_S": _positive_float("GRAPHCRM_QUERY_TIMEOUT_S", 5.0),
        # The interface's language and time zone for a user who chose none and a browser we do not speak.
        "DEFAULT_LOCALE": os.environ.get("GRAPHCRM_DEFAULT_LOCALE") or "de-CH",
        "DEFAULT_TIMEZONE": os.environ.get("GRAPHCRM_DEFAULT_TIMEZONE") or "Europe/Zurich",
    }


def _positive_float(name: str, default: float) -> float:
    """An environment variable that must be a positive number of seconds; a clear error otherwise."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not 0 < value < 3600:
        raise ValueError(f"{name} must be a number of seconds between 0 and 3600, not {raw!r}")
    return value


def _positive_int(name: str, default: int) -> int:
    """An environment variable that must be a positive whole number; a clear error otherwise."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    if not raw.strip().isdigit() or int(raw) < 1:
        raise ValueError(f"{name} must be a positive whole number, not {raw!r}")
    return int(raw)

