"""One error hierarchy for the whole app, mapped to HTTP in one place (routes/errors.py)."""


class CrmError(Exception):
    """Base of every error graphcrm raises on purpose."""

    status = 400
    code = "bad_request"

    def __init__(self, message: str, fields: dict | None = None):
        super().__init__(message)
        self.message = message
        self.fields = fields or {}

    def to_dict(self) -> dict:
        """Return the JSON error body of the contract."""
        body = {"error": self.code, "message": self.message}
        if self.fields:
            body["fields"] = self.fields
        return body


class BadRequest(CrmError):
    """The request is malformed (not JSON, wrong shape)."""


class Unauthorized(CrmError):
    """No valid session or token."""

    status, code = 401, "unauthorized"


class Forbidden(CrmError):
    """Signed in, but not allowed."""

    status, code = 403, "forbidden"


class NotFound(CrmError):
    """A record that does not exist."""

    status, code = 404, "not_found"


class Conflict(CrmError):
    """A stale version, a duplicate, or a record still in use."""

    status, code = 409, "conflict"


class Invalid(CrmError):
    """Well-formed but invalid input; `fields` names each bad field."""

    status, code = 422, "invalid"


class Unavailable(CrmError):
    """The database cannot be reached right now; the client may try again after `retry_after` seconds."""

    status, code = 503, "unavailable"
    retry_after = 5


class TooSlow(Unavailable):
    """A statement ran past its timeout and the database stopped it."""

    code = "timeout"


class LocalDbError(Exception):
    """The managed local Neo4j could not be fetched, started or stopped."""
