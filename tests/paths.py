"""Where the suite finds the repository, the shared corpus beside it and the hand-made keys."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
KEYS = ROOT / "tests" / "keys"
