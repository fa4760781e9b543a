"""The shared base for reading Vietnamese administrative documents, whatever imports them.

Pure Python, no Django. ``vntext`` is the ground floor (folding, dates, numbers); on it this
package builds what every importer needs before it reads its own part of a document:

- ``normalize``: crawled markdown, PDF text layers and OCR turned into clean lines once;
- ``header``: the Decree 30/2020/NĐ-CP header (issuing body, number, place and date, type and
  subject, recipients) found by scoring candidates, with ``read_header(lines)`` as its API;
- ``agencies``: names of bodies, "UBND" ↔ "Ủy ban nhân dân", levels of the left column;
- ``doctypes``: document types and their abbreviations in a number;
- ``vocabulary``: provinces (the 34 of 2025 and the 63 before), ministries and central bodies,
  Party bodies, signing titles: general knowledge used to check and repair what is read.

The directive parser (``directives.parsing``) reads its record through it; the procedure
importer reads a decision's header through ``reading.header.read_header``.
"""

from reading.header import Header, read_header
from reading.normalize import clean_lines, paragraphs

__all__ = ["Header", "clean_lines", "paragraphs", "read_header"]
