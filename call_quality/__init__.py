"""Call quality from transcripts: a configurable checklist scorer with evidence.

The checklists (``checklists/<language>.yaml``) are configuration for analytics
engineers: phrases per item, matched on lemmatised agent speech (pymorphy3 for Russian)
and tolerant to small speech-to-text errors (rapidfuzz). Scores are loaded with dlt into
``raw_call_quality`` and modelled by dbt into ``marts.mart_call_quality``.
"""
