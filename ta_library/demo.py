"""Demo data for TA Library (see `load_demo_data`)."""


def load(log) -> None:
    """Idempotent: running it twice changes nothing."""
