"""One way to show a date and one to show a date and time, per language (FORMAT_MODULE_PATH).

Templates say `|date:"DATE_FORMAT"` or `|date:"DATETIME_FORMAT"` and nothing else on screen;
machine-readable `datetime` attributes keep ISO. tests/cgrs/test_dates.py holds them to that.
"""
