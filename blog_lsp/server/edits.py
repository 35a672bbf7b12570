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


@dataclass(frozen=True)
class _TextEdit:
    uri: str
    edit: types.TextEdit


# (kind, what): "edit" and a text edit, or "create"/"rename" and the file operation.
_Step = tuple[str, _TextEdit | types.CreateFile | types.RenameFile]


@dataclass
class EditBuilder:
    ls: BlogLanguageServer
    # In order: file operations and text edits keep the order they were added in.
    _steps: list[_Step] = field(default_factory=list)

    def replace(self, uri: str, where: types.Range, new_text: str) -> EditBuilder:
        """Replace a range (already in the client's units) of a document."""
        self._steps.append(("edit", _TextEdit(uri, types.TextEdit(range=where, new_text=new_text))))
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
        for _, step in self._steps:
            if isinstance(step, _TextEdit):
                changes.setdefault(step.uri, []).append(step.edit)
        return types.WorkspaceEdit(changes=changes)

    def _document_changes(
        self,
    ) -> list[types.TextDocumentEdit | types.CreateFile | types.RenameFile | types.DeleteFile]:
        result: list[
            types.TextDocumentEdit | types.CreateFile | types.RenameFile | types.DeleteFile
        ] = []
        grouped: dict[str, list[types.TextEdit]] = {}  # the edits of each document's group
        for _, step in self._steps:
            if not isinstance(step, _TextEdit):
                result.append(step)
                grouped.clear()  # edits after a file operation go in a new group
                continue
            uri, edit = step.uri, step.edit
            edits = grouped.get(uri)
            if edits is None:
                document = self.ls.open_document(uri)
                version = document.version if document is not None else None
                edits = grouped[uri] = []
                result.append(
                    types.TextDocumentEdit(
                        text_document=types.OptionalVersionedTextDocumentIdentifier(
                            uri=uri, version=version
                        ),
                        edits=edits,  # the same list: the group's later edits join it
                    )
                )
            edits.append(edit)
        return result
