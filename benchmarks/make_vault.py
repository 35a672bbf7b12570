"""Generate a synthetic Obsidian vault for benchmarks: notes with frontmatter, headings, links,
tags, code blocks and block ids, plus one long blog draft.

    python benchmarks/make_vault.py OUT_DIR --notes 10000 --draft-words 5000

Deterministic for a given seed, so numbers from different runs compare.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

WORDS = (
    "model training data attention layer token embedding gradient loss batch inference "
    "memory cache weight parameter transformer encoder decoder sequence context window "
    "retrieval query key value head projection optimiser schedule warmup checkpoint "
    "evaluation benchmark latency throughput kernel tensor matrix vector shard pipeline "
    "the a of to and in is that for on with as by this we it are be from at can which"
).split()
AMERICAN = "optimize color behavior center modeling analyze labeled toward gray normalize".split()
FOLDERS = ("Notes", "Notes/ML", "Notes/Systems", "Books", "Projects", "Daily", "Archive")
TAGS = ("ML", "LLM", "transformers", "RAG", "inference", "training", "systems", "ml/deep")


def sentence(rng: random.Random, words: int) -> str:
    chosen = [rng.choice(WORDS) for _ in range(words)]
    if rng.random() < 0.1:
        chosen[rng.randrange(words)] = rng.choice(AMERICAN)
    return " ".join(chosen).capitalize() + "."


def note_text(rng: random.Random, index: int, names: list[str]) -> str:
    tags = rng.sample(TAGS, 2)
    lines = [
        "---",
        f"title: Note {index}",
        f"tags: [{', '.join(tags)}]",
        f"aliases: [Alias {index}]",
        "---",
        "",
        f"# Note {index}",
        "",
    ]
    for section in range(rng.randint(2, 4)):
        lines += [f"## Section {section}", ""]
        for _ in range(rng.randint(1, 3)):
            link = f"[[{rng.choice(names)}]]" if rng.random() < 0.5 else ""
            tag = f" #{rng.choice(TAGS)}" if rng.random() < 0.3 else ""
            lines += [f"{sentence(rng, rng.randint(8, 20))} {link}{tag}", ""]
        if rng.random() < 0.3:
            lines += ["```python", "x = model(batch)  # #notatag [[NotALink]]", "```", ""]
    lines.append(f"Closing line. ^block-{index}")
    return "\n".join(lines) + "\n"


def draft_text(rng: random.Random, words: int, names: list[str]) -> str:
    head = [
        "---",
        "type: Blog",
        "title: A Long Draft About Training Large Models",
        "date: '2025-11-01'",
        "tags: [blog, ML, LLM]",
        "description: Learn how large models are trained, from data pipelines to checkpoints, "
        "with practical examples and measurements.",
        "status: draft",
        "---",
        "",
        "# A Long Draft About Training Large Models",
        "",
        "## Introduction",
        "",
    ]
    body: list[str] = []
    written = 0
    sections = ["Data Pipelines", "Training Loops", "Checkpoints"]
    per_section = words // (len(sections) + 2)
    for title in ["", *sections, "Conclusion"]:
        if title:
            body += [f"## {title}", ""]
        count = 0
        while count < per_section:
            length = rng.randint(10, 25)
            link = f" See [[{rng.choice(names)}]]." if rng.random() < 0.1 else ""
            body += [sentence(rng, length) + link, ""]
            count += length
        written += count
        if title == "Training Loops":
            body += ["```python", "for batch in loader:", "    loss = step(batch)", "```", ""]
    footer = ["---", "", f"**Related**: [[{names[0]}]] | [[{names[1]}]]", ""]
    return "\n".join(head + body + footer)


def spread(values: list[float], unit: str, scale: float = 1.0) -> str:
    """'min …, median …, max …' of repeated measurements: how noisy the machine was."""
    values = [v * scale for v in values]
    return (
        f"min {min(values):.2f} {unit}, median {statistics.median(values):.2f} {unit}, "
        f"max {max(values):.2f} {unit}"
    )


def vault_arguments(parser: argparse.ArgumentParser) -> None:
    """The options every benchmark takes: the vault's size, the runs, a vault to reuse."""
    parser.add_argument("--notes", type=int, default=10_000)
    parser.add_argument("--draft-words", type=int, default=5_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--vault", type=Path, help="reuse a generated vault")


def fresh_runs(
    script: str, root: Path, runs: int, env: Mapping[str, str] | None = None
) -> list[dict[str, Any]]:
    """Run a script in a fresh interpreter ``runs`` times (no Python-level cache can help)
    with the vault's path as its argument, and ``env`` added to the environment; each run
    prints one JSON object."""
    results = []
    for _ in range(runs):
        output = subprocess.run(
            [sys.executable, "-c", script, str(root)],
            check=True,
            capture_output=True,
            text=True,
            env={**os.environ, **env} if env else None,
        ).stdout
        results.append(json.loads(output))
    return results


def make_vault(out: Path, notes: int, draft_words: int, seed: int = 7) -> Path:
    rng = random.Random(seed)
    (out / ".obsidian").mkdir(parents=True, exist_ok=True)
    names = [f"Note {i}" for i in range(notes)]
    for index in range(notes):
        folder = out / FOLDERS[index % len(FOLDERS)]
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"Note {index}.md").write_text(note_text(rng, index, names), encoding="utf-8")
    drafts = out / "Tweets"
    drafts.mkdir(exist_ok=True)
    draft = drafts / "A Long Draft About Training Large Models.md"
    draft.write_text(draft_text(rng, draft_words, names), encoding="utf-8")
    return draft


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--notes", type=int, default=10_000)
    parser.add_argument("--draft-words", type=int, default=5_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    make_vault(args.out, args.notes, args.draft_words, args.seed)


if __name__ == "__main__":
    main()
