"""Role-by-URL expectations for outcome insights (see tests/url_matrix.py)."""

from tests.url_matrix import Route, only

ROUTES: list[Route] = [
    Route("insights:staff", only("staff")),
    Route(
        "insights:staff",
        only("staff"),
        query="rows=adjudicator&columns=persecution_type&country=ZZ&year=abc&result=99&location=",
        note="bad choices: ignored with a note, never a 500",
    ),
    Route("insights:staff_csv", only("staff")),
    Route("insights:staff_csv", only("staff"), query="rows=year&columns=nope"),
    # Attorneys (with or without a registered case: without one the page says so).
    Route("insights:attorney", only("attorney")),
    Route("insights:attorney", only("attorney"), query="rows=%00&columns=%ff&country=%00"),
    Route("insights:attorney_csv", only("attorney", status=403), note="no registered case"),
]
