# "4 de diciembre de 2026" y "4 de diciembre de 2026, 08:45".
DATE_FORMAT = r"j \d\e F \d\e Y"
DATETIME_FORMAT = r"j \d\e F \d\e Y, H:i"
