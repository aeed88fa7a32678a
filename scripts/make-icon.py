#!/usr/bin/env python3
"""Draws media/icon.png, the extension's 256x256 marketplace icon.

A bracketed 3x3 matrix with its diagonal highlighted, on a rounded dark-blue
tile. Standard library only: shapes are signed-distance functions, each
pixel's coverage comes from its distance to the shape's edge (anti-aliased
edges without supersampling), and the PNG is written with zlib + struct.

    python3 scripts/make-icon.py            # writes media/icon.png
    python3 scripts/make-icon.py out.png 512  # another path and size
"""

import math
import struct
import sys
import zlib
from pathlib import Path

DESIGN = 256.0  # the drawing is specified on a 256-unit square, then scaled

TILE_TOP = (0x24, 0x3B, 0x6E)
TILE_BOTTOM = (0x12, 0x1F, 0x40)
TILE_EDGE = (0x3A, 0x56, 0x94)
BRACKET = (0x9D, 0xC1, 0xFF)
CELL = (0x5B, 0x8D, 0xEF)
DIAGONAL = (0xFF, 0xC2, 0x47)


def rounded_rect(cx, cy, half_w, half_h, radius):
    """Signed distance to a rounded rectangle (negative inside)."""

    def sdf(x, y):
        qx = abs(x - cx) - (half_w - radius)
        qy = abs(y - cy) - (half_h - radius)
        outside = math.hypot(max(qx, 0.0), max(qy, 0.0))
        inside = min(max(qx, qy), 0.0)
        return outside + inside - radius

    return sdf


def union(*sdfs):
    return lambda x, y: min(f(x, y) for f in sdfs)


def bracket(x_bar, x_tip, top, bottom, thickness):
    """A square bracket: a vertical bar and two serifs pointing to x_tip."""
    half = thickness / 2
    bar = rounded_rect(x_bar, (top + bottom) / 2, half, (bottom - top) / 2 + half, half)
    left, right = sorted((x_bar, x_tip))
    serif_cx = (left + right) / 2
    serif_hw = (right - left) / 2 + half
    top_serif = rounded_rect(serif_cx, top, serif_hw, half, half)
    bottom_serif = rounded_rect(serif_cx, bottom, serif_hw, half, half)
    return union(bar, top_serif, bottom_serif)


def layers():
    """(sdf, colour-or-function, alpha) from back to front, in design units."""
    tile = rounded_rect(128, 128, 124, 124, 50)
    tile_inner = rounded_rect(128, 128, 121, 121, 47)

    def tile_colour(_x, y):
        t = min(max((y - 4) / 248, 0.0), 1.0)
        return tuple(a + (b - a) * t for a, b in zip(TILE_TOP, TILE_BOTTOM))

    out = [(tile, lambda x, y: TILE_EDGE, 1.0), (tile_inner, tile_colour, 1.0)]

    # Brackets, with a little air between them and the grid.
    out.append((bracket(40, 58, 46, 210, 14), lambda x, y: BRACKET, 1.0))
    out.append((bracket(216, 198, 46, 210, 14), lambda x, y: BRACKET, 1.0))

    # The 3x3 grid: 36-unit cells, 12-unit gaps, centred.
    size, gap = 36, 12
    start = 128 - (3 * size + 2 * gap) / 2
    for row in range(3):
        for col in range(3):
            cx = start + col * (size + gap) + size / 2
            cy = start + row * (size + gap) + size / 2
            cell = rounded_rect(cx, cy, size / 2, size / 2, 7)
            if row == col:
                out.append((cell, lambda x, y: DIAGONAL, 1.0))
            else:
                out.append((cell, lambda x, y: CELL, 0.85))
    return out


def render(size):
    scale = size / DESIGN
    shapes = layers()
    rows = []
    for py in range(size):
        row = bytearray()
        y = (py + 0.5) / scale
        for px in range(size):
            x = (px + 0.5) / scale
            r = g = b = 0.0
            a = 0.0
            for sdf, colour, alpha in shapes:
                # distance in pixels: coverage ramps over one pixel at the edge
                d = sdf(x, y) * scale
                cover = min(max(0.5 - d, 0.0), 1.0) * alpha
                if cover <= 0.0:
                    continue
                cr, cg, cb = colour(x, y)
                # "over" compositing with premultiplied accumulators
                r = cr * cover + r * (1 - cover)
                g = cg * cover + g * (1 - cover)
                b = cb * cover + b * (1 - cover)
                a = cover + a * (1 - cover)
            if a > 0:
                row += bytes((round(r / a), round(g / a), round(b / a), round(a * 255)))
            else:
                row += b"\0\0\0\0"
        rows.append(bytes(row))
    return rows


def png(rows, size):
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    raw = b"".join(b"\0" + row for row in rows)  # filter type 0 on every row
    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


def main():
    root = Path(__file__).resolve().parent.parent
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else root / "media" / "icon.png"
    size = int(sys.argv[2]) if len(sys.argv) > 2 else 256
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(png(render(size), size))
    print(f"wrote {out} ({size}x{size})")


if __name__ == "__main__":
    main()
