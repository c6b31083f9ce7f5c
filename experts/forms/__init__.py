"""Expert Witness Database forms, one module per job: validation and widgets only."""
