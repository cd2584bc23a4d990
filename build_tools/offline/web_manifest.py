"""The web app manifest (so a phone can install the course) and its icons, drawn at build time:
a cell on the theme's indigo, inside the safe zone of a maskable icon."""

from __future__ import annotations

import json
import struct
import zlib

from ..content.course import Course

WEB_MANIFEST = "manifest.webmanifest"
ICON_SIZES = (192, 512)
INDIGO = (0x3F, 0x51, 0xB5)  # Material's indigo primary, the site's header colour
WHITE = (0xFF, 0xFF, 0xFF)


def icon_path(size: int) -> str:
    return f"assets/icons/icon-{size}.png"


def web_manifest(course: Course) -> str:
    c = course.outline
    icons = [
        {"src": icon_path(s), "sizes": f"{s}x{s}", "type": "image/png", "purpose": purpose}
        for s in ICON_SIZES
        for purpose in ("any", "maskable")
    ]
    data = {
        "name": c.title,
        "description": c.disclaimer,
        "start_url": "./",  # relative to the manifest: the site root, under any base path
        "scope": "./",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#{:02x}{:02x}{:02x}".format(*INDIGO),
        "icons": icons,
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def _png(width: int, rows: list[bytes]) -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + body))
        return struct.pack(">I", len(body)) + kind + body + crc

    header = struct.pack(">IIBBBBB", width, len(rows), 8, 2, 0, 0, 0)  # 8-bit RGB
    data = zlib.compress(b"".join(b"\x00" + row for row in rows), 9)
    chunks = chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")
    return b"\x89PNG\r\n\x1a\n" + chunks


def icon(size: int) -> bytes:
    """A white cell with an indigo nucleus on indigo; the cell (radius 30%) stays inside the
    central 80% that a maskable icon keeps."""
    centre, cell, nucleus = size / 2, 0.30 * size, 0.12 * size
    rows = []
    for y in range(size):
        row = bytearray(bytes(INDIGO) * size)
        for radius, colour in ((cell, WHITE), (nucleus, INDIGO)):
            dy = y + 0.5 - centre
            if abs(dy) < radius:
                half = (radius * radius - dy * dy) ** 0.5
                x0, x1 = round(centre - half), round(centre + half)
                row[3 * x0 : 3 * x1] = bytes(colour) * (x1 - x0)
        rows.append(bytes(row))
    return _png(size, rows)


def icon_files() -> dict[str, bytes]:
    return {icon_path(s): icon(s) for s in ICON_SIZES}
