"""Demo data for Expert Witness Database (see `load_demo_data`)."""


def load(log) -> None:
    """Idempotent: running it twice changes nothing."""
