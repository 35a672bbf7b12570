"""What the relevance engine's code actions write into a draft, as typed fixes (no LSP):

- **the Related footer**: the best related notes the draft does not link yet, as
  ``[[Note]] | [[Other note]]``, appended to its ``**Related**:`` line, or, without one, on a
  new line where the guide's template has it: before the ``**Tags**:`` footer line, else at
  the end after the ``---`` that opens the footer (written too when it is not there);
- **suggested tags**: the best suggestions added to the frontmatter's ``tags:`` list in the
  list's own style (``[a, b]`` or ``- a`` lines), and to the ``**Tags**:`` footer line when
  the draft has one, so that the two still agree.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from blog_lsp.checks.blocks import section_blocks
from blog_lsp.checks.structure import RELATED_LABEL, related_line, tags_line
from blog_lsp.findings import Edit, Fix, InsertLines
from blog_lsp.text import Position, Range

if TYPE_CHECKING:
    from blog_lsp.relevance.engine import RelatedNote, SuggestedTag
    from blog_lsp.vault.model import Note
    from blog_lsp.vault.vault import Vault

RELATED_TO_ADD = 3
# The guide gives no most tags a draft may carry (its examples have five or six): a few at a
# time, for the writer to judge.
TAGS_TO_ADD = 3
SEPARATOR = " | "
RELATED_TITLE = "Add related notes"
TAGS_TITLE = "Add suggested tags"
# Markdown's hard line break: the template ends the Related line with it, so that the Tags
# line shows on a line of its own.
HARD_BREAK = "  "


def linked_paths(vault: Vault, note: Note) -> set[str]:
    """The notes (and files) the note's links lead to."""
    found = set()
    for link in note.links:
        path = vault.resolve(link.target, note.path).path if link.target else None
        if path is not None:
            found.add(path)
    return found


def notes_to_link(
    vault: Vault, note: Note, related: Sequence[RelatedNote], count: int = RELATED_TO_ADD
) -> list[RelatedNote]:
    """The first ``count`` of ``related`` (best first) that the note does not link yet and
    that a wiki-link can name."""
    linked = linked_paths(vault, note)
    chosen = []
    for found in related:
        if found.path in linked or found.path == note.path:
            continue
        if not found.target or any(mark in found.target for mark in ("|", "[", "]", "\n")):
            continue
        chosen.append(found)
        if len(chosen) == count:
            break
    return chosen


def related_footer_fix(
    vault: Vault, note: Note, related: Sequence[RelatedNote], count: int = RELATED_TO_ADD
) -> Fix | None:
    """The fix that links the best ``count`` related notes not linked yet from the Related
    footer (see the module's notes); None when there are none, or the note has no text."""
    if note.text is None or note.lines is None:
        return None
    chosen = notes_to_link(vault, note, related, count)
    if not chosen:
        return None
    links = SEPARATOR.join(f"[[{found.target}]]" for found in chosen)
    title = f"{RELATED_TITLE}: " + ", ".join(found.target for found in chosen)
    return Fix(title, (_footer_change(note, links),))


def _footer_change(note: Note, links: str) -> Edit | InsertLines:
    text, lines = note.text, note.lines
    assert text is not None and lines is not None
    line = related_line(note)
    if line is not None:
        current = text[lines.line_start(line) : lines.line_end(line)]
        label = RELATED_LABEL.match(current)
        assert label is not None  # the line was found by it
        content_end = len(current.rstrip())
        if content_end > label.end():
            # Extended: what is there stays, the hard break at its end too.
            at = Range.on_line(line, content_end, content_end)
            return Edit(at, SEPARATOR + links)
        trailing = current[label.end() :]
        following = tags_line(note)
        hard_break = HARD_BREAK if trailing.endswith(HARD_BREAK) or following == line + 1 else ""
        return Edit(Range.on_line(line, label.end(), len(current)), f" {links}{hard_break}")
    footer = f"**Related**: {links}"
    tags = tags_line(note)
    if tags is not None:
        return InsertLines(tags, footer + HARD_BREAK)
    rows = [] if _ends_with_blank_line(text) else [""]
    if not _ends_with_break(note):
        # A blank line before '---': right after a paragraph it would make it a heading.
        rows += ["---", ""]
    rows.append(footer)
    newline = "\r\n" if "\r\n" in text else "\n"
    if not text.endswith("\n"):
        return InsertLines(lines.line_count, "\n".join(rows))
    # Before the last line break rather than after it: an editor that holds the final line
    # break apart from the lines (Neovim) would otherwise add an empty line at the end.
    end = lines.position(len(text) - len(newline if text.endswith(newline) else "\n"))
    return Edit(Range(end, end), newline + newline.join(rows))


def _ends_with_blank_line(text: str) -> bool:
    tail = text[len(text.rstrip()) :]
    return not text.strip() or tail.count("\n") >= 2


def _ends_with_break(note: Note) -> bool:
    """Whether the last thing in the note is a '---' (the footer's opening, as the template
    has it), read as Markdown reads it (not a '---' in a code block)."""
    if not note.headings:
        return False
    blocks = section_blocks(note, note.headings[-1])  # from the last heading to the end
    return bool(blocks) and blocks[-1].kind == "break"


# -- suggested tags ----------------------------------------------------------------------


def tags_fix(note: Note, suggested: Sequence[SuggestedTag], count: int = TAGS_TO_ADD) -> Fix | None:
    """The fix that adds the first ``count`` suggestions to the frontmatter's ``tags:`` list
    (and the Tags footer line, when there is one); None when the note has no such list (a
    missing or scalar ``tags:`` has its own findings and fixes) or nothing to add."""
    from blog_lsp.drafting.yaml_text import yaml_scalar

    front = note.frontmatter
    if note.text is None or note.lines is None or front is None or front.error is not None:
        return None
    found = front.fields.get("tags")
    if found is None or not isinstance(found.value, list):
        return None
    present = {str(item).casefold() for item in found.value}
    present.update(tag.name.casefold() for tag in note.tags)
    names = [item.tag for item in suggested if item.tag.casefold() not in present][:count]
    if not names:
        return None
    text, lines = note.text, note.lines
    start, end = lines.offset(found.value_range.start), lines.offset(found.value_range.end)
    source = text[start:end].rstrip()
    changes: list[Edit | InsertLines] = []
    if source.startswith("[") and source.endswith("]"):
        inner = source[1:-1].rstrip()
        at = start + 1 + len(inner)
        items = ", ".join(yaml_scalar(name, flow=True) for name in names)
        if not inner.strip():
            added = items
        elif inner.endswith(","):
            added = " " + items
        else:
            added = ", " + items
        where = lines.position(at)
        changes.append(Edit(Range(where, where), added))
    elif found.items:
        last = found.items[-1][1].start
        row = text[lines.line_start(last.line) : lines.line_end(last.line)]
        prefix = row[: last.character]
        if prefix.strip() != "-":
            return None  # not the simple '- tag' lines this can add to
        rows = [prefix + yaml_scalar(name) for name in names]
        changes.append(InsertLines(last.line + 1, "\n".join(rows)))
    else:
        return None
    footer = tags_line(note)
    if footer is not None:
        row = text[lines.line_start(footer) : lines.line_end(footer)]
        content_end = len(row.rstrip())
        hashes = "".join(f" #{name}" for name in names)
        after = Position(footer, content_end)
        changes.append(Edit(Range(after, after), hashes))
    return Fix(f"{TAGS_TITLE}: " + ", ".join(names), tuple(changes))
