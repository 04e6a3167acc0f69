"""Files spoilt byte by byte, as a bad disk or a cut download leaves them: the readers' tests share this."""

from __future__ import annotations

from pathlib import Path

from hypothesis import strategies as st

# (offset, byte) pairs: an offset past the end wraps round
FLIPS = st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), min_size=1, max_size=12)


def spoilt(good: bytes, flips, folder: Path, name: str) -> Path:
    """A copy of `good` named `name` in `folder` with the bytes of `flips` put in."""
    data = bytearray(good)
    for at, value in flips:
        data[at % len(data)] = value
    path = folder / name
    path.write_bytes(bytes(data))
    return path


def read_or_refused(read, refused: type[Exception], path: Path, gives: type = str) -> None:
    """Reading the file gives what it should (text), or the refusal names the file; any other exception fails
    the test."""
    try:
        assert isinstance(read(path), gives)
    except refused as exc:
        assert path.name in str(exc)
