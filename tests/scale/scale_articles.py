"""Small hand-written articles for the engine tests (our own sentences, real place names)."""

from __future__ import annotations

import json
from pathlib import Path

TEXTS = [
    ("s1", "2021-08-09", "Taliban fighters captured the city of Kunduz on Sunday after a week of "
     "heavy fighting, a provincial council member said.\n\nGovernment troops withdrew to the "
     "airport outside the city, officials said."),
    ("s2", "2021-08-13", "The Taliban seized Herat on Thursday, according to a local official. "
     "Clashes were also reported near Kandahar."),
    ("s3", "2022-05-20", "Russian forces shelled Bakhmut on Tuesday, killing three civilians, the "
     "regional governor said. Ukrainian troops said they repelled an assault near Lyman."),
    ("s4", "2023-10-27", "The Rapid Support Forces took control of Nyala, the capital of South "
     "Darfur, on Thursday, witnesses said.\nThe Sudanese army denied that the city had fallen."),
    ("s5", None, "Aid agencies warned that food was running short. No fighting was reported."),
]


def write_jsonl(path: Path, *, bad_lines: bool = False, copies: int = 1) -> Path:
    lines = []
    for k in range(copies):
        for id_, published, text in TEXTS:
            lines.append(json.dumps({"id": f"{id_}-{k}", "published": published, "text": text},
                                    ensure_ascii=False))
    if bad_lines:
        lines.insert(1, "")  # blank: skipped, but counts as a line
        lines.insert(3, "{not json")
        lines.insert(5, json.dumps({"id": "no-text"}))
        # a raw U+2028 inside a JSON string is legal JSON and must not split the line
        lines.append(json.dumps({"text": "Clashes erupted in Idlib\u2028on Monday, a monitor "
                                 "said.", "published": "2020-01-06"}, ensure_ascii=False))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
