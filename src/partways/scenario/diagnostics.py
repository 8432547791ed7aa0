"""Problems found in scenario files, each pointing at a place in a file."""

from __future__ import annotations

from dataclasses import dataclass

from partways.text import visible


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem in one file.

    ``path`` is the path as the user gave it (or as found inside a folder they gave);
    ``line`` and ``column`` are 1-based; ``code`` is a stable rule code such as ``PW201``.
    """

    path: str
    line: int
    column: int
    code: str
    message: str

    def format(self) -> str:
        """``PATH:LINE:COLUMN: error: MESSAGE [CODE]``, as the contract fixes it."""
        path, message = visible(self.path), visible(self.message)
        return f"{path}:{self.line}:{self.column}: error: {message} [{self.code}]"

    def to_json(self) -> dict[str, str | int]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "code": self.code,
            "message": visible(self.message),
        }
