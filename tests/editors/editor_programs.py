"""Finding the real editors the editor tests drive."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path


def find_program(name: str) -> str | None:
    """A program from this Python's environment (where the test extra installs it, even when
    the environment is not activated) or from PATH."""
    search = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
    return shutil.which(name, path=search)


def find_nvim() -> str | None:
    """A Neovim 0.11+ (`vim.lsp.config` needs it), or None."""
    nvim = find_program("nvim")
    if nvim is None:
        return None
    try:
        version = subprocess.run(
            [nvim, "--version"], capture_output=True, text=True, timeout=30, check=True
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    found = re.match(r"NVIM v(\d+)\.(\d+)", version)
    return nvim if found and (int(found[1]), int(found[2])) >= (0, 11) else None
