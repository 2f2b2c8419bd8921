"""The scheduled deployment builds, both from code (`dateline serve`) and from prefect.yaml, and
both run on a real Prefect server."""

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pandas as pd
import pytest
import yaml

from conftest import ROOT, SEEDS


def test_serve_deployment_has_an_hourly_cron_and_the_run_parameters():
    from dateline.flows.deployment import build_deployment

    deployment = build_deployment(source="seeds", output="output")
    assert deployment.name == "dateline-scheduled"
    assert deployment.flow_name == "dateline-pipeline"
    (schedule,) = deployment.schedules
    assert schedule.schedule.cron == "0 * * * *"
    assert deployment.parameters == {"source": "seeds", "output": "output"}


def test_prefect_yaml_deployment_points_at_the_pipeline_flow():
    from prefect.flows import load_flow_from_entrypoint

    config = yaml.safe_load((ROOT / "prefect.yaml").read_text())
    (deployment,) = config["deployments"]
    path, _, name = deployment["entrypoint"].partition(":")
    flow = load_flow_from_entrypoint(f"{ROOT / path}:{name}")
    assert flow.name == "dateline-pipeline"
    assert set(deployment["parameters"]) <= set(flow.parameters.properties)
    assert deployment["schedules"][0]["cron"] == "0 * * * *"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _start(command: list[str], env: dict[str, str], log: Path) -> subprocess.Popen:
    with log.open("w") as handle:  # the child keeps its own descriptor
        return subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True
        )


def _call(command: list[str], env: dict[str, str], timeout: float) -> str:
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, f"{' '.join(command)}\n{done.stdout}\n{done.stderr}"
    return done.stdout


def _wait_for(check, what: str, log: Path, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.5)
    raise AssertionError(f"no {what} after {seconds:.0f} s:\n{log.read_text()[-3000:]}")


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/health", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


@pytest.mark.slow
def test_both_deployments_run_on_a_real_prefect_server(tmp_path):
    """The README's sequences, as a user types them, against `prefect server start` on loopback:
    `dateline serve` and a triggered run; then a process work pool, `prefect deploy` of
    prefect.yaml and a worker. Each run writes the seed's tables where its parameters say."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}/api"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env |= {
        "PREFECT_HOME": str(tmp_path / "prefect"),
        "PREFECT_API_URL": url,
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "DATELINE_HOME": str(ROOT),
    }
    bin_dir = Path(sys.executable).parent
    prefect, dateline = str(bin_dir / "prefect"), str(bin_dir / "dateline")
    started: list[subprocess.Popen] = []
    try:
        server_log = tmp_path / "server.log"
        started.append(
            _start([prefect, "server", "start", "--host", "127.0.0.1", "--port", str(port)], env, server_log)
        )
        _wait_for(lambda: _healthy(url), "healthy server", server_log)

        served = tmp_path / "served"
        serve_log = tmp_path / "serve.log"
        serve = [dateline, "serve", "--source", str(SEEDS), "--output", str(served), "--cron", "0 0 1 1 *"]
        started.append(_start(serve, env, serve_log))
        _wait_for(
            lambda: "polling for scheduled runs" in serve_log.read_text(), "served deployment", serve_log
        )
        run = [prefect, "deployment", "run", "dateline-pipeline/dateline-scheduled", "--watch"]
        assert "Completed" in _call([*run, "--watch-timeout", "300"], env, timeout=330)
        assert len(pd.read_parquet(served / "documents")) == 1

        _call([prefect, "work-pool", "create", "dateline-local", "--type", "process"], env, timeout=60)
        _call([prefect, "--no-prompt", "deploy", "--name", "dateline-hourly"], env, timeout=120)
        worked = tmp_path / "worked"
        parameters = ["-p", f"source={SEEDS}", "-p", f"output={worked}"]
        _call(
            [prefect, "deployment", "run", "dateline-pipeline/dateline-hourly", *parameters], env, timeout=60
        )
        worker_log = tmp_path / "worker.log"
        worker = [prefect, "worker", "start", "--pool", "dateline-local", "--run-once"]
        assert _start(worker, env, worker_log).wait(timeout=300) == 0, worker_log.read_text()[-3000:]
        assert "Finished in state Completed" in worker_log.read_text()
        pd.testing.assert_frame_equal(pd.read_parquet(worked / "quotes"), pd.read_parquet(served / "quotes"))
    finally:
        for process in reversed(started):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=20)
