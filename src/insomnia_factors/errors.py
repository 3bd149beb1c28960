"""The one exception hierarchy of the library.

Every error the library raises on purpose derives from :class:`InsomniaFactorsError`.
Errors about input carry the dotted *field path* of the offending value
(``magnesium.serum``) and a short statement of what was expected, so that a form or an
API can point at the field and a person can fix it.  Errors from pint, attrs or cattrs
never reach the caller raw: they are translated at the library's edge.
"""

from __future__ import annotations

__all__ = [
    "BatchError",
    "CatalogError",
    "InsomniaFactorsError",
    "InvalidInputError",
    "InvalidProfileError",
    "InvalidQuantityError",
    "InvalidQuestionnaireError",
    "InvalidRowError",
    "InvalidWeightsError",
    "UnknownCompoundError",
    "join_path",
]


class InsomniaFactorsError(Exception):
    """Base class of every error raised by insomnia-factors."""


class InvalidInputError(InsomniaFactorsError, ValueError):
    """A value given to the library is not acceptable.

    Attributes:
        field: dotted path of the value inside its document (``"magnesium.serum"``),
            or the parameter name for a standalone call; ``""`` for the document itself.
        expected: what would have been accepted, in words.
        got: a short, safe rendering of what was received (truncated).
    """

    field: str
    expected: str
    got: str

    def __init__(self, field: str, expected: str, got: object = None) -> None:
        self.field = field
        self.expected = expected
        self.got = _render(got)
        super().__init__(field, expected, self.got)

    def __str__(self) -> str:
        where = self.field or "<document>"
        tail = f", got {self.got}" if self.got else ""
        return f"{where}: expected {self.expected}{tail}"

    def at(self, prefix: str) -> InvalidInputError:
        """Return the same error with its field path placed under ``prefix``."""
        path = join_path(prefix, self.field)
        clone = type(self).__new__(type(self))
        clone.__dict__.update(self.__dict__)
        clone.field = path
        clone.args = (path, self.expected, self.got)
        return clone


class InvalidProfileError(InvalidInputError):
    """A profile document, or one of its fields, is invalid."""


class InvalidQuantityError(InvalidProfileError):
    """A physical quantity is malformed, has the wrong dimension or is out of range."""


class UnknownCompoundError(InvalidProfileError):
    """A magnesium compound is not in the table of known supplement salts."""


class InvalidQuestionnaireError(InvalidProfileError):
    """Questionnaire answers or totals are invalid or disagree with each other."""


class InvalidRowError(InvalidProfileError):
    """A cell in one row of a table of profiles (one person per row) is invalid.

    ``field`` is the column's profile path, ``expected`` and ``got`` are those of the
    error the single-profile models raise for the same value (kept as ``cause``).

    Attributes:
        row: 0-based position of the row in the table (as ``DataFrame.iloc`` counts).
        label: the row's index label for a pandas table, else None.
        partition: the partition number for a Dask table, else None.
        cause: the error raised for the value by the single-profile models.
    """

    row: int
    label: object
    partition: int | None
    cause: InvalidInputError

    def __init__(
        self,
        row: int,
        cause: InvalidInputError,
        *,
        label: object = None,
        partition: int | None = None,
    ) -> None:
        super().__init__(cause.field, cause.expected)
        self.got = cause.got
        self.args = (cause.field, cause.expected, cause.got)
        self.row = row
        self.label = label
        self.partition = partition
        self.cause = cause

    def __str__(self) -> str:
        where = f"row {self.row}"
        if self.partition is not None:
            where = f"partition {self.partition}, {where}"
        return f"{where}: {super().__str__()}"

    def __reduce__(self) -> tuple[object, ...]:
        # Picklable across processes (Dask workers): rebuild from the constructor's arguments.
        return (_rebuild_row_error, (self.row, self.cause, self.label, self.partition))


def _rebuild_row_error(
    row: int, cause: InvalidInputError, label: object, partition: int | None
) -> InvalidRowError:
    return InvalidRowError(row, cause, label=label, partition=partition)


class InvalidWeightsError(InvalidInputError):
    """Custom factor weights name an unknown factor or are not finite and non-negative."""


class CatalogError(InsomniaFactorsError):
    """A factor catalog is malformed (for example, two factors share an id)."""


class BatchError(InsomniaFactorsError):
    """A batch of profiles cannot run: an unreadable file or an unknown file format."""


def join_path(prefix: str, name: str) -> str:
    """``join_path("magnesium", "serum")`` is ``"magnesium.serum"``; an empty side drops out."""
    if prefix and name:
        return f"{prefix}{name}" if name.startswith("[") else f"{prefix}.{name}"
    return prefix or name


_MAX_RENDER = 60


def _render(value: object) -> str:
    if value is None:
        return ""
    text = value if isinstance(value, str) else repr(value)
    text = repr(text) if isinstance(value, str) else text
    if len(text) > _MAX_RENDER:
        text = text[: _MAX_RENDER - 1] + "…"
    return text
