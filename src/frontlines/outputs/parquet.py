"""Parquet export (optional: ``pip install 'frontlines[export]'`` for pyarrow)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from frontlines.errors import FrontlinesError
from frontlines.outputs.acled import COLUMNS, acled_row
from frontlines.store.merge import MergedEvent

BATCH = 10_000  # rows per row group: memory stays bounded on big stores


def _pyarrow() -> Any:
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError as exc:
        raise FrontlinesError(
            "Parquet export needs pyarrow: pip install 'frontlines[export]'"
        ) from exc
    return pyarrow


def write_parquet(events: Iterable[MergedEvent], path: str | Path) -> int:
    """The ACLED columns plus id, status, corroboration and member event ids."""
    pa = _pyarrow()
    extra = (
        "id",
        "status",
        "article_count",
        "outlet_count",
        "first_report",
        "last_report",
        "members",
    )
    names = (*COLUMNS, *extra)
    schema = pa.schema([(n, pa.string()) for n in names])
    n = 0
    with pa.parquet.ParquetWriter(str(path), schema) as writer:
        rows: list[dict[str, Any]] = []
        for m in events:
            row = {k: ("" if v is None else str(v)) for k, v in acled_row(m).items()}
            row.update(
                id=m.id,
                status=m.status.value,
                article_count=str(m.article_count),
                outlet_count=str(m.outlet_count),
                first_report=m.first_report.isoformat() if m.first_report else "",
                last_report=m.last_report.isoformat() if m.last_report else "",
                members=json.dumps([x.event_id for x in m.members]),
            )
            rows.append(row)
            n += 1
            if len(rows) >= BATCH:
                writer.write_table(pa.Table.from_pylist(rows, schema=schema))
                rows = []
        if rows or n == 0:
            writer.write_table(pa.Table.from_pylist(rows, schema=schema))
    return n
