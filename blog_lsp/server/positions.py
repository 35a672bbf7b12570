"""The one place where positions cross between the core (code points) and the client.

The core counts characters in Unicode code points. A client counts in the encoding negotiated
at initialisation: UTF-16 code units (VS Code), UTF-8 bytes (Neovim) or code points (Emacs).
Every range the server sends, and every position it receives, goes through this module.
"""

from __future__ import annotations

from lsprotocol import types

from blog_lsp.text import LineIndex, Position, Range


def _units(text: str, encoding: str) -> int:
    """How many client units ``text`` takes."""
    if encoding == types.PositionEncodingKind.Utf32 or text.isascii():
        return len(text)
    if encoding == types.PositionEncodingKind.Utf8:
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


class PositionConverter:
    """Converts positions for one client encoding (``utf-8``, ``utf-16`` or ``utf-32``)."""

    def __init__(self, encoding: str = types.PositionEncodingKind.Utf16) -> None:
        self.encoding = str(encoding)

    # -- core -> client -----------------------------------------------------------------

    def position_to_client(self, text: str, lines: LineIndex, position: Position) -> types.Position:
        if position.line >= lines.line_count:
            last = lines.line_count - 1
            line_text = text[lines.line_start(last) : lines.line_end(last)]
            return types.Position(last, _units(line_text, self.encoding))
        start = lines.line_start(position.line)
        end = min(start + position.character, lines.line_end(position.line))
        return types.Position(position.line, _units(text[start:end], self.encoding))

    def range_to_client(self, text: str, lines: LineIndex, where: Range) -> types.Range:
        return types.Range(
            self.position_to_client(text, lines, where.start),
            self.position_to_client(text, lines, where.end),
        )

    # -- client -> core -----------------------------------------------------------------

    def position_from_client(
        self, text: str, lines: LineIndex, position: types.Position
    ) -> Position:
        """The code-point position of a client position, clamped to the text: clients send
        positions past the end of a line or of the document, and the middle of a character."""
        if position.line < 0:
            return Position(0, 0)
        if position.line >= lines.line_count:
            last = lines.line_count - 1
            return Position(last, lines.line_end(last) - lines.line_start(last))
        start, end = lines.line_start(position.line), lines.line_end(position.line)
        line_text = text[start:end]
        wanted = max(position.character, 0)
        if self.encoding == types.PositionEncodingKind.Utf32 or line_text.isascii():
            return Position(position.line, min(wanted, len(line_text)))
        counted = 0
        for index, character in enumerate(line_text):
            if counted >= wanted:
                return Position(position.line, index)
            counted += _units(character, self.encoding)
        return Position(position.line, len(line_text))

    def offset_from_client(self, text: str, lines: LineIndex, position: types.Position) -> int:
        return lines.offset(self.position_from_client(text, lines, position))
