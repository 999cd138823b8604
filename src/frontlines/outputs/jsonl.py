"""JSON Lines: one object per line (the merged event or any record with ``to_dict``)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import IO, Any, Protocol


class Dictable(Protocol):
    def to_dict(self) -> dict[str, Any]: ...


def write_jsonl(records: Iterable[Dictable], out: IO[str]) -> int:
    n = 0
    for r in records:
        out.write(json.dumps(r.to_dict(), ensure_ascii=False) + "\n")
        n += 1
    return n
