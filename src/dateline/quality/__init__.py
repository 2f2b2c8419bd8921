"""Data quality: Great Expectations suites from `expectations/`, run on every batch before it is
published and on whole datasets by `dateline validate`."""
