"""The server's composition: every feature from a module named in app.FEATURES, and client
capabilities read once into typed fields."""

from __future__ import annotations

import pytest
from lsprotocol import types
from pytest_lsp import client_capabilities

from blog_lsp.server import app
from blog_lsp.server.features import ClientFeatures
from blog_lsp.server.server import BlogLanguageServer


def _registered(modules: tuple[object, ...]) -> tuple[set[str], set[str]]:
    server = BlogLanguageServer()
    for module in modules:
        module.register(server)  # type: ignore[attr-defined]
    features = server.protocol.fm
    return set(features.features), set(features.commands)


def test_each_feature_module_registers_only_its_own_handlers():
    """No module registers another: the handlers of all equal the union of each alone."""
    methods, commands = _registered(app.FEATURES)
    union_methods: set[str] = set()
    union_commands: set[str] = set()
    for module in app.FEATURES:
        alone_methods, alone_commands = _registered((module,))
        assert alone_methods or alone_commands, f"{module.__name__} registers nothing"
        assert not alone_methods & union_methods, f"{module.__name__} registers a method twice"
        union_methods |= alone_methods
        union_commands |= alone_commands
    assert (methods, commands) == (union_methods, union_commands)
    assert {
        types.TEXT_DOCUMENT_RENAME,
        types.WORKSPACE_SYMBOL,
        types.TEXT_DOCUMENT_HOVER,
    } <= methods
    assert "blog-lsp.status" in commands


def test_nothing_is_supported_before_initialize():
    plain = ClientFeatures()
    assert not plain.snippets and not plain.document_changes
    assert not plain.file_operation(types.ResourceOperationKind.Create)


@pytest.mark.parametrize(("profile", "watches"), [("visual_studio_code", True), ("neovim", False)])
def test_features_of_the_editors_profiles(profile, watches):
    features = ClientFeatures.of(client_capabilities(profile))
    assert features.watched_files_registration is watches
    assert features.snippets and features.work_done_progress and features.configuration
    assert features.file_operation(types.ResourceOperationKind.Rename)


def test_resource_operations_without_the_document_changes_flag_still_allow_them():
    """Neovim 0.11 lists resource operations without setting documentChanges."""
    capabilities = types.ClientCapabilities(
        workspace=types.WorkspaceClientCapabilities(
            workspace_edit=types.WorkspaceEditClientCapabilities(
                resource_operations=[types.ResourceOperationKind.Create]
            )
        )
    )
    features = ClientFeatures.of(capabilities)
    assert features.document_changes
    assert features.file_operation(types.ResourceOperationKind.Create)
    assert not features.file_operation(types.ResourceOperationKind.Delete)


def test_a_client_that_says_nothing_gets_the_plainest_protocol():
    features = ClientFeatures.of(types.ClientCapabilities())
    assert features == ClientFeatures()
