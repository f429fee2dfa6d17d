#!/usr/bin/env python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Write the RST copies of the guides (docs/*.md) that the antsibull docs site shows (docs/docsite/rst/).

usage: md_to_rst.py [--check] [COLLECTION_ROOT]

The guides are written in Markdown (GitHub renders them); antsibull-docs takes extra documentation in RST only. Each
page that docs/docsite/extra-docs.yml lists, NAME, is docs/NAME.md written as docs/docsite/rst/NAME.rst, with the label
``ansible_collections.hwcloud.dbaas.docsite.NAME`` (dashes as underscores). Links to another guide become ``:ref:``
links to its page; links to other files of the repository become links to the repository on GitHub (galaxy.yml
``repository``). With --check nothing is written: the exit code is 1 when a copy is missing or out of date, or when
docs/docsite/rst holds a page without a guide.

Markdown covered: headings, paragraphs, emphasis, inline code, links, fenced code, bullet and ordered lists (nested),
pipe tables, block quotes and rules (the subset the guides use). Parsed with markdown-it-py.
"""

from __future__ import annotations

import os
import posixpath
import re
import sys

import yaml
from markdown_it import MarkdownIt

GENERATED_NOTE = ".. Generated from docs/%s by tests/tools/md_to_rst.py: edit the Markdown file, then run that script."
HEADING_CHARS = "=-^\"'~"
LANGUAGES = {"": "text", "sh": "bash", "shell": "bash", "yml": "yaml", "console": "console"}


def label_of(prefix: str, stem: str) -> str:
    return prefix + stem.replace("-", "_")


class Converter:
    """Markdown (markdown-it tokens) to RST, for one guide."""

    def __init__(self, name: str, guides: set, label_prefix: str, repository: str, branch: str = "main") -> None:
        self.name = name
        self.guides = guides
        self.label_prefix = label_prefix
        self.repository = repository.rstrip("/")
        self.branch = branch
        self.parser = MarkdownIt("commonmark").enable("table")

    # --- links ---

    def link_target(self, href: str) -> tuple:
        """('ref', label) for another guide, ('url', url) otherwise."""
        if re.match(r"^[a-z][a-z0-9+.-]*:", href):
            return ("url", href)
        path, anchor = (href.split("#", 1) + [""])[:2]
        if not path:
            return ("ref", label_of(self.label_prefix, os.path.splitext(self.name)[0]))
        resolved = posixpath.normpath(posixpath.join("docs", path))
        if resolved.startswith("docs/") and resolved.count("/") == 1 and resolved.endswith(".md"):
            stem = posixpath.basename(resolved)[:-3]
            if stem in self.guides:
                return ("ref", label_of(self.label_prefix, stem))
        kind = "tree" if path.endswith("/") or resolved == "docs" else "blob"
        url = "%s/%s/%s/%s" % (self.repository, kind, self.branch, resolved.rstrip("/"))
        return ("url", url + ("#" + anchor if anchor else ""))

    # --- inline ---

    @staticmethod
    def escape(text: str) -> str:
        text = text.replace("\\", "\\\\")
        text = re.sub(r"([*`|])", r"\\\1", text)
        text = re.sub(r"(\w)_(?=\W|$)", r"\1\\_", text)
        return text

    def inline(self, tokens: list) -> str:
        parts: list = []
        index = 0
        while index < len(tokens):
            token = tokens[index]
            kind = token.type
            if kind == "text":
                parts.append(self.escape(token.content))
            elif kind == "code_inline":
                parts.append(self.markup("``%s``" % token.content if "``" not in token.content else token.content))
            elif kind in ("softbreak", "hardbreak"):
                parts.append("\n")
            elif kind in ("strong_open", "em_open"):
                close = kind.replace("_open", "_close")
                end = self.find_close(tokens, index, kind, close)
                text = self.plain(tokens[index + 1:end])
                mark = "**" if kind == "strong_open" else "*"
                parts.append(self.markup("%s%s%s" % (mark, text, mark)) if text.strip() else text)
                index = end
            elif kind == "link_open":
                end = self.find_close(tokens, index, "link_open", "link_close")
                text = self.plain(tokens[index + 1:end])
                target_kind, target = self.link_target(token.attrs.get("href", ""))
                text = text.replace("<", "\\<")
                if target_kind == "ref" and re.match(r"^[\w./-]+\.md$", text.strip()):
                    # A link named after the file ("auth.md"): the page's title reads better on the site.
                    parts.append(self.markup(":ref:`%s`" % target))
                elif target_kind == "ref":
                    parts.append(self.markup(":ref:`%s <%s>`" % (text, target)))
                else:
                    parts.append(self.markup("`%s <%s>`__" % (text, target)))
                index = end
            elif kind in ("html_inline", "image"):
                parts.append(self.escape(token.content))
            else:
                raise ValueError("%s: unsupported inline Markdown: %s" % (self.name, kind))
            index += 1
        return self.join(parts)

    @staticmethod
    def find_close(tokens: list, start: int, open_kind: str, close_kind: str) -> int:
        depth = 0
        for index in range(start, len(tokens)):
            if tokens[index].type == open_kind:
                depth += 1
            elif tokens[index].type == close_kind:
                depth -= 1
                if depth == 0:
                    return index
        raise ValueError("unbalanced %s" % open_kind)

    @staticmethod
    def plain(tokens: list) -> str:
        """Text of inline tokens without markup (RST inline markup does not nest)."""
        return "".join(token.content if token.type in ("text", "code_inline") else " " if "break" in token.type else ""
                       for token in tokens)

    @staticmethod
    def markup(text: str) -> str:
        return "\x01" + text + "\x02"

    @staticmethod
    def join(parts: list) -> str:
        """Inline markup must start after whitespace or punctuation and end before it: join with escaped spaces."""
        text = "".join(parts)
        text = re.sub(r"(?<=[\w)\]])\x01", "\\\\ ", text)
        text = re.sub(r"\x02(?=[\w(\[])", "\\\\ ", text)
        return text.replace("\x01", "").replace("\x02", "")

    # --- blocks ---

    def convert(self, markdown: str) -> str:
        tokens = self.parser.parse(markdown)
        levels = sorted({int(token.tag[1]) for token in tokens if token.type == "heading_open"})
        self.heading_chars = {level: HEADING_CHARS[index] for index, level in enumerate(levels)}
        body = self.blocks(tokens, 0, len(tokens))
        label = label_of(self.label_prefix, os.path.splitext(self.name)[0])
        lines = [GENERATED_NOTE % self.name, "", ".. _%s:" % label, ""]
        return "\n".join(lines) + "\n" + "\n\n".join(body).rstrip() + "\n"

    def blocks(self, tokens: list, start: int, end: int) -> list:
        out: list = []
        index = start
        while index < end:
            token = tokens[index]
            kind = token.type
            if kind == "heading_open":
                text = self.inline(tokens[index + 1].children)
                # "1. Title" would start an enumerated list.
                text = re.sub(r"^(\d+)\.", r"\1\\.", text)
                char = self.heading_chars[int(token.tag[1])]
                width = len(text)
                out.append("%s\n%s" % (text, char * width))
                index += 3
                continue
            if kind == "paragraph_open":
                out.append(self.inline(tokens[index + 1].children))
                index += 3
                continue
            if kind in ("fence", "code_block"):
                language = (token.info or "").strip().split(" ")[0]
                language = LANGUAGES.get(language, language)
                code = token.content.rstrip("\n")
                body = "\n".join(("   " + line) if line.strip() else "" for line in code.split("\n"))
                out.append(".. code-block:: %s\n\n%s" % (language, body))
                index += 1
                continue
            if kind in ("bullet_list_open", "ordered_list_open"):
                close = kind.replace("_open", "_close")
                stop = self.find_close(tokens, index, kind, close)
                out.append(self.list_block(tokens, index, stop))
                index = stop + 1
                continue
            if kind == "table_open":
                stop = self.find_close(tokens, index, "table_open", "table_close")
                out.append(self.table(tokens, index, stop))
                index = stop + 1
                continue
            if kind == "blockquote_open":
                stop = self.find_close(tokens, index, "blockquote_open", "blockquote_close")
                inner = "\n\n".join(self.blocks(tokens, index + 1, stop))
                out.append("\n".join(("   " + line) if line.strip() else "" for line in inner.split("\n")))
                index = stop + 1
                continue
            if kind == "hr":
                out.append("----")
                index += 1
                continue
            if kind == "html_block":
                out.append(".. raw:: html\n\n" + "\n".join("   " + line for line in token.content.rstrip().split("\n")))
                index += 1
                continue
            raise ValueError("%s: unsupported Markdown block: %s" % (self.name, kind))
        return out

    def list_block(self, tokens: list, start: int, stop: int) -> str:
        ordered = tokens[start].type == "ordered_list_open"
        number = int(tokens[start].attrs.get("start", 1) or 1) if ordered else 0
        items: list = []
        index = start + 1
        while index < stop:
            if tokens[index].type != "list_item_open":
                index += 1
                continue
            item_end = self.find_close(tokens, index, "list_item_open", "list_item_close")
            marker = "%d. " % number if ordered else "- "
            number += 1
            body = "\n\n".join(self.blocks(tokens, index + 1, item_end))
            pad = " " * len(marker)
            lines = body.split("\n")
            text = marker + lines[0] + "".join("\n" + (pad + line if line.strip() else "") for line in lines[1:])
            items.append(text)
            index = item_end + 1
        # Items separated by blank lines: RST renders the same list, and items may hold several blocks.
        return "\n\n".join(items)

    def table(self, tokens: list, start: int, stop: int) -> str:
        rows: list = []
        row: list = []
        header_rows = 0
        in_head = False
        for index in range(start, stop):
            token = tokens[index]
            if token.type == "thead_open":
                in_head = True
            elif token.type == "thead_close":
                in_head = False
            elif token.type == "tr_open":
                row = []
            elif token.type == "tr_close":
                rows.append(row)
                header_rows += 1 if in_head else 0
            elif token.type == "inline":
                row.append(self.inline(token.children))
        lines = [".. list-table::", "   :header-rows: %d" % header_rows, ""]
        for cells in rows:
            for position, cell in enumerate(cells):
                cell = cell.replace("\n", " ") or "\\"
                lines.append(("   * - " if position == 0 else "     - ") + cell)
        return "\n".join(lines)


def main(argv: list) -> int:
    check = "--check" in argv
    args = [arg for arg in argv[1:] if arg != "--check"]
    root = os.path.abspath(args[0] if args else os.path.join(os.path.dirname(__file__), "..", ".."))
    with open(os.path.join(root, "galaxy.yml"), encoding="utf-8") as handle:
        galaxy = yaml.safe_load(handle)
    prefix = "ansible_collections.%s.%s.docsite." % (galaxy["namespace"], galaxy["name"])
    docs = os.path.join(root, "docs")
    rst_dir = os.path.join(docs, "docsite", "rst")
    # The pages are the ones docs/docsite/extra-docs.yml lists; a new guide is added there first.
    with open(os.path.join(docs, "docsite", "extra-docs.yml"), encoding="utf-8") as handle:
        index = yaml.safe_load(handle) or {}
    stems = set()
    for section in index.get("sections") or []:
        for entry in section.get("toctree") or []:
            stems.add(entry["ref"] if isinstance(entry, dict) else entry)
    missing = sorted(stem for stem in stems if not os.path.isfile(os.path.join(docs, stem + ".md")))
    if missing:
        print("docs/docsite/extra-docs.yml lists pages without a guide: %s" % ", ".join("docs/%s.md" % stem for stem in missing))
        return 1
    guides = sorted(stem + ".md" for stem in stems)
    stale = []
    for name in guides:
        with open(os.path.join(docs, name), encoding="utf-8") as handle:
            markdown = handle.read()
        rst = Converter(name, stems, prefix, galaxy["repository"]).convert(markdown)
        target = os.path.join(rst_dir, name[:-3] + ".rst")
        current = None
        if os.path.exists(target):
            with open(target, encoding="utf-8") as handle:
                current = handle.read()
        if current == rst:
            continue
        stale.append(os.path.relpath(target, root))
        if not check:
            os.makedirs(rst_dir, exist_ok=True)
            with open(target, "w", encoding="utf-8") as handle:
                handle.write(rst)
    orphans = sorted(os.path.join("docs", "docsite", "rst", name) for name in os.listdir(rst_dir)
                     if name.endswith(".rst") and name[:-4] not in stems) if os.path.isdir(rst_dir) else []
    if check:
        for path in stale:
            print("out of date: %s (run tests/tools/md_to_rst.py)" % path)
        for path in orphans:
            print("no docs/*.md for %s" % path)
        return 1 if stale or orphans else 0
    for path in stale:
        print("wrote %s" % path)
    for path in orphans:
        print("warning: no docs/*.md for %s" % path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
