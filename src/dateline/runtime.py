"""Process-wide settings that must be in place before Prefect or Great Expectations is imported."""

from __future__ import annotations

import os

# Offline by design: no telemetry from Prefect's embedded server or from Great Expectations.
QUIET_DEFAULTS = {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "PREFECT_CLOUD_ENABLE_ORCHESTRATION_TELEMETRY": "false",
    "GX_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
}


def configure_environment() -> None:
    for name, value in QUIET_DEFAULTS.items():
        os.environ.setdefault(name, value)
