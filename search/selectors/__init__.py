"""Keyword search over TA Library resources, one module for each thing it does:

- `lexicon`: what the vocabulary says about a query's words (corrections, completions,
  synonyms), in one query or read with the page's first (`lexicon_expression`);
- `matching`: the resources a query finds (`keyword_match`, `KeywordMatch`), ranked or in
  tiers, cached per process and index version;
- `snippets`: each shown resource's best passage, highlighted (`with_snippets`,
  `snippet_of`).
"""

from search.selectors.lexicon import lexicon_expression
from search.selectors.matching import KeywordMatch, keyword_match
from search.selectors.snippets import Snippet, snippet_of, with_snippets

__all__ = [
    "KeywordMatch",
    "Snippet",
    "keyword_match",
    "lexicon_expression",
    "snippet_of",
    "with_snippets",
]
