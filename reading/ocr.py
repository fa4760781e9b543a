"""OCR of scanned pages with Tesseract and Debian's Vietnamese model, tuned for Decree-30 pages.

Most official documents are published as signed scans: page images with no text layer. This
module turns one page (a PDF page rendered by poppler's ``pdftoppm``, or an image file) into
text the same reader then parses:

- the red and blue ink of seals, "ĐẾN" stamps and handwritten notes is dropped (a pixel whose
  colour channels differ widely is not print), since Tesseract reads it as words;
- the page is rendered at 300 dpi (Tesseract's models are trained near it), grey;
- Tesseract's automatic page segmentation (psm 3) finds the lines, including a skewed page's
  (it measures and corrects skew per block itself), and ``reading.ocr_layout`` puts the
  header's two columns and the foot's recipients and signature back into reading order;
- the blocks it took for pictures are looked at again: a small ruled box is a received stamp,
  whose words are dropped; any other is print under a black seal or a signature, read again
  as a block of lines (psm 6) within the page's time;
- ``reading.ocr_correct`` sets misread tone marks right where the neighbouring words tell,
  and the characters of numbers and the stops a Decree-30 page uses.

The programs are Debian's ``tesseract-ocr``, ``tesseract-ocr-vie`` and ``poppler-utils``
(installed by ``make install``); nothing is downloaded at run time. Each call has a timeout,
and ``OMP_THREAD_LIMIT=1`` keeps one page on one core. Pure Python, no Django.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path

from PIL import Image, ImageChops

from reading.errors import UserFacingError
from reading.ocr_correct import correct
from reading.ocr_layout import Word, empty_blocks, order_words, words_from_tsv

LANGUAGE = "vie"
DPI = 300
# The lowest resolution a large page may be rendered at before it is refused instead.
MIN_DPI = 150
# Channel spread above which a pixel is coloured ink (seals, stamps, pen), not black print.
_COLOUR_SPREAD = 40
# Line keys of the words read again from a block: apart from the page's own blocks.
_BLOCK_KEY = 10_000
# Words read again under a seal are kept from this confidence (0-100) up.
_MIN_BLOCK_CONFIDENCE = 50
# At most this many blocks of a page are looked at again (a seal, a stamp or two).
_MAX_BLOCKS = 6
# A ruled box narrower than this part of the page is a stamp (they are 5-7 cm wide).
_STAMP_WIDTH = 0.4
# Grey level under which a pixel counts as ink when looking for ruled boxes.
_DARK = 128
IMAGE_EXTENSIONS = (".png", ".jpg", ".jpeg", ".tif", ".tiff")


class OcrError(UserFacingError):
    """A page that OCR could not read: the programs are missing, failed or took too long."""


@dataclass(frozen=True)
class OcrPage:
    """The text of one page and what reading it cost."""

    text: str
    seconds: float


def missing_programs() -> list[str]:
    """The Debian programs or model that OCR needs and this machine lacks."""
    missing = [name for name in ("tesseract", "pdftoppm") if shutil.which(name) is None]
    if "tesseract" not in missing:
        listed = subprocess.run(
            ["tesseract", "--list-langs"], capture_output=True, text=True, timeout=30
        )
        if LANGUAGE not in listed.stdout.split():
            missing.append("tesseract-ocr-vie")
    return missing


def _unavailable(filename: str, detail: str) -> OcrError:
    return OcrError(
        f"Tệp “{filename}” là bản quét cần nhận dạng chữ (OCR), nhưng máy chủ chưa cài chương "
        "trình OCR. Hãy báo quản trị viên.",
        f"{filename}: OCR unavailable: {detail} (apt-get install tesseract-ocr "
        "tesseract-ocr-vie poppler-utils)",
    )


def drop_colour(image: Image.Image) -> Image.Image:
    """The page in grey with coloured ink (seals, stamps, pen) turned to paper."""
    if image.mode not in ("RGB", "RGBA", "P", "CMYK", "YCbCr"):
        return image.convert("L")
    rgb = image.convert("RGB")
    red, green, blue = rgb.split()
    high = ImageChops.lighter(ImageChops.lighter(red, green), blue)
    low = ImageChops.darker(ImageChops.darker(red, green), blue)
    coloured = ImageChops.subtract(high, low).point(lambda v: 255 if v > _COLOUR_SPREAD else 0)
    grey = rgb.convert("L")
    grey.paste(255, mask=coloured)
    return grey


def ocr_image(image: Image.Image, filename: str, *, timeout: float) -> str:
    """The text of one page image, in Decree-30 reading order."""
    started = time.monotonic()
    grey = drop_colour(image)
    with tempfile.TemporaryDirectory(prefix="ocr-") as folder:
        path = Path(folder) / "page.png"
        # No --dpi and no resolution in the file: Tesseract then sizes its page segmentation
        # on the text it sees, which reads these pages better (measured by bench.eval_scans).
        grey.save(path)
        tsv = _run(
            ["tesseract", str(path), "-", "-l", LANGUAGE, "--psm", "3", "tsv"],
            filename,
            timeout,
        ).decode("utf-8", "replace")
        words = words_from_tsv(tsv)
        # The blocks read again share the page's time; the largest few only.
        blocks = sorted(
            empty_blocks(tsv, words), key=lambda b: (b[2] - b[0]) * (b[3] - b[1]), reverse=True
        )
        for number, box in enumerate(blocks[:_MAX_BLOCKS], start=1):
            left = timeout - (time.monotonic() - started)
            if is_framed(grey.crop(box)):
                # A ruled box: a received stamp ("ĐẾN", date, hour) is not the document's
                # text; a wide one (a table, the edge of the sheet) is left as it was read.
                if box[2] - box[0] < _STAMP_WIDTH * grey.width:
                    words = [word for word in words if not _inside(word, box)]
            elif left > 1:
                words += _read_block(grey, box, number, Path(folder), filename, left)
    return correct(order_words(words))


def is_framed(image: Image.Image) -> bool:
    """Whether a block is ruled: some row and some column of it more than half dark.

    Lines of print, a seal's ring or a signature never darken half a block's width or height;
    the frame of a stamp or the edge of the scanned sheet does.
    """
    dark = image.convert("L").point(lambda v: 255 if v < _DARK else 0)
    rows = dark.resize((1, dark.height), Image.Resampling.BOX).tobytes()
    columns = dark.resize((dark.width, 1), Image.Resampling.BOX).tobytes()
    return max(rows, default=0) > 127 and max(columns, default=0) > 127


def _inside(word: Word, box: tuple[int, int, int, int]) -> bool:
    middle_x, middle_y = word.left + word.width / 2, word.top + word.height / 2
    return box[0] <= middle_x <= box[2] and box[1] <= middle_y <= box[3]


def _read_block(
    grey: Image.Image,
    box: tuple[int, int, int, int],
    number: int,
    folder: Path,
    filename: str,
    timeout: float,
) -> list[Word]:
    """The words of one block that the page segmentation took for a picture, read as lines."""
    left, top, right, bottom = box
    path = folder / f"block-{number}.png"
    grey.crop(box).save(path)
    tsv = _run(
        ["tesseract", str(path), "-", "-l", LANGUAGE, "--psm", "6", "tsv"], filename, timeout
    ).decode("utf-8", "replace")
    return [
        replace(
            word,
            left=word.left + left,
            top=word.top + top,
            line=(_BLOCK_KEY * number + word.line[0], *word.line[1:]),
        )
        for word in words_from_tsv(tsv)
        # Strokes of the seal and the signature are read as words Tesseract doubts, or as
        # single characters.
        if word.confidence >= _MIN_BLOCK_CONFIDENCE and len(word.text) > 1
    ]


def render_pdf_page(
    data: bytes, page: int, filename: str, *, dpi: int, timeout: float
) -> Image.Image:
    """One page of a PDF as a picture, by poppler (which reads what pypdf cannot render)."""
    with tempfile.TemporaryDirectory(prefix="ocr-") as folder:
        path = Path(folder) / "document.pdf"
        path.write_bytes(data)
        png = _run(
            ["pdftoppm", "-f", str(page), "-l", str(page), "-r", str(dpi), "-png", str(path)],
            filename,
            timeout,
        )
    image = Image.open(io.BytesIO(png))
    image.load()
    return image


def _run(command: list[str], filename: str, timeout: float) -> bytes:
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        done = subprocess.run(command, capture_output=True, timeout=timeout, env=env, check=False)
    except FileNotFoundError as exc:
        raise _unavailable(filename, f"{command[0]} not found") from exc
    except subprocess.TimeoutExpired as exc:
        raise OcrError(
            f"Nhận dạng chữ (OCR) một trang của tệp “{filename}” mất quá nhiều thời gian và đã "
            "bị dừng. Hãy quét lại trang đó rõ hơn hoặc nhập nội dung bằng tay.",
            f"{filename}: {command[0]} exceeded {timeout}s",
        ) from exc
    if done.returncode != 0:
        stderr = done.stderr.decode("utf-8", "replace").strip()
        if "Failed loading language" in stderr:
            raise _unavailable(filename, stderr[:200])
        raise OcrError(
            f"Không nhận dạng được chữ trên trang quét của tệp “{filename}”.",
            f"{filename}: {' '.join(command[:1])} exited {done.returncode}: {stderr[:300]}",
        )
    return done.stdout
