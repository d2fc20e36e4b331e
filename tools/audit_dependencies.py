"""Audit the virtualenv's installed packages for known vulnerabilities with pip-audit.

Run by ``make audit`` (part of ``make test``) with the venv's Python, so pip-audit audits that
environment; the project itself (installed editable) is not a published package and is left
out. A known vulnerability fails the run. An advisory database that cannot be reached is not
a finding: the run says plainly that it skipped and passes, as the PostgreSQL run does when
there is no PostgreSQL. Extra arguments go to pip-audit (``-s osv``, ``--ignore-vuln ID``).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from dataclasses import dataclass

SOCKET_TIMEOUT = 10  # seconds per request to the advisory database
DEADLINE = 300  # seconds for the whole audit, so CI never hangs on a dead network
EDITABLE = "distribution marked as editable"
NETWORK_TROUBLE = ("ConnectionError", "NameResolutionError", "Failed to resolve", "Timeout",
                   "timed out", "Max retries exceeded", "name resolution")  # fmt: skip


@dataclass(frozen=True)
class Verdict:
    exit_code: int
    report: str


def run_pip_audit(extra: list[str], *, timeout: int, deadline: int) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "pip_audit", "--format", "json", "--skip-editable",
               "--progress-spinner", "off", "--timeout", str(timeout), *extra]  # fmt: skip
    return subprocess.run(command, capture_output=True, text=True, timeout=deadline, check=False)  # noqa: S603


def judge(returncode: int, stdout: str, stderr: str) -> Verdict:
    """What pip-audit's answer means for the build."""
    try:
        answer = json.loads(stdout)
    except ValueError:
        return _judge_crash(returncode, stderr)
    dependencies = [d for d in answer.get("dependencies", []) if d.get("skip_reason") != EDITABLE]
    vulnerable = [d for d in dependencies if d.get("vulns")]
    if vulnerable:
        return Verdict(1, _vulnerability_report(vulnerable))
    audited = [d for d in dependencies if "skip_reason" not in d]
    skipped = [d for d in dependencies if "skip_reason" in d]
    if not audited:
        # "Dependency not found on PyPI and could not be audited: absl-py (2.5.1)"
        reason = skipped[0]["skip_reason"].split(":")[0] if skipped else "no packages listed"
        return _skipped(f"{len(skipped)} of {len(skipped)} packages unaudited: {reason}")
    note = f" ({len(skipped)} not audited: {_names(skipped)})" if skipped else ""
    return Verdict(0, f"== dependency audit: {len(audited)} packages, "
                      f"no known vulnerabilities{note} ==")  # fmt: skip


def judge_timeout(deadline: int) -> Verdict:
    return _skipped(f"pip-audit did not finish within {deadline} s")


def _judge_crash(returncode: int, stderr: str) -> Verdict:
    """No JSON: the network failing is a skip, anything else a broken check."""
    last_line = (stderr.strip().splitlines() or ["no output"])[-1]
    if any(sign in stderr for sign in NETWORK_TROUBLE):
        return _skipped(last_line[:300])
    return Verdict(1, f"== dependency audit FAILED: pip-audit exited {returncode} ==\n{stderr}")


def _skipped(reason: str) -> Verdict:
    return Verdict(0, f"== dependency audit SKIPPED: advisory database unreachable ({reason}) ==")


def _vulnerability_report(vulnerable: list[dict]) -> str:
    lines = []
    for dependency in vulnerable:
        for vuln in dependency["vulns"]:
            fixed = ", ".join(vuln.get("fix_versions") or []) or "no fixed version yet"
            aliases = ", ".join(vuln.get("aliases") or [])
            lines.append(f"{dependency['name']} {dependency.get('version', '?')}: {vuln['id']}"
                         f"{f' ({aliases})' if aliases else ''}; fixed in {fixed}")  # fmt: skip
    count = sum(len(d["vulns"]) for d in vulnerable)
    return "\n".join([f"== dependency audit FAILED: {count} known vulnerabilities ==", *lines])


def _names(dependencies: list[dict], shown: int = 5) -> str:
    names = [d["name"] for d in dependencies]
    return ", ".join(names[:shown]) + (", …" if len(names) > shown else "")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=int, default=SOCKET_TIMEOUT, help="socket timeout, s")
    parser.add_argument("--deadline", type=int, default=DEADLINE, help="whole audit, s")
    options, extra = parser.parse_known_args(argv)
    try:
        answer = run_pip_audit(extra, timeout=options.timeout, deadline=options.deadline)
        verdict = judge(answer.returncode, answer.stdout, answer.stderr)
    except subprocess.TimeoutExpired:
        verdict = judge_timeout(options.deadline)
    print(verdict.report)
    return verdict.exit_code


if __name__ == "__main__":
    sys.exit(main())
