"""Error kinds. The CLI turns each into one line and an exit status; no tracebacks."""


class SecdocsError(Exception):
    """Base of every error secdocs reports to a user."""

    exit_status = 1


class BadInputError(SecdocsError):
    """A file that cannot be read safely: not a docx, corrupt, hostile, too large."""

    exit_status = 2


class NumberingError(SecdocsError):
    """A provision number or label that cannot be parsed or placed."""


class AmendmentError(SecdocsError):
    """An amendment that cannot be applied: unknown, stale, ambiguous, not found."""


class ConfigError(SecdocsError):
    """A modification, release or option file with missing or invalid values."""


class InPlaceError(SecdocsError):
    """A change that cannot be made inside the baseline's own package (the message says where)."""
