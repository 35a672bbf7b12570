"""The fixture of the draft rules' tests: a vault to write drafts into."""

from __future__ import annotations

from pathlib import Path

import pytest
from draft_notes import Drafting, make_context


@pytest.fixture
def context(tmp_path: Path) -> Drafting:
    return make_context(tmp_path)
