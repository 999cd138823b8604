"""Ray Data readers for JSON Lines and Parquet articles, with the embedded reader's semantics.

Imported only once Ray is known to be installed (``ray_engine`` checks). Why not
``ray.data.read_json`` / ``read_text``: ``read_json(lines=True)`` goes through pandas, which
coerces values (an id "007" becomes 7) and fails a whole file on one malformed line;
``read_text`` uses ``str.splitlines`` and so cuts a JSON line at a raw U+2028 or U+0085 inside
a string (legal JSON, common in scraped news). Neither tells the line number that the embedded
reader puts in ``Article.origin`` and in error messages. So this datasource reuses Ray Data's
file machinery (path expansion, local and fsspec/pyarrow filesystems, distributed read tasks,
retries) and parses each record with ``frontlines.sources.article_from_json``: the Ray engine
reads exactly the articles, ids and errors that ``frontlines.sources.iter_articles`` reads.

Each output row is an article (pickled) or a read error, with its origin ``path:line``.
"""

from __future__ import annotations

import datetime as dt
import pickle
from collections.abc import Iterator, Mapping
from pathlib import PurePosixPath
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from ray.data.datasource import FileBasedDatasource

from frontlines.errors import ReadError
from frontlines.sources import DEFAULT_MAX_BYTES, article_from_json
from frontlines.sources.decode import looks_binary
from frontlines.sources.reader import EMPTY_JSONL, decode_json_line

#: Rows per block handed to the extraction actors' queues.
ROWS_PER_BLOCK = 256
_READ = 1 << 20

READ_SCHEMA = pa.schema(
    [("origin", pa.string()), ("article", pa.binary()), ("error", pa.string())]
)


class ArticleDatasource(FileBasedDatasource):
    """JSON Lines or Parquet files -> rows (origin, pickled Article | None, error | None).

    ``display`` maps the resolved paths Ray reads to the names the user typed, so origins
    and ids match the embedded engine's ("dev.jsonl:3", id prefix "dev").
    """

    def __init__(
        self,
        paths: list[str],
        *,
        fmt: str,
        display: Mapping[str, str],
        published: dt.date | None = None,
        max_bytes: int = DEFAULT_MAX_BYTES,
    ) -> None:
        super().__init__(paths)
        self._fmt = fmt
        self._display = dict(display)
        self._published = published
        self._max_bytes = max_bytes

    def _open_input_source(self, filesystem: Any, path: str, **open_args: Any) -> Any:
        if self._fmt == "parquet":  # needs random access to the footer
            return filesystem.open_input_file(path)
        return super()._open_input_source(filesystem, path, **open_args)

    def _read_stream(self, f: Any, path: str) -> Iterator[pa.Table]:
        shown = self._display.get(path, path)
        stem = PurePosixPath(shown).stem
        read = self._jsonl if self._fmt == "jsonl" else self._parquet
        rows = read(f, shown, stem)
        block: list[dict[str, Any]] = []
        for row in rows:
            block.append(row)
            if len(block) >= ROWS_PER_BLOCK:
                yield pa.Table.from_pylist(block, schema=READ_SCHEMA)
                block = []
        if block:
            yield pa.Table.from_pylist(block, schema=READ_SCHEMA)

    # ------------------------------------------------------------------ formats

    def _jsonl(self, f: Any, shown: str, stem: str) -> Iterator[dict[str, Any]]:
        """Mirrors ``frontlines.sources.reader._iter_jsonl`` line for line (messages too)."""
        items = 0
        for lineno, raw in enumerate(_lines(f, self._max_bytes), start=1):
            where = f"{shown}:{lineno}"
            if raw is None:
                items += 1
                yield _error(where, f"line too large (> limit {self._max_bytes} bytes)")
                continue
            if lineno == 1:
                if looks_binary(raw):
                    yield _error(shown, "binary file, not JSON Lines")
                    return
                raw = raw.removeprefix(b"\xef\xbb\xbf")
            obj = decode_json_line(raw, where)
            if obj is None:
                continue
            items += 1
            if isinstance(obj, ReadError):
                yield _error(obj.origin, obj.reason)
                continue
            yield self._article(obj, where, stem)
        if not items:
            yield _error(shown, EMPTY_JSONL)

    def _parquet(self, f: Any, shown: str, stem: str) -> Iterator[dict[str, Any]]:
        """One article per row; the same fields and rules as a JSON Lines record."""
        lineno = 0
        for batch in pq.ParquetFile(f).iter_batches(batch_size=ROWS_PER_BLOCK):
            for obj in batch.to_pylist():
                lineno += 1
                yield self._article(obj, f"{shown}:{lineno}", stem)

    def _article(self, obj: object, where: str, stem: str) -> dict[str, Any]:
        try:
            article = article_from_json(obj, where, default_id=stem, published=self._published)
        except ReadError as err:
            return _error(err.origin, err.reason)
        return {"origin": where, "article": pickle.dumps(article, protocol=5), "error": None}


def _error(origin: str, reason: str) -> dict[str, Any]:
    return {"origin": origin, "article": None, "error": reason}


def _lines(f: Any, max_bytes: int) -> Iterator[bytes | None]:
    """Lines split on b"\\n" only (as ``readline`` does); None for a line over ``max_bytes``."""
    pending = b""
    too_long = False
    while chunk := f.read(_READ):
        pending += chunk
        *complete, pending = pending.split(b"\n")
        for part in complete:
            if too_long:
                too_long = False
                yield None
            elif len(part) + 1 > max_bytes + 1:
                yield None
            else:
                yield part + b"\n"
        if len(pending) > max_bytes:  # do not hold a huge line: remember and drop it
            too_long = True
            pending = b""
    if too_long:
        yield None
    elif pending:
        yield pending
