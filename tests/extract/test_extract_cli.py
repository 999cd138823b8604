"""The ``frontlines extract`` command as a user runs it: output formats, bad input, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ARTICLE = {
    "id": "cli-1",
    "url": "https://example.org/cli-1",
    "published": "2021-08-13",
    "text": "Taliban fighters captured the western city of Herat on Thursday, officials said.",
}


def frontlines(*args: str) -> subprocess.CompletedProcess[str]:
    code = "import sys; from frontlines.cli.main import main; sys.argv[0] = 'frontlines'; main()"
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=300
    )


def test_extract_cli_jsonl_contract(tmp_path: Path) -> None:
    src = tmp_path / "a.jsonl"
    src.write_text(json.dumps(ARTICLE) + "\n", encoding="utf-8")
    run = frontlines("extract", "--format", "jsonl", str(src))
    assert run.returncode == 0, run.stderr
    [event] = [json.loads(line) for line in run.stdout.splitlines()]
    assert event["article_id"] == "cli-1" and event["type"] == "capture"
    assert event["place"]["name"] == "Herat" and event["place"]["admin1_code"] == "AF-HER"
    assert event["date"] == "2021-08-12" and event["date_source"] == "text"
    start, end = event["evidence"][0]["start"], event["evidence"][0]["end"]
    assert ARTICLE["text"][start:end] == event["evidence"][0]["sentence"]


def test_extract_cli_bad_input_is_named_and_the_rest_goes_on(tmp_path: Path) -> None:
    src = tmp_path / "mixed.jsonl"
    src.write_text('{"id": "broken"\n' + json.dumps(ARTICLE) + "\n", encoding="utf-8")
    run = frontlines("extract", "--format", "jsonl", str(src))
    assert run.returncode == 1  # something was skipped: scripts must notice
    assert f"{src}:1" in run.stderr and "malformed JSON" in run.stderr
    assert len(run.stdout.splitlines()) == 1  # the good line was still extracted
    strict = frontlines("extract", "--strict", "--format", "jsonl", str(src))
    assert strict.returncode == 2 and f"{src}:1" in strict.stderr and strict.stdout == ""


def test_extract_cli_binary_and_empty_files(tmp_path: Path) -> None:
    binary = tmp_path / "blob.txt"
    binary.write_bytes(bytes(range(256)) * 4)
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    run = frontlines("extract", str(binary), str(empty))
    assert run.returncode == 1
    assert f"{binary}: binary file" in run.stderr and f"{empty}: empty text" in run.stderr
