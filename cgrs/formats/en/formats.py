# "December 4, 2026" and "December 4, 2026, 08:45": what a US court filing writes.
DATE_FORMAT = "F j, Y"
DATETIME_FORMAT = "F j, Y, H:i"
