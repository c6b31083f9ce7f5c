from tests.cases.conftest import intake_data, taxonomy_terms  # noqa: F401
