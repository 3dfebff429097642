"""Draw the toolbar icons (a white "i" on a rounded blue tile) as PNGs, standard library only."""

import struct
import sys
import zlib
from pathlib import Path

TILE = (11, 92, 173)
EDGE = (178, 106, 0)
WHITE = (255, 255, 255)
SUPER = 4


def inside(x: float, y: float) -> tuple[int, int, int] | None:
    """Colour of the design at unit coordinates (0..1), None when transparent."""
    r = 0.2
    cx, cy = min(max(x, r), 1 - r), min(max(y, r), 1 - r)
    if (x - cx) ** 2 + (y - cy) ** 2 > r * r:
        return None
    if (x - 0.5) ** 2 + (y - 0.29) ** 2 <= 0.085**2:
        return WHITE
    if 0.425 <= x <= 0.575 and 0.42 <= y <= 0.8:
        return WHITE
    if y >= 0.9:
        return EDGE
    return TILE


def render(size: int) -> bytes:
    """RGBA rows of one icon, anti-aliased by supersampling."""
    rows = bytearray()
    n = size * SUPER
    for py in range(size):
        rows.append(0)
        for px in range(size):
            acc = [0, 0, 0, 0]
            for sy in range(SUPER):
                for sx in range(SUPER):
                    c = inside((px * SUPER + sx + 0.5) / n, (py * SUPER + sy + 0.5) / n)
                    if c:
                        acc[0] += c[0]
                        acc[1] += c[1]
                        acc[2] += c[2]
                        acc[3] += 1
            k = acc[3]
            rows += bytes(
                [acc[0] // k, acc[1] // k, acc[2] // k, 255 * k // SUPER**2] if k else [0, 0, 0, 0]
            )
    return bytes(rows)


def png(size: int) -> bytes:
    """A complete PNG file."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(render(size), 9))
        + chunk(b"IEND", b"")
    )


if __name__ == "__main__":
    out = Path(
        sys.argv[1] if len(sys.argv) > 1 else Path(__file__).parent.parent / "static" / "icons"
    )
    out.mkdir(parents=True, exist_ok=True)
    for size in (16, 32, 48, 128):
        (out / f"icon-{size}.png").write_bytes(png(size))
