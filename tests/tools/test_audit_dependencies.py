"""``make audit`` fails on a known vulnerability, passes a clean audit and says plainly when
the advisory database could not be asked; judged here on canned pip-audit answers."""

import json
import subprocess

from tools import audit_dependencies
from tools.audit_dependencies import judge

EDITABLE = {"name": "jobs-app", "skip_reason": "distribution marked as editable"}


def unfound(name, version="1.0"):
    reason = f"Dependency not found on PyPI and could not be audited: {name} ({version})"
    return {"name": name, "skip_reason": reason}


def clean(name, version="1.0"):
    return {"name": name, "version": version, "vulns": []}


def answer(*dependencies) -> str:
    return json.dumps({"dependencies": [*dependencies], "fixes": []})


def test_a_known_vulnerability_fails_the_build_and_is_named():
    flask = {"name": "flask", "version": "2.2.0", "vulns": [
        {"id": "PYSEC-2023-62", "fix_versions": ["2.2.5", "2.3.2"],
         "aliases": ["CVE-2023-30861"], "description": "cookie leak"}]}  # fmt: skip
    verdict = judge(1, answer(flask, clean("click"), unfound("ortools"), EDITABLE), "")
    assert verdict.exit_code == 1
    assert "FAILED: 1 known vulnerabilities" in verdict.report
    assert "flask 2.2.0: PYSEC-2023-62 (CVE-2023-30861); fixed in 2.2.5, 2.3.2" in verdict.report


def test_a_clean_audit_counts_the_packages_but_not_the_project_itself():
    verdict = judge(0, answer(clean("flask"), clean("click"), EDITABLE), "")
    assert verdict == audit_dependencies.Verdict(
        0, "== dependency audit: 2 packages, no known vulnerabilities =="
    )


def test_packages_that_could_not_be_audited_are_named_beside_a_clean_result():
    verdict = judge(0, answer(clean("flask"), unfound("pyvrp")), "")
    assert verdict.exit_code == 0
    assert "1 packages, no known vulnerabilities (1 not audited: pyvrp)" in verdict.report


def test_every_package_unfound_means_the_database_was_not_reached():
    verdict = judge(0, answer(unfound("flask"), unfound("click"), EDITABLE), "")
    assert verdict.exit_code == 0
    assert verdict.report.startswith("== dependency audit SKIPPED: advisory database unreachable (")
    assert "2 of 2 packages unaudited: Dependency not found on PyPI" in verdict.report


def test_an_unresolvable_service_is_a_skip_not_a_failure():
    stderr = ("Traceback (most recent call last):\n  ...\nrequests.exceptions.ConnectionError: "
              "HTTPSConnectionPool(host='api.osv.dev'): Max retries exceeded")  # fmt: skip
    verdict = judge(1, "", stderr)
    assert verdict.exit_code == 0
    assert "SKIPPED: advisory database unreachable (requests.exceptions" in verdict.report


def test_pip_audit_breaking_for_another_reason_fails_the_build():
    verdict = judge(2, "", "pip-audit: error: unrecognized arguments: --bogus")
    assert verdict.exit_code == 1
    assert "FAILED: pip-audit exited 2" in verdict.report and "--bogus" in verdict.report


def test_an_audit_that_overruns_its_deadline_is_stopped_and_skipped(monkeypatch, capsys):
    calls = []

    def hanging(command, **kwargs):
        calls.append((command, kwargs))
        raise subprocess.TimeoutExpired(command, kwargs["timeout"])

    monkeypatch.setattr(subprocess, "run", hanging)
    assert audit_dependencies.main(["--deadline", "7", "--timeout", "3", "-s", "osv"]) == 0
    command, kwargs = calls[0]
    assert kwargs["timeout"] == 7
    assert command[-4:] == ["--timeout", "3", "-s", "osv"]
    assert "--skip-editable" in command and "json" in command
    assert "SKIPPED: advisory database unreachable (pip-audit did not finish within 7 s)" in (
        capsys.readouterr().out
    )
