"""What the commands that work on one note (`related`, `tags`, `status`) share: the note
named on the command line, read in its vault, or a clear message why not."""

from __future__ import annotations

import argparse
import logging
import sys
from dataclasses import dataclass
from pathlib import Path

from blog_lsp.vault.model import NOTE_SUFFIX, Note
from blog_lsp.vault.vault import Vault

log = logging.getLogger("blog_lsp")


@dataclass(frozen=True)
class NoteOnCommandLine:
    vault: Vault  # scanned: links and other notes count
    relative: str
    note: Note  # the full parse
    text: str


def note_from_command_line(
    path: Path, command: str, parser: argparse.ArgumentParser, *, config_file: Path | None = None
) -> NoteOnCommandLine | None:
    """The note at ``path``, in its scanned vault; None after saying on standard error why it
    cannot be used. A path that is not a note is a usage error (exits through ``parser``)."""
    if not path.exists():
        parser.error(f"no such note: {path}")
    if not path.is_file() or not path.name.lower().endswith(NOTE_SUFFIX):
        parser.error(f"{command} needs a Markdown note (a .md file), not {str(path)!r}")
    vault = Vault.open(path, config_file=config_file)
    for problem in vault.setting_problems:
        log.warning("%s: %s", problem.source, problem.message)
    relative = vault.relative(path)
    if not vault.accepts(relative):
        sys.stderr.write(
            f"blog-lsp: {relative} is not indexed (a hidden folder, or an ignored path).\n"
        )
        return None
    result = vault.read(relative)
    note = vault.load(relative, result.text) if result.text is not None else vault.load(relative)
    if note.problem is not None or result.text is None:
        why = note.problem[1] if note.problem is not None else "it cannot be read as a note"
        sys.stderr.write(f"blog-lsp: {relative}: {why}\n")
        return None
    return NoteOnCommandLine(vault, relative, note, result.text)
