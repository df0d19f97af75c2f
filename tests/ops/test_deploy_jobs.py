"""The scheduled jobs shipped in deploy/: every timer runs a job run-job.sh knows, every job a command that exists."""

import re
from pathlib import Path

from django.core.management import get_commands

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"


def _jobs() -> dict[str, str]:
    script = (DEPLOY / "run-job.sh").read_text()
    return dict(re.findall(r"^  ([a-z-]+)\) (.*?) ;;$", script, flags=re.MULTILINE))


def test_every_job_runs_an_existing_management_command():
    jobs = _jobs()
    assert len(jobs) >= 8
    commands = get_commands()
    for name, line in jobs.items():
        match = re.search(r"manage\.py ([a-z_]+)", line)
        assert match, f"job {name} runs no management command: {line}"
        assert match.group(1) in commands, f"job {name}: manage.py {match.group(1)} does not exist"


def test_every_timer_starts_a_known_job():
    jobs = _jobs()
    timers = sorted((DEPLOY / "systemd").glob("*.timer"))
    assert len(timers) >= 8
    for timer in timers:
        unit = re.search(r"^Unit=techtransfer-job@([a-z-]+)\.service$", timer.read_text(), flags=re.MULTILINE)
        assert unit and unit.group(1) in jobs, f"{timer.name} starts a job run-job.sh does not know"
        assert "do not enable" not in timer.read_text()
