"""What apps built on documents do when a document is taken back, without documents
importing them.

Dependencies point one way (documents <- redaction): a redacted sample is made from a
document, so when the uploader withdraws permission, deletes the document or staff judge it
not suitable, whatever was made from it must be withdrawn too, in the same transaction.
The apps that make things from documents register here, from their AppConfig.ready():
redaction registers `redaction.services.redaction_withdraw_for_document`.
"""

from __future__ import annotations

from collections.abc import Callable

# (document, actor) -> None, in the caller's transaction.
withdrawal_followers: list[Callable[..., None]] = []


def follow_withdrawals(withdraw) -> None:
    if withdraw not in withdrawal_followers:
        withdrawal_followers.append(withdraw)


def shared_versions_withdrawn(document, actor=None) -> None:
    """Everything made from `document` for sharing is taken back now."""
    for withdraw in withdrawal_followers:
        withdraw(document, actor)
