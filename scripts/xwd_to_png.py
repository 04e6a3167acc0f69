"""Turn an X window dump (xwd -root) of a 24/32-bit TrueColor screen into a PNG, for the smoke tests' screenshots.

    xwd -root -display :18 -silent | .venv/bin/python scripts/xwd_to_png.py - shot.png
"""

from __future__ import annotations

import struct
import sys

from PIL import Image


def xwd_to_image(data: bytes) -> Image.Image:
    fields = struct.unpack(">25I", data[:100])
    header_size, _version, _fmt, depth, width, height = fields[:6]
    byte_order, bits_per_pixel, bytes_per_line = fields[7], fields[11], fields[12]
    ncolors = fields[19]
    if bits_per_pixel not in (24, 32) or depth not in (24, 32):
        raise SystemExit(f"xwd_to_png: only 24/32-bit TrueColor dumps are read (depth {depth}, {bits_per_pixel} bpp)")
    start = header_size + ncolors * 12
    raw = data[start:start + bytes_per_line * height]
    if bits_per_pixel == 32:
        mode = "BGRX" if byte_order == 0 else "XRGB"  # LSBFirst stores B, G, R, pad
    else:
        mode = "BGR" if byte_order == 0 else "RGB"
    return Image.frombuffer("RGB", (width, height), raw, "raw", mode, bytes_per_line, 1)


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        raise SystemExit(__doc__)
    data = sys.stdin.buffer.read() if argv[0] == "-" else open(argv[0], "rb").read()
    xwd_to_image(data).save(argv[1])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
