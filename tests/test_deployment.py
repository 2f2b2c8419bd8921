"""The scheduled deployment builds, both from code (`dateline serve`) and from prefect.yaml."""

import yaml

from conftest import ROOT


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
