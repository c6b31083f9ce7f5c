"""Account forms, one module per form: validation and widgets only."""
