"""From source files to normalised `Document`s: discovery, splitting into records, decoding, parsing."""
