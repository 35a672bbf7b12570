"""An independent model of how an LSP client holds a text document: what the server's copy
must agree with. Written from the specification, sharing no code with the server.

- Lines end at ``\\n``, ``\\r\\n`` or ``\\r``, and nowhere else (not at U+2028, form feed...).
- A character offset counts the negotiated units: UTF-16 code units, UTF-8 bytes or code
  points, within the line, excluding its line ending.
- A character past the end of a line means the end of that line; a line past the last means
  the end of the text (as ``vscode-languageserver-textdocument`` clamps them).
"""

from __future__ import annotations

from dataclasses import dataclass


def line_starts(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line's content, in code points, by walking the characters."""
    lines: list[tuple[int, int]] = []
    start = index = 0
    while index < len(text):
        character = text[index]
        if character == "\r" or character == "\n":
            lines.append((start, index))
            if character == "\r" and text[index + 1 : index + 2] == "\n":
                index += 1
            start = index + 1
        index += 1
    lines.append((start, len(text)))
    return lines


def units(character: str, encoding: str) -> int:
    if encoding == "utf-8":
        return len(character.encode("utf-8", "surrogatepass"))
    if encoding == "utf-16":
        return 2 if ord(character) > 0xFFFF else 1
    return 1


def offset_at(text: str, line: int, character: int, encoding: str) -> int:
    """The code-point offset of an LSP position in ``text``."""
    lines = line_starts(text)
    if line < 0:
        return 0
    if line >= len(lines):
        return len(text)
    start, end = lines[line]
    counted = 0
    for index in range(start, end):
        if counted >= character:
            return index
        counted += units(text[index], encoding)
    return end


@dataclass
class SpecDocument:
    text: str
    encoding: str = "utf-16"

    def replace(self, start: tuple[int, int], end: tuple[int, int], new_text: str) -> None:
        begin = offset_at(self.text, *start, self.encoding)
        finish = offset_at(self.text, *end, self.encoding)
        begin, finish = min(begin, finish), max(begin, finish)
        self.text = self.text[:begin] + new_text + self.text[finish:]

    def text_in(self, start: tuple[int, int], end: tuple[int, int]) -> str:
        begin = offset_at(self.text, *start, self.encoding)
        return self.text[begin : offset_at(self.text, *end, self.encoding)]
