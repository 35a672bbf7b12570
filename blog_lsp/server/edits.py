"""Workspace edits, built once for every client: ``documentChanges`` (with document versions
and file operations) when the client supports them, plain ``changes`` otherwise."""

from __future__ import annotations

from dataclasses import dataclass, field

from lsprotocol import types

from blog_lsp.server.server import BlogLanguageServer

_OPERATIONS = {
    "create": types.ResourceOperationKind.Create,
    "rename": types.ResourceOperationKind.Rename,
}


class EditNotSupportedError(Exception):
    """The edit needs a file operation (create, rename) that the client cannot apply."""


@dataclass
class EditBuilder:
    ls: BlogLanguageServer
    # In order: file operations and text edits keep the order they were added in.
    _steps: list[tuple[str, object]] = field(default_factory=list)

    def replace(self, uri: str, where: types.Range, new_text: str) -> EditBuilder:
        """Replace a range (already in the client's units) of a document."""
        self._steps.append(("edit", (uri, types.TextEdit(range=where, new_text=new_text))))
        return self

    def insert(self, uri: str, at: types.Position, new_text: str) -> EditBuilder:
        return self.replace(uri, types.Range(at, at), new_text)

    def create_file(self, uri: str) -> EditBuilder:
        """Create a file; fails (in the client) if it exists: never overwrite."""
        options = types.CreateFileOptions(overwrite=False, ignore_if_exists=False)
        self._steps.append(("create", types.CreateFile(uri=uri, options=options)))
        return self

    def rename_file(self, old_uri: str, new_uri: str) -> EditBuilder:
        options = types.RenameFileOptions(overwrite=False, ignore_if_exists=False)
        self._steps.append(
            ("rename", types.RenameFile(old_uri=old_uri, new_uri=new_uri, options=options))
        )
        return self

    @property
    def empty(self) -> bool:
        return not self._steps

    def build(self) -> types.WorkspaceEdit:
        for kind, _ in self._steps:
            if kind != "edit" and not self.ls.supports_file_operation(_OPERATIONS[kind]):
                raise EditNotSupportedError(f"the client cannot {kind} files in an edit")
        if self.ls.supports_document_changes:
            return types.WorkspaceEdit(document_changes=self._document_changes())
        changes: dict[str, list[types.TextEdit]] = {}
        for _, (uri, edit) in self._steps:  # type: ignore[misc]
            changes.setdefault(uri, []).append(edit)
        return types.WorkspaceEdit(changes=changes)

    def _document_changes(self) -> list[object]:
        result: list[object] = []
        grouped: dict[str, types.TextDocumentEdit] = {}
        for kind, step in self._steps:
            if kind != "edit":
                result.append(step)
                grouped.clear()  # edits after a file operation go in a new group
                continue
            uri, edit = step  # type: ignore[misc]
            group = grouped.get(uri)
            if group is None:
                document = self.ls.open_document(uri)
                version = document.version if document is not None else None
                group = types.TextDocumentEdit(
                    text_document=types.OptionalVersionedTextDocumentIdentifier(
                        uri=uri, version=version
                    ),
                    edits=[],
                )
                grouped[uri] = group
                result.append(group)
            group.edits.append(edit)  # type: ignore[attr-defined]
        return result
