"""Identifiers that stand for a client's details in test data. They may appear on the pages
that show the record to its owner, never in a log record, an email or a task argument
(S11, S19): tests/sentinel_plugin.py watches the whole suite for them."""

# A client's name as an attorney might type it into case notes or a library search.
CLIENT_NAME = "Xiomara Centinela-Quispe"
# An A-number in one of the forms the redaction check knows.
A_NUMBER = "A-208-771-493"
# Case notes as a whole.
CASE_NOTES = f"Client {CLIENT_NAME} ({A_NUMBER}) fled after threats by her former partner."

SENTINELS = ("Centinela-Quispe", "208-771-493", "208771493", "ZQX-SENTINEL")
