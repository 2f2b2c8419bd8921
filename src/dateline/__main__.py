from dateline.cli import entrypoint

entrypoint()
