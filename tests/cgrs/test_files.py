"""Private files: random stored names and the headers every private download carries."""

import io
import re

from cgrs.files import INLINE_CSP, private_file_response, random_file_name


def test_stored_names_are_random_and_keep_only_the_extension():
    first, second = random_file_name("documents", ".pdf"), random_file_name("documents", ".pdf")
    assert re.fullmatch(r"documents/[0-9a-f]{32}\.pdf", first)
    assert first != second


def test_a_private_download_is_never_cached_or_sniffed():
    response = private_file_response(
        io.BytesIO(b"%PDF-1.4"), filename="cv.pdf", content_type="application/pdf"
    )
    assert response["Cache-Control"] == "no-store"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment")
    assert "Content-Security-Policy" not in response


def test_an_inline_file_is_framed_by_our_pages_only():
    response = private_file_response(
        io.BytesIO(b"%PDF-1.4"), filename="a.pdf", content_type="application/pdf", inline=True
    )
    assert response["Content-Disposition"].startswith("inline")
    assert response["Content-Security-Policy"] == INLINE_CSP
