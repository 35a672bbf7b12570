"""Run the steps of the repository's composite action (action.yml) as a GitHub runner does.

    python .ci/action_steps.py WORKSPACE [NAME=VALUE ...]

Each step's ``${{ inputs.* }}`` and ``${{ github.action_path }}`` are filled in (inputs from
the arguments, else their defaults), and its ``run`` script is written to a file and run with
``bash --noprofile --norc -eo pipefail``, GitHub's command for ``shell: bash``, in WORKSPACE,
with the step's ``env`` and the runner's variables (GITHUB_ACTION_PATH, GITHUB_WORKSPACE,
RUNNER_TEMP). Steps run in order until one fails; the exit status is that step's, or 0.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
EXPRESSION = re.compile(r"\$\{\{\s*([A-Za-z0-9_.-]+)\s*\}\}")


def main(argv: list[str]) -> int:
    workspace = Path(argv[0]).resolve()
    given = dict(argument.split("=", 1) for argument in argv[1:])
    action = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))
    assert action["runs"]["using"] == "composite", "only composite actions are run here"
    inputs = {name: str(spec.get("default", "")) for name, spec in action["inputs"].items()}
    unknown = set(given) - set(inputs)
    if unknown:
        sys.exit(f"action_steps: action.yml has no input {', '.join(sorted(unknown))}")
    inputs.update(given)
    context = {f"inputs.{name}": value for name, value in inputs.items()}
    context["github.action_path"] = str(REPO)
    context["github.workspace"] = str(workspace)

    def fill(text: str) -> str:
        return EXPRESSION.sub(lambda match: context[match[1]], text)

    with tempfile.TemporaryDirectory(prefix="runner-temp-") as runner_temp:
        base_env = {
            **os.environ,
            "GITHUB_ACTIONS": "true",
            "GITHUB_ACTION_PATH": str(REPO),
            "GITHUB_WORKSPACE": str(workspace),
            "RUNNER_TEMP": runner_temp,
        }
        for number, step in enumerate(action["runs"]["steps"], 1):
            assert step.get("shell") == "bash", "each step says shell: bash"
            script = Path(runner_temp, f"step-{number}.sh")
            script.write_text(fill(step["run"]), encoding="utf-8")
            step_env = {key: fill(str(value)) for key, value in step.get("env", {}).items()}
            env = {**base_env, **step_env}
            name = step.get("name", "")
            print(f"action_steps: step {number}: {name}", file=sys.stderr, flush=True)
            status = subprocess.run(
                ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
                cwd=workspace,
                env=env,
                check=False,
            ).returncode
            if status != 0:
                return status
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
