"""Extracted text, passages and the search vocabulary of TA Library resources."""
