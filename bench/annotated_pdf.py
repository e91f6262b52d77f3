"""A PDF with a huge number of annotations on one page, the shape of the 17.9 MB upload of
issue 13 that took 8 GB of server memory: one line of text and ``n`` entries in the
page's /Annots array (3,000,000 give ~18 MB). Used by tests (small ``n``) and by
``bench/reliability_pdf.py``."""

from __future__ import annotations

import sys
from pathlib import Path

_DISTINCT = b"<</Subtype/Square/Rect[0 0 9 9]/AP<</N 8 0 R>>>>"  # drawn by appearance stream 8
_ANNOT = b"7 0 R "  # every entry names the one Circle annotation (object 7): 6 bytes each


def write(path: Path, n: int, text: str = "Quyet dinh so 123/QD-UBND ve ke hoach chuyen doi so",
          distinct: bool = False) -> Path:
    """``distinct``: each entry its own inline Square annotation (48 bytes each, so pdfium and
    pdfplumber build one object per entry: the expensive shape); else references to one."""
    content = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("latin-1")
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Resources<</Font<</F1 5 0 R>>>>"
        b"/Contents 4 0 R/Annots 6 0 R>>",
        b"<</Length %d>>stream\n" % len(content) + content + b"\nendstream",
        b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>",
    ]
    annot = b"<</Type/Annot/Subtype/Circle/Rect[10 10 60 60]/C[1 0 0]>>"
    with path.open("wb") as fh:
        fh.write(b"%PDF-1.7\n")
        offsets = []
        for i, body in enumerate(objects, 1):
            offsets.append(fh.tell())
            fh.write(b"%d 0 obj\n" % i + body + b"\nendobj\n")
        offsets.append(fh.tell())
        fh.write(b"6 0 obj\n[")
        entry = _DISTINCT if distinct else _ANNOT
        block = entry * 10_000
        for _ in range(n // 10_000):
            fh.write(block)
        fh.write(entry * (n % 10_000))
        fh.write(b"]\nendobj\n")
        offsets.append(fh.tell())
        fh.write(b"7 0 obj\n" + annot + b"\nendobj\n")
        offsets.append(fh.tell())
        look = b"0 0 1 RG 0 0 9 9 re S"
        fh.write(b"8 0 obj\n<</Type/XObject/Subtype/Form/BBox[0 0 9 9]/Length %d>>stream\n" % len(look)
                 + look + b"\nendstream\nendobj\n")
        xref = fh.tell()
        fh.write(b"xref\n0 9\n0000000000 65535 f \n")
        for off in offsets:
            fh.write(b"%010d 00000 n \n" % off)
        fh.write(b"trailer\n<</Size 9/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % xref)
    return path


if __name__ == "__main__":  # python bench/annotated_pdf.py OUT.pdf N [distinct]
    write(Path(sys.argv[1]), int(sys.argv[2]), distinct=sys.argv[3:] == ["distinct"])
