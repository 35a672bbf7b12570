"""What the client can do, read once from its capabilities at ``initialize``.

Each feature module asks a typed field (``ls.client.snippets``) instead of walking the
capabilities by a dotted string, where a typo would silently read as "not supported".
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lsprotocol import types


@dataclass(frozen=True)
class ClientFeatures:
    """The client's capabilities that change what the server sends. Before ``initialize``
    (and for a client that says nothing) every field is False: the plainest protocol."""

    work_done_progress: bool = False
    configuration: bool = False  # workspace/configuration requests
    watched_files_registration: bool = False  # it watches files for the server
    show_document: bool = False  # window/showDocument
    snippets: bool = False  # completion items with snippets
    definition_links: bool = False  # LocationLink answers to definition
    document_link_tooltips: bool = False
    hierarchical_symbols: bool = False
    document_changes: bool = False  # workspace edits as documentChanges
    resource_operations: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def of(cls, capabilities: types.ClientCapabilities) -> ClientFeatures:
        workspace = capabilities.workspace
        text = capabilities.text_document
        window = capabilities.window
        edit = workspace.workspace_edit if workspace else None
        watched = workspace.did_change_watched_files if workspace else None
        completion = text.completion if text else None
        item = completion.completion_item if completion else None
        definition = text.definition if text else None
        links = text.document_link if text else None
        symbols = text.document_symbol if text else None
        show = window.show_document if window else None
        # Kinds are str enums: each equals (and hashes as) its value, "create", "rename"...
        operations: frozenset[str] = frozenset((edit.resource_operations or ()) if edit else ())
        return cls(
            work_done_progress=bool(window and window.work_done_progress),
            configuration=bool(workspace and workspace.configuration),
            watched_files_registration=bool(watched and watched.dynamic_registration),
            show_document=bool(show and show.support),
            snippets=bool(item and item.snippet_support),
            definition_links=bool(definition and definition.link_support),
            document_link_tooltips=bool(links and links.tooltip_support),
            hierarchical_symbols=bool(symbols and symbols.hierarchical_document_symbol_support),
            # A client that lists resource operations takes them: they exist only inside
            # documentChanges. Neovim 0.11 lists them without setting the documentChanges flag,
            # and applies such edits.
            document_changes=bool(edit and edit.document_changes) or bool(operations),
            resource_operations=operations,
        )

    def file_operation(self, kind: types.ResourceOperationKind) -> bool:
        """Whether an edit may create (or rename, delete) a file."""
        return self.document_changes and kind in self.resource_operations
