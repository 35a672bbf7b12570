"""Write the README's settings and rules tables from the one schema and the rule catalogue.

python tools/update_readme.py          # rewrite README.md in place
python tools/update_readme.py --check  # exit 1 when README.md is out of date (a test runs this)
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from blog_lsp.rules import RULES  # noqa: E402
from blog_lsp.settings import schema  # noqa: E402

README = REPO / "README.md"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _default(value: object) -> str:
    if isinstance(value, list) and len(value) > 6:
        shown = ", ".join(json.dumps(item) for item in value[:5])
        return f"`[{shown}, …]` ({len(value)} items)"
    return f"`{json.dumps(value, ensure_ascii=False)}`"


def settings_table() -> str:
    rows = [
        "| `.blog-lsp.toml` key | editor setting | default | what it does |",
        "| --- | --- | --- | --- |",
    ]
    for row in schema():
        description = row["description"]
        if "choices" in row:
            description += " One of: " + ", ".join(f"`{c}`" for c in row["choices"]) + "."
        rows.append(
            f"| `{row['key']}` | `{row['editorKey']}` | {_cell(_default(row['default']))} "
            f"| {_cell(description)} |"
        )
    return "\n".join(rows)


def rules_table() -> str:
    rows = ["| code | default severity | applies to | what it means |", "| --- | --- | --- | --- |"]
    for rule in RULES.values():
        scope = {"drafts": "drafts", "notes": "every note", "vault": "the vault"}[rule.scope]
        rows.append(f"| `{rule.code}` | {rule.severity.label} | {scope} | {_cell(rule.summary)} |")
    return "\n".join(rows)


SECTIONS = {"settings": settings_table, "rules": rules_table}


def render(text: str) -> str:
    for name, build in SECTIONS.items():
        pattern = re.compile(
            rf"(<!-- begin generated {name} -->\n)(?:.*?\n)?(<!-- end generated {name} -->)", re.S
        )
        if not pattern.search(text):
            raise SystemExit(f"README.md has no generated {name} markers")
        text = pattern.sub(lambda m, b=build: m.group(1) + b() + "\n" + m.group(2), text)
    return text


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    current = README.read_text(encoding="utf-8")
    wanted = render(current)
    if args.check:
        if current != wanted:
            print("README.md is out of date: run python tools/update_readme.py", file=sys.stderr)
            return 1
        return 0
    README.write_text(wanted, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
