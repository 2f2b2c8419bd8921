"""Across articles: the same story, the same quotation and the same person recognised everywhere.

News is syndicated and rewritten, so counting rows counts copies. Three things join articles:
- `documents.cluster_id` groups a story's copies (near-duplicate texts, MinHash/LSH: clusters.py);
- `quotes.quote_key` is one key per quotation, whatever its punctuation or trimming (quote_keys.py);
- the `speakers` and `speaker_roles` tables gather each person and organisation (speakers.py).

Keys and clusters are assigned in the flow, in input order, against everything already stored, so
that a run over A then one over B give the same keys as one run over A+B.
"""
