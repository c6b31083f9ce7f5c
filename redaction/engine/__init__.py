"""The redaction engine: pure functions over PDF bytes (no models, no ORM, no logging of text).

Coordinates everywhere are PDF points with the origin at the TOP-LEFT of the page (y grows
downward) and 0-based page indexes; see `types.py`. The modules:

- `pages`: page count and rendering (pypdfium2).
- `ocr`: words with boxes from a page image (Tesseract's CLI where installed, else RapidOCR
  when that package is installed, else nothing).
- `text`: the words of every page, from the text layer or OCR; text for the search index.
- `detect`: proposals of boxes to redact (identifiers entered, A-numbers, caption names,
  dates of birth, phones, e-mails, street addresses), whole lines and every occurrence.
- `derivative`: the redacted file, rebuilt from rendered images with boxes burnt in.
- `gate`: `check_pdf`, the one check every published file passes.
- `samples`: generated immigration-court documents (text and scanned) and hostile files.
"""
