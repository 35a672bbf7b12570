"""VarCon, read as an oracle for the spelling tests; the project never ships it.

VarCon (``../shared/data/varcon/varcon.txt`` beside the repository) maps American (A), British
-ise (B) and British Oxford (Z) spellings. Tests that use it skip when the file is absent, as in
a user's clone.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pytest

VARCON = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "varcon" / "varcon.txt"


@dataclass
class VarCon:
    pairs: dict[str, str] = field(default_factory=dict)
    """Preferred American spelling -> preferred British (-ise) spelling, where they differ."""
    british: set[str] = field(default_factory=set)
    """Words tagged B (or B.) in some sense."""
    rare_british: set[str] = field(default_factory=set)
    """Words tagged B only in senses VarCon marks rare or archaic "(-)": gray (the unit)."""
    oxford: set[str] = field(default_factory=set)
    level: dict[str, int] = field(default_factory=dict)


def _entries(path: Path) -> Iterator[tuple[list[tuple[list[str], str]], str, int]]:
    level = 100
    for raw in path.read_text(encoding="iso-8859-1").splitlines():
        if raw.startswith("# ") and "(level " in raw:
            level = int(raw.rsplit("(level ", 1)[1].split(")")[0])
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        body, _, note = line.partition("|")
        entry = []
        for part in body.split(" / "):
            tags, _, word = part.partition(":")
            entry.append((tags.split(), word.strip()))
        yield entry, note.strip(), level


def _has(tags: list[str], category: str) -> bool:
    return category in tags or f"{category}." in tags


@cache
def _load() -> VarCon:
    data = VarCon()
    for entry, note, level in _entries(VARCON):
        rare = note.startswith("(-)")
        british = [word for tags, word in entry if _has(tags, "B")]
        for tags, word in entry:
            data.level.setdefault(word, level)
            if _has(tags, "B"):
                (data.rare_british if rare else data.british).add(word)
            if _has(tags, "Z"):
                data.oxford.add(word)
        if len(british) != 1:
            continue
        for tags, word in entry:
            if "A" in tags and word != british[0]:
                data.pairs.setdefault(word, british[0])
    return data


def load_varcon_or_skip() -> VarCon:
    """VarCon, read once per process; the calling test is skipped when it is absent."""
    if not VARCON.is_file():
        pytest.skip("VarCon is not beside the repository (../shared/data/varcon/varcon.txt)")
    return _load()
