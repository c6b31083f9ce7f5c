"""Writes of the search app: text extraction and the search index."""

from __future__ import annotations


def resource_content_changed(*, resource_id: int) -> None:
    """The library calls this after a resource's file, title or summary changed (inside the
    transaction that changed it). The search app (re)indexes the resource after commit."""
