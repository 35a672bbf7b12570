"""Apply a WorkspaceEdit to files on disk, as an editor would: used by the test client."""

from __future__ import annotations

from pathlib import Path

from lsprotocol import types
from pygls.uris import to_fs_path

from blog_lsp.server.positions import PositionConverter
from blog_lsp.text import LineIndex


def apply_text_edits(text: str, edits: list[types.TextEdit], encoding: str) -> str:
    converter = PositionConverter(encoding)
    lines = LineIndex(text)
    spans = [
        (
            converter.offset_from_client(text, lines, edit.range.start),
            converter.offset_from_client(text, lines, edit.range.end),
            edit.new_text,
        )
        for edit in edits
    ]
    for start, end, new_text in sorted(spans, key=lambda span: span[:2], reverse=True):
        text = text[:start] + new_text + text[end:]
    return text


def _path(uri: str) -> Path:
    path = to_fs_path(uri)
    assert path is not None, uri
    return Path(path)


def apply_workspace_edit(edit: types.WorkspaceEdit, encoding: str) -> None:
    for uri, edits in (edit.changes or {}).items():
        path = _path(uri)
        path.write_text(
            apply_text_edits(path.read_text(encoding="utf-8"), list(edits), encoding),
            encoding="utf-8",
        )
    for change in edit.document_changes or []:
        if isinstance(change, types.CreateFile):
            path = _path(change.uri)
            if path.exists() and not (change.options and change.options.overwrite):
                raise FileExistsError(path)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text("", encoding="utf-8")
        elif isinstance(change, types.RenameFile):
            old, new = _path(change.old_uri), _path(change.new_uri)
            if new.exists() and not (change.options and change.options.overwrite):
                raise FileExistsError(new)
            old.rename(new)
        elif isinstance(change, types.DeleteFile):
            _path(change.uri).unlink()
        else:
            path = _path(change.text_document.uri)
            path.write_text(
                apply_text_edits(path.read_text(encoding="utf-8"), list(change.edits), encoding),
                encoding="utf-8",
            )
