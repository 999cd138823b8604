"""Main text and metadata of a saved web page, extracted offline.

trafilatura does the boilerplate removal (navigation, footers, related links) and reads the
page metadata (title, ``og:site_name``, ``article:published_time``). Some pages are too short or
too odd for it; then a plain lxml pass that drops obvious chrome keeps the article readable.
Nothing here touches the network.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import lxml.html  # type: ignore[import-untyped]  # no stubs in the dev deps
from lxml import etree

# htmldate: trust the page's own metadata and URL, not dates found in the article body (those
# are usually event dates), and prefer the original publication over "updated" dates.
_DATE_PARAMS: dict[str, Any] = {"extensive_search": False, "original_date": True}

_CHROME_TAGS = (
    "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form",
    "button", "svg", "iframe", "figure",
)  # fmt: skip
_BLOCK_TAGS = frozenset(
    {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "br", "blockquote", "tr", "section",
     "article", "main", "pre", "dd", "dt"}
)  # fmt: skip
_SHORT_TEXT = 500
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")


@dataclass(frozen=True, slots=True)
class HtmlContent:
    text: str
    title: str | None
    published: str | None
    sitename: str | None
    url: str | None


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = _SPACES.sub(" ", value).strip()
    return value or None


def _normalise_text(text: str) -> str:
    """One block per paragraph, separated by a blank line, so paragraph splitting is trivial."""
    lines = (_SPACES.sub(" ", line).strip() for line in text.splitlines())
    return "\n\n".join(line for line in lines if line)


def _drop_headline(text: str, title: str | None) -> str:
    """The page title is kept in ``Article.title``; repeating it as the first paragraph would
    make the extractor report its events twice."""
    if not title:
        return text
    first, sep, rest = text.partition("\n\n")
    return rest if sep and first.strip().lower() == title.strip().lower() else text


def _fallback_text(html: str) -> tuple[str, str | None]:
    """Visible text of the body without chrome, one block per line; and the <title>."""
    try:
        root = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return "", None
    title_el = root.find(".//title")
    title = _clean(title_el.text_content()) if title_el is not None else None
    for tag in _CHROME_TAGS:
        for el in root.iter(tag):
            el.drop_tree()
    for el in root.iter(*_BLOCK_TAGS):
        el.tail = "\n" + (el.tail or "")
    body = root.find("body")
    text = (body if body is not None else root).text_content()
    return _normalise_text(text), title


def extract_html(html: str, url: str | None = None) -> HtmlContent:
    """Extract text and metadata; ``text`` is empty when the page has no readable text."""
    import trafilatura  # slow to import: only pay for it when HTML is read

    doc: Any = None
    try:
        doc = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            date_extraction_params=_DATE_PARAMS,
        )
    except (ValueError, TypeError, etree.LxmlError):
        doc = None
    text = _normalise_text(doc.text or "") if doc is not None and doc.text else ""
    meta: Any = doc
    if len(text) < _SHORT_TEXT:
        # trafilatura returns the menu of a page without an article: trust a short result only
        # if some text survives outside the page chrome.
        fallback, html_title = _fallback_text(html)
        text = (text or fallback) if fallback else ""
        if meta is None:
            try:
                meta = trafilatura.extract_metadata(html, default_url=url, date_config=_DATE_PARAMS)
            except (ValueError, TypeError, etree.LxmlError):
                meta = None
        if meta is not None and not getattr(meta, "title", None) and html_title:
            meta.title = html_title
        if meta is None:
            return HtmlContent(text, html_title, None, None, url)
    title = _clean(getattr(meta, "title", None))
    return HtmlContent(
        text=_drop_headline(text, title),
        title=title,
        published=_clean(getattr(meta, "date", None)),
        sitename=_clean(getattr(meta, "sitename", None)),
        url=_clean(getattr(meta, "url", None)) or url,
    )
