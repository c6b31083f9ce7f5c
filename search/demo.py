"""Demo data for search: index every demo resource that has not been indexed yet."""


def load(log) -> None:
    """Idempotent: running it twice changes nothing."""
