"""What a safe draft filename is, for the tests of names and of writing."""

from __future__ import annotations

WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{n}" for n in range(10))}
WINDOWS_RESERVED |= {f"LPT{n}" for n in range(10)}


def assert_safe_stem(stem: str, max_length: int = 60) -> None:
    assert stem and stem not in (".", "..")
    assert len(stem) <= max_length
    assert not set(stem) & set('\\/:*?"<>|#^[]')
    assert all(ord(ch) >= 0x20 and not 0x7F <= ord(ch) < 0xA0 for ch in stem)
    assert stem == stem.strip(" .-")
    assert stem.split(".")[0].strip().upper() not in WINDOWS_RESERVED
