"""Markdown to clean text blocks: headings, paragraphs and list items without the markup."""

from __future__ import annotations

import re

from frontwatch.pipeline.normalize.whitespace import BULLET, clean_inline

_FENCE = re.compile(r"^\s*(```|~~~)")
_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_RULE_OR_UNDERLINE = re.compile(r"^\s{0,3}(?:([-*_=])\s*){3,}$")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+(.*)$")
_QUOTE = re.compile(r"^\s*(?:>\s?)+")
_REFERENCE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>~|])")
_INLINE_RULES = (
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),
    (re.compile(r"<(https?://[^>\s]+)>"), r"\1"),
    (re.compile(r"</?[a-zA-Z][^>]*>"), ""),
    (re.compile(r"`([^`]+)`"), r"\1"),
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),
    (re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<!\w)_(?=\S)(.+?)(?<=\S)_(?!\w)"), r"\1"),
    (re.compile(r"~~(?=\S)(.+?)(?<=\S)~~"), r"\1"),
)
_ESCAPED = "\ue000"


def strip_inline_markdown(line: str) -> str:
    """``line`` without links, images, emphasis, code marks, inline HTML and backslash escapes."""
    protected = _ESCAPE.sub(lambda match: _ESCAPED + str(ord(match.group(1))) + _ESCAPED, line)
    for pattern, replacement in _INLINE_RULES:
        protected = pattern.sub(replacement, protected)
    restored = re.sub(f"{_ESCAPED}(\\d+){_ESCAPED}", lambda match: chr(int(match.group(1))), protected)
    return clean_inline(restored)


def markdown_blocks(source: str) -> tuple[list[str], str | None]:
    """The text blocks of a Markdown document (list items as bulleted blocks) and its first # heading."""
    blocks: list[str] = []
    paragraph: list[str] = []
    title: str | None = None
    in_fence = in_item = False

    def flush() -> None:
        text = (
            strip_inline_markdown(" ".join(paragraph)) if not in_fence else clean_inline("\n".join(paragraph))
        )
        if text:
            blocks.append(text)
        paragraph.clear()

    for line in source.splitlines():
        if _FENCE.match(line):
            flush()
            in_fence, in_item = not in_fence, False
            continue
        if in_fence:
            paragraph.append(line)
            continue
        if in_item and line[:1].isspace() and line.strip() and not _LIST_ITEM.match(line):
            blocks[-1] = f"{blocks[-1]} {strip_inline_markdown(line)}"
            continue
        line = _QUOTE.sub("", line)
        heading, item = _HEADING.match(line), _LIST_ITEM.match(line)
        in_item = False
        if not line.strip() or _RULE_OR_UNDERLINE.match(line) or _REFERENCE.match(line):
            flush()
        elif heading:
            flush()
            text = strip_inline_markdown(heading.group(2))
            if text:
                blocks.append(text)
                title = title or (text if len(heading.group(1)) == 1 else None)
        elif item:
            flush()
            text = strip_inline_markdown(item.group(1))
            if text:
                blocks.append(BULLET + text)
                in_item = True
        else:
            paragraph.append(line.strip())
    flush()
    return blocks, title
