"""The README's pictures of Neovim, taken from a real Neovim 0.11 on a copy of the example vault.

    python tools/neovim_pictures.py [--out docs/images]

Neovim runs in a tmux window (120x26), configured as the README says (the plugin on the
runtimepath, ``vim.lsp.enable('blog_lsp')``, the suggested diagnostics and completion set-up)
with the ``blog-lsp`` of this Python's environment. The script types what a writer types, reads
the screen with ``tmux capture-pane -e`` (text and colours) and draws that screen, cell by cell,
into a PNG with pyte (a terminal emulator) and Pillow: nothing is drawn that Neovim did not
show. Needs tmux, Neovim 0.11+ (``pip install -e '.[test]'``), ``pip install -e '.[pictures]'``
and a monospace font (DejaVu Sans Mono).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyte
from PIL import Image, ImageDraw, ImageFont

REPO = Path(__file__).resolve().parents[1]
SGR = re.compile(r"\x1b\[[0-9;:]*m")
COLUMNS, ROWS = 120, 26
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf")
BOLD_FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf")
FONT_SIZE = 15
# xterm's 16 colours, for screens that use them; 256-colour and true-colour cells carry hex.
NAMED = {
    "black": "000000",
    "red": "cd0000",
    "green": "00cd00",
    "brown": "cdcd00",
    "blue": "0000ee",
    "magenta": "cd00cd",
    "cyan": "00cdcd",
    "white": "e5e5e5",
    "brightblack": "7f7f7f",
    "brightred": "ff0000",
    "brightgreen": "00ff00",
    "brightbrown": "ffff00",
    "brightblue": "5c5cff",
    "brightmagenta": "ff00ff",
    "brightcyan": "00ffff",
    "brightwhite": "ffffff",
}
DEFAULT_FG, DEFAULT_BG = "e0e2ea", "14161b"  # Neovim's default dark scheme

INIT_LUA = """
vim.opt.runtimepath:append({plugin})
vim.o.termguicolors = true
vim.o.signcolumn = 'yes'
vim.o.laststatus = 0
vim.o.wrap = false
vim.o.shortmess = vim.o.shortmess .. 'I'
vim.lsp.enable('blog_lsp')
vim.diagnostic.config({{ virtual_text = true, severity_sort = true }})
vim.api.nvim_create_autocmd('LspAttach', {{
  callback = function(args)
    vim.lsp.completion.enable(true, args.data.client_id, args.buf, {{ autotrigger = true }})
  end,
}})
vim.o.completeopt = 'menuone,noselect,popup'
"""


def tmux(*arguments: str) -> str:
    return subprocess.run(
        ["tmux", "-L", "blog-lsp-pictures", *arguments],
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def wait_for_screen(text: str, seconds: float = 30) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        screen = tmux("capture-pane", "-p", "-e", "-t", "pictures")
        if text in SGR.sub("", screen):
            return screen
        time.sleep(0.3)
    raise SystemExit(f"neovim_pictures: the screen never showed {text!r}:\n{screen}")


def colour(value: str, default: str) -> str:
    if value == "default":
        return default
    return NAMED.get(value, value if len(value) == 6 else default)


def render(captured: str, path: Path) -> None:
    """Draw a `capture-pane -e` screen (text with SGR colours) into a PNG."""
    screen = pyte.Screen(COLUMNS, ROWS)
    stream = pyte.Stream(screen)
    stream.feed(captured.rstrip("\n").replace("\n", "\r\n"))
    regular = ImageFont.truetype(str(FONT), FONT_SIZE)
    bold = ImageFont.truetype(str(BOLD_FONT), FONT_SIZE)
    left, top, right, bottom = regular.getbbox("M")
    width = round(regular.getlength("M"))
    height = round(FONT_SIZE * 1.35)
    image = Image.new("RGB", (COLUMNS * width + 16, ROWS * height + 16), f"#{DEFAULT_BG}")
    draw = ImageDraw.Draw(image)
    for row in range(ROWS):
        line = screen.buffer[row]
        for column in range(COLUMNS):
            cell = line[column]
            fg, bg = colour(cell.fg, DEFAULT_FG), colour(cell.bg, DEFAULT_BG)
            if cell.reverse:
                fg, bg = bg, fg
            x, y = 8 + column * width, 8 + row * height
            draw.rectangle([x, y, x + width, y + height], fill=f"#{bg}")
            if cell.data.strip():
                draw.text((x, y + 2), cell.data, font=bold if cell.bold else regular, fill=f"#{fg}")
            if cell.underscore:
                draw.line([x, y + height - 2, x + width, y + height - 2], fill=f"#{fg}")
    image.save(path)
    print(f"neovim_pictures: wrote {path.relative_to(REPO) if path.is_relative_to(REPO) else path}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "images")
    args = parser.parse_args()
    nvim = shutil.which("nvim", path=os.pathsep.join([str(Path(sys.executable).parent), os.environ["PATH"]]))
    if nvim is None or shutil.which("tmux") is None:
        raise SystemExit("neovim_pictures: needs nvim (pip install -e '.[test]') and tmux")
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="blog-lsp-pictures-") as scratch:
        vault = Path(scratch, "vault")
        shutil.copytree(REPO / "examples" / "vault", vault)
        Path(vault, "Notes", "Reading List.md").write_text(
            "# Reading List\n\nWhat to read next about transformers.\n\n", encoding="utf-8"
        )
        init = Path(scratch, "init.lua")
        init.write_text(INIT_LUA.format(plugin=repr(str(REPO / "editors" / "nvim"))), encoding="utf-8")
        home = Path(scratch, "home")
        env = {
            **os.environ,
            "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ["PATH"]]),
            "HOME": str(home),
            "XDG_CONFIG_HOME": str(home / ".config"),
            "XDG_STATE_HOME": str(home / ".local" / "state"),
            "XDG_DATA_HOME": str(home / ".local" / "share"),
            "TERM": "xterm-256color",
        }
        command = f"{nvim} -u {init} 'Tweets/how to optimize rag #2.md'"
        subprocess.run(
            ["tmux", "-L", "blog-lsp-pictures", "-f", "/dev/null", "new-session", "-d", "-s",
             "pictures", "-x", str(COLUMNS), "-y", str(ROWS), "-c", str(vault), command],
            check=True,
            env=env,
        )
        try:
            tmux("set-option", "-g", "default-terminal", "tmux-256color")
            # Diagnostics: the broken draft, past its frontmatter, with the server's messages.
            wait_for_screen("matches 2 notes", 60)  # link-ambiguous: the index is complete
            time.sleep(1.5)
            render(tmux("capture-pane", "-p", "-e", "-t", "pictures"), args.out / "neovim-diagnostics.png")
            # The [[ menu, with Neovim's own completion.
            tmux("send-keys", "-t", "pictures", ":edit Notes/Reading\\ List.md", "Enter")
            wait_for_screen("What to read next")
            time.sleep(2)
            tmux("send-keys", "-t", "pictures", "G", "o", "See [[Atten")
            time.sleep(0.5)
            tmux("send-keys", "-t", "pictures", "-l", "t")
            screen = wait_for_screen("Attention", 20)
            time.sleep(1)
            render(tmux("capture-pane", "-p", "-e", "-t", "pictures"), args.out / "neovim-wiki-link-completion.png")
        finally:
            subprocess.run(["tmux", "-L", "blog-lsp-pictures", "kill-server"], check=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
