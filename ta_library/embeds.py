"""Video links shown through privacy-enhanced players only (the CSP allows just these)."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

YOUTUBE_EMBED_ORIGIN = "https://www.youtube-nocookie.com"
VIMEO_EMBED_ORIGIN = "https://player.vimeo.com"
_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{6,20}$")
_VIMEO_ID = re.compile(r"^[0-9]{3,12}$")


def embed_url(url: str) -> str | None:
    """The privacy-enhanced player URL for a YouTube or Vimeo link, or None if it is not one.

    youtube.com/watch?v=ID, youtu.be/ID, youtube.com/embed/ID -> youtube-nocookie.com/embed/ID;
    vimeo.com/ID, player.vimeo.com/video/ID -> player.vimeo.com/video/ID?dnt=1.
    """
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme not in ("http", "https"):
        return None
    host = (parts.hostname or "").lower().removeprefix("www.").removeprefix("m.")
    segments = [s for s in parts.path.split("/") if s]
    video = None
    if host in ("youtube.com", "youtube-nocookie.com"):
        if segments[:1] == ["watch"]:
            video = (parse_qs(parts.query).get("v") or [""])[0]
        elif len(segments) >= 2 and segments[0] in ("embed", "shorts", "live"):
            video = segments[1]
        if video and _YOUTUBE_ID.match(video):
            return f"{YOUTUBE_EMBED_ORIGIN}/embed/{video}"
        return None
    if host == "youtu.be" and segments and _YOUTUBE_ID.match(segments[0]):
        return f"{YOUTUBE_EMBED_ORIGIN}/embed/{segments[0]}"
    if host == "vimeo.com" and segments and _VIMEO_ID.match(segments[-1]):
        return f"{VIMEO_EMBED_ORIGIN}/video/{segments[-1]}?dnt=1"
    if (
        host == "player.vimeo.com"
        and segments[:1] == ["video"]
        and len(segments) > 1
        and _VIMEO_ID.match(segments[1])
    ):
        return f"{VIMEO_EMBED_ORIGIN}/video/{segments[1]}?dnt=1"
    return None


def embed_origin(url: str) -> str | None:
    embed = embed_url(url)
    if embed is None:
        return None
    return YOUTUBE_EMBED_ORIGIN if embed.startswith(YOUTUBE_EMBED_ORIGIN) else VIMEO_EMBED_ORIGIN
