"""Apply a WorkspaceEdit to files on disk, as an editor would: used by the test client."""

from __future__ import annotations

from pathlib import Path

from lsp_spec import offset_at
from lsprotocol import types
from pygls.uris import to_fs_path


def apply_text_edits(text: str, edits: list[types.TextEdit], encoding: str) -> str:
    """The text after the edits, by the specification's model (not the server's code: the
    client must not share the server's mistakes)."""
    spans = [
        (
            offset_at(text, edit.range.start.line, edit.range.start.character, encoding),
            offset_at(text, edit.range.end.line, edit.range.end.character, encoding),
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
