"""What apps built on documents do for it, without documents importing them.

Dependencies point one way (documents <- redaction): a redacted sample is made from a
document, so when the uploader withdraws permission, deletes the document or staff judge it
not suitable, whatever was made from it must be withdrawn too, in the same transaction.
The apps that make things from documents register here, from their AppConfig.ready():
redaction registers `redaction.services.redaction_withdraw_for_document`.

Reading a document's text (the text layer, or OCR of a scan) is the search app's text
extraction, the same that reads library files: search registers `search.extraction.extract`
as the text reader, and `document_process` calls `read_text`.
"""

from __future__ import annotations

from collections.abc import Callable

# (document, actor) -> None, in the caller's transaction.
withdrawal_followers: list[Callable[..., None]] = []
# (data, file name) -> a result with `status` ("extracted", "needs_ocr", anything else is a
# failure), `pages` (text per page) and `page_count` (None when the format has no pages).
text_readers: list[Callable] = []


def follow_withdrawals(withdraw) -> None:
    if withdraw not in withdrawal_followers:
        withdrawal_followers.append(withdraw)


def shared_versions_withdrawn(document, actor=None) -> None:
    """Everything made from `document` for sharing is taken back now."""
    for withdraw in withdrawal_followers:
        withdraw(document, actor)


def read_text_with(reader) -> None:
    if reader not in text_readers:
        text_readers.append(reader)


def read_text(data: bytes, name: str):
    """The text of a file, read by the registered reader (search.extraction.extract)."""
    if not text_readers:
        # Fail the task loudly (it is retried) rather than mark a readable file as failed.
        raise RuntimeError("No text reader is registered (is the search app installed?).")
    return text_readers[0](data, name)
