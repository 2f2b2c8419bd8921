"""Prefect flows: orchestration only (tasks, retries, batching); the work is in `dateline`."""
