"""Private files: where they are stored and how they are sent.

Every uploaded or generated file is stored under a random name, never the uploader's (names
can carry a client's name into storage listings and logs, and path tricks into storage), and
goes out only through a view that fetched it with the reader's rights, with headers that keep
it out of caches and stop browsers guessing its type.
"""

from __future__ import annotations

import secrets

from django.http import FileResponse

# Inline files are framed only by our own pages and may load nothing themselves (a
# browser's PDF viewer needs object-src for the document).
INLINE_CSP = "default-src 'none'; object-src 'self'; frame-ancestors 'self'"


def random_file_name(directory: str, extension: str) -> str:
    """`directory/<32 random hex digits><extension>` (extension with its dot, or "")."""
    # SECURITY: never the uploader's name (S7).
    return f"{directory}/{secrets.token_hex(16)}{extension}"


def private_file_response(
    handle, *, filename: str, content_type: str, inline: bool = False
) -> FileResponse:
    """Send a private file: as a download, or inline (framed by our pages only)."""
    response = FileResponse(
        handle, as_attachment=not inline, filename=filename, content_type=content_type
    )
    # SECURITY: never kept by a browser or proxy; never sniffed into another type (S7).
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    if inline:
        response.headers["Content-Security-Policy"] = INLINE_CSP
    return response
