"""Blog drafts for the tests of the draft rules: two good ones, a vault that the tests write
notes into, and :func:`run`, which runs every draft check on a note."""

from __future__ import annotations

import time
from pathlib import Path

from blog_lsp.checks import CheckContext
from blog_lsp.checks.framework import draft_checks
from blog_lsp.findings import Edit, Finding, InsertLines, RenameNote
from blog_lsp.rules import RULES
from blog_lsp.settings import Settings
from blog_lsp.vault.parse import parse_note
from blog_lsp.vault.vault import Vault

TUTORIAL_PATH = "Tweets/Serving LLMs with vLLM.md"
TUTORIAL = """\
---
type: Blog
title: Serving LLMs with vLLM
date: '2025-11-03'
tags: [blog, LLM, inference, tutorial]
description: Learn how to serve large language models fast with vLLM and paged attention.
status: draft
---

# Serving LLMs with vLLM

## Introduction

Serving a large model is mostly a memory problem. A single request can hold gigabytes of
key-value cache, and a naive server wastes most of it.

In this guide we look at what vLLM changes, and how to run it for your own models.

## What vLLM Does

vLLM is an inference engine that keeps many requests on one GPU whilst wasting little memory.

## Paged Attention

The cache is split into fixed-size blocks, much like pages in an operating system:

```python
# A heading-like comment that is not a heading
from vllm import LLM, SamplingParams

llm = LLM(model="mistralai/Mistral-7B-v0.1")
print(llm.generate(["Hello"], SamplingParams(max_tokens=16)))
```

## Batching in Practice

- **Continuous batching**: new requests join a running batch
- **Prefix caching**: shared prompts are computed once

## Conclusion

vLLM makes a single GPU go much further:

- paged attention keeps the cache small
- continuous batching keeps the GPU busy
- prefix caching computes a shared prompt once

Start with the defaults, then measure.

---

**Related**: [[Learning LLMs]] | [[Inference Optimisation]]
**Tags**: #LLM #inference #tutorial
"""

EXPLAINER_PATH = "Tweets/Understanding Mixture of Experts.md"
EXPLAINER = """\
---
type: Blog
title: Understanding Mixture of Experts
date: "2025-10-20"
tags:
  - blog
  - ML
  - explanation
description: Discover how mixture-of-experts models route each token to a few specialised networks.
status: review
---

# Understanding Mixture of Experts

## Introduction

A model with a trillion parameters that runs like one with a fraction of that sounds like a
trick. Mixture of experts is how it is done.

## The Core Idea

Each layer holds several feed-forward networks, the experts, and a small router.

## Routing Tokens

```text
scores = softmax(router(x))
## not a heading: inside code
```

## Load Balancing

An auxiliary loss keeps the router from favouring one expert.

## Conclusion

Experts trade memory for speed. What to remember:

1. each token visits only a few experts
2. the router is trained with the rest of the model
3. a balancing loss keeps every expert in use

Read the papers next.

---

Related: [[Transformers]]
"""


class Drafting:
    """A vault that the tests write notes into (each write makes a new vault, as the server
    does), and the check context of its latest state."""

    def __init__(self, vault: Vault) -> None:
        self.vault = vault

    def set_note(self, path: str, text: str) -> None:
        self.vault = self.vault.with_text(path, text)

    def remove_note(self, path: str) -> None:
        self.vault = self.vault.without(path)

    @property
    def checks(self) -> CheckContext:
        return CheckContext(self.vault)


def make_context(tmp_path: Path, settings: Settings | None = None) -> Drafting:
    return Drafting(Vault(tmp_path, settings or Settings()))


def run(context: Drafting, path: str, text: str, code: str | None = None) -> list[Finding]:
    """Index the note in the vault, parse it fully, and run every draft check on it."""
    context.set_note(path, text)
    note = parse_note(path, text)
    checks = context.checks
    found = [item for check in draft_checks() for item in check(note, checks)]
    for item in found:
        assert item.code in RULES, item.code
        assert item.severity == RULES[item.code].severity
    return [item for item in found if code is None or item.code == code]


def draft(**changes: str | None) -> str:
    """The tutorial draft with frontmatter lines replaced (value None drops the line)."""
    lines = TUTORIAL.splitlines(keepends=True)
    for key, value in changes.items():
        index = next(i for i, line in enumerate(lines[:9]) if line.startswith(f"{key}:"))
        lines[index] = "" if value is None else f"{key}: {value}\n"
    return "".join(lines)


def body(text: str) -> str:
    """The tutorial's frontmatter with another body."""
    end = TUTORIAL.index("---\n", 4) + 4
    return TUTORIAL[:end] + text


def best_time(function, repeats: int = 5) -> float:
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - started)
    return best


def _changes(item: Finding, kind: type) -> list:
    return [change for fix in item.fixes for change in fix.edits if isinstance(change, kind)]


def inserted(item: Finding) -> InsertLines:
    """The lines a finding's fix inserts (it has one such fix)."""
    (change,) = _changes(item, InsertLines)
    return change


def suggested(item: Finding) -> str:
    """The text a finding's one replacing fix writes."""
    (change,) = _changes(item, Edit)
    return change.new_text


def renamed(item: Finding) -> RenameNote:
    """The rename a finding's fix suggests (it has one)."""
    (change,) = _changes(item, RenameNote)
    return change
