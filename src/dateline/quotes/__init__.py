"""Quotation finding and attribution, the parts the `quotes` extractor is assembled from:

- `marks`: spans between quotation marks, including quotes that run over several paragraphs;
- `lexicon`: the verbs and phrases that report speech;
- `attribution`: from a quote to its cue and the subject phrase that names who spoke;
- `speakers`: from that phrase to a name (pronouns, surnames, appositives, descriptions).
"""
