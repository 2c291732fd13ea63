"""Tiny PDFs written by hand for the ingest tests: Helvetica text lines at given positions, one list
of lines a page. No PDF library is needed to write them, so the tests commit no binary files."""

from __future__ import annotations

#: US Letter, in points.
WIDTH, HEIGHT = 612, 792

Line = tuple[float, float, str]  # x, y (from the bottom), text


def _escaped(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _content(lines: list[Line], size: float) -> bytes:
    ops = [f"BT /F1 {size} Tf 1 0 0 1 {x} {y} Tm ({_escaped(text)}) Tj ET" for x, y, text in lines]
    return "\n".join(ops).encode("latin-1")


def pdf_bytes(pages: list[list[Line]], size: float = 10) -> bytes:
    """A PDF whose page i shows ``pages[i]``'s lines, each at its (x, y), in that order."""
    objects: list[bytes] = []
    n = len(pages)
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(n))
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {n} >>".encode())
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    for i, lines in enumerate(pages):
        stream = _content(lines, size)
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {WIDTH} {HEIGHT}] /Resources << /Font << /F1 3 0 R >> >> /Contents {5 + 2 * i} 0 R >>".encode()
        )
        objects.append(f"<< /Length {len(stream)} >>\nstream\n".encode() + stream + b"\nendstream")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def column(lines: list[str], x: float = 72, top: float = 700, leading: float = 14) -> list[Line]:
    """``lines`` set one under the other from ``top`` down, at ``x``."""
    return [(x, top - i * leading, text) for i, text in enumerate(lines)]
