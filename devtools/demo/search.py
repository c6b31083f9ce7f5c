"""Demo data for search: index every demo resource that has not been indexed yet, then
rebuild the spelling vocabulary. Synonyms come from a data migration (every environment
has them), not from here."""

from search import services


def load(log) -> None:
    """Idempotent: running it twice changes nothing (unchanged files are not re-read)."""
    figures = services.resources_index_missing(log=log)
    words = services.vocabulary_refresh(only_if_changed=not figures["resources"])
    if words >= 0:
        log(f"search: vocabulary of {words} words")
