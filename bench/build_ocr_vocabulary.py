"""Count syllables and syllable pairs of administrative text for the OCR post-correction.

    python -m bench.build_ocr_vocabulary [FOLDER ...]

reads every .txt under the folders (default: ../shared/corpus/tvpl/texts and
../shared/corpus/directives, never the scans) and writes ``reading/data/ocr_syllables.tsv``:
``syllable<TAB>count`` lines, then ``first<TAB>second<TAB>count`` for pairs seen at least
twice. Counts only: no sentence of any document is kept.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

from reading.ocr_correct import VOCABULARY

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = [
    ROOT.parent / "shared" / "corpus" / "tvpl" / "texts",
    ROOT.parent / "shared" / "corpus" / "directives",
]
_WORD_RE = re.compile(r"[^\W\d_]+")


def main(argv: list[str]) -> int:
    folders = [Path(arg) for arg in argv] or DEFAULT
    unigrams: Counter[str] = Counter()
    bigrams: Counter[tuple[str, str]] = Counter()
    for folder in folders:
        for path in sorted(folder.rglob("*.txt")):
            text = unicodedata.normalize("NFC", path.read_text(encoding="utf-8", errors="replace"))
            for line in text.splitlines():
                words = [word.lower() for word in _WORD_RE.findall(line)]
                unigrams.update(words)
                bigrams.update(zip(words, words[1:], strict=False))
    lines = [f"{word}\t{count}" for word, count in sorted(unigrams.items())]
    lines += [f"{a}\t{b}\t{count}" for (a, b), count in sorted(bigrams.items()) if count >= 2]
    VOCABULARY.parent.mkdir(exist_ok=True)
    VOCABULARY.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{VOCABULARY}: {len(unigrams)} syllables, {sum(c >= 2 for c in bigrams.values())} pairs")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
