"""What the import takes from a ledger: activity rows with where each value stood, and notes
on what it left out."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from site_builder.source import Mark, Path_


@dataclass
class LedgerRow:
    """One activity from the ledger: the record's data and where each of its values stood."""

    sheet: str | None
    row: int
    data: dict[str, Any] = field(default_factory=dict)
    marks: dict[Path_, Mark] = field(default_factory=dict)  # field path within the record
    filled: set[str] = field(default_factory=set)  # the header targets of non-empty cells
    # Cells (line, column) the reader reported an error at: the model's is not repeated there.
    reported: set[tuple[int, int]] = field(default_factory=set)

    def first_day(self) -> dt.date | None:
        day = self.data.get("date", self.data.get("start"))
        return day if isinstance(day, dt.date) else None


@dataclass(frozen=True)
class Note:
    """Something the import did not take from the ledger, or read in a way worth saying:
    printed, never an error."""

    location: str
    row: int
    message: str
