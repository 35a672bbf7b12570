"""The VS Code extension's settings are generated from the one schema and are up to date."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from blog_lsp import __version__
from blog_lsp.settings import schema

REPO = Path(__file__).resolve().parents[2]
EXTENSION = REPO / "editors" / "vscode"


def test_generated_settings_are_up_to_date():
    result = subprocess.run(
        [sys.executable, str(REPO / "tools" / "vscode_settings.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


def test_every_server_setting_is_contributed_with_its_default():
    package = json.loads((EXTENSION / "package.json").read_text(encoding="utf-8"))
    (entry,) = [e for e in package["contributes"]["configuration"] if e.get("id") == "blogLsp"]
    properties = entry["properties"]
    assert list(properties) == [row["editorKey"] for row in schema()]
    for row in schema():
        assert properties[row["editorKey"]]["default"] == row["default"]
        assert properties[row["editorKey"]]["description"] == row["description"]


def test_the_extension_has_the_python_package_version():
    package = json.loads((EXTENSION / "package.json").read_text(encoding="utf-8"))
    # `npm run package` names the file blog-lsp-<version>.vsix.
    assert (package["name"], package["version"]) == ("blog-lsp", __version__)
