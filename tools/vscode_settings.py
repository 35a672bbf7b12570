"""Write the VS Code extension's server settings from the one schema.

python tools/vscode_settings.py          # rewrite the files below in place
python tools/vscode_settings.py --check  # exit 1 when they are out of date (a test runs this)

Two files in editors/vscode/:

- ``settings-schema.json``: the schema as data (``blog_lsp.settings.schema()`` and the rule
  codes), which the extension's own unit tests compare with package.json;
- ``package.json``: the ``contributes.configuration`` entry with ``"id": "blogLsp"`` (every
  server setting, with its type, default, description, allowed values and bounds) and the
  version, which is the Python package's. The extension's own settings (``blogLsp.server.*``,
  ``blogLsp.trace.server``) live in another entry, kept by hand.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from blog_lsp import __version__  # noqa: E402
from blog_lsp.rules import RULES  # noqa: E402
from blog_lsp.settings import EDITOR_SECTION, schema  # noqa: E402

EXTENSION = REPO / "editors" / "vscode"
PACKAGE_JSON = EXTENSION / "package.json"
SCHEMA_JSON = EXTENSION / "settings-schema.json"
SERVER_ENTRY_ID = EDITOR_SECTION
SERVER_ENTRY_TITLE = "Blog LSP"


def dump(data: Any) -> str:
    """JSON as npm writes package.json (two spaces, a final newline), so the two agree."""
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def schema_data() -> dict[str, Any]:
    return {
        "section": EDITOR_SECTION,
        "settings": schema(),
        "rules": {code: rule.summary for code, rule in RULES.items()},
    }


def _rules_property(row: dict[str, Any]) -> dict[str, Any]:
    """``blogLsp.rules``: one optional key per rule code, so settings.json completes them."""
    severities = row["value_choices"]
    return {
        "properties": {
            code: {
                "type": "string",
                "enum": severities,
                "description": f"{rule.summary} Default: {rule.severity.label}.",
            }
            for code, rule in RULES.items()
        },
        "additionalProperties": False,
    }


def setting_property(row: dict[str, Any], order: int) -> dict[str, Any]:
    """One row of the schema as a VS Code configuration property."""
    prop: dict[str, Any] = {
        "type": row["type"],
        "default": row["default"],
        "description": row["description"],
        # VS Code sorts settings by name unless told otherwise: keep the schema's order.
        "order": order,
    }
    if "choices" in row:
        prop["enum"] = row["choices"]
    for bound in ("minimum", "maximum"):
        if bound in row:
            prop[bound] = row[bound]
    if row["type"] == "array":
        prop["items"] = {"type": "string"}
    if "value_choices" in row:
        prop.update(_rules_property(row))
    return prop


def server_entry() -> dict[str, Any]:
    return {
        "id": SERVER_ENTRY_ID,
        "title": SERVER_ENTRY_TITLE,
        "order": 0,
        "properties": {
            row["editorKey"]: setting_property(row, order) for order, row in enumerate(schema())
        },
    }


def render_package(package: dict[str, Any]) -> dict[str, Any]:
    """package.json with the server settings entry and the version brought up to date."""
    package = {**package, "version": __version__}
    contributes = package.setdefault("contributes", {})
    entries = contributes.get("configuration", [])
    if isinstance(entries, dict):
        entries = [entries]
    entry = server_entry()
    for index, existing in enumerate(entries):
        if existing.get("id") == SERVER_ENTRY_ID:
            entries[index] = entry
            break
    else:
        entries.insert(0, entry)
    contributes["configuration"] = entries
    return package


def wanted_files() -> dict[Path, str]:
    package = json.loads(PACKAGE_JSON.read_text(encoding="utf-8"))
    return {PACKAGE_JSON: dump(render_package(package)), SCHEMA_JSON: dump(schema_data())}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when a file is out of date")
    args = parser.parse_args()
    stale = []
    for path, text in wanted_files().items():
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current == text:
            continue
        stale.append(path.relative_to(REPO).as_posix())
        if not args.check:
            path.write_text(text, encoding="utf-8")
    if args.check and stale:
        print(
            f"{', '.join(stale)} out of date: run python tools/vscode_settings.py",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
