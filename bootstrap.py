"""Set up the project's virtual environment and run its main job or its tests.

    python3 bootstrap.py demo   # ingest the bundled demo corpus and serve it on http://127.0.0.1:8000
    python3 bootstrap.py test   # lint, type-check and run the test suite

Only the standard library is used here: this script runs before anything is installed.
The environment lives in .venv and is rebuilt when requirements.lock or pyproject.toml change.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / ".frontwatch-installed"
LOCK_INPUTS = ("requirements.lock", "pyproject.toml")


def _venv_bin(name: str) -> Path:
    return VENV / ("Scripts" if os.name == "nt" else "bin") / name


def _lock_digest() -> str:
    digest = hashlib.sha256()
    for name in LOCK_INPUTS:
        digest.update((ROOT / name).read_bytes())
    return digest.hexdigest()


def ensure_environment() -> None:
    """Create .venv and install the pinned dependencies unless they are already current."""
    wanted = _lock_digest()
    if STAMP.exists() and STAMP.read_text() == wanted:
        return
    if not _venv_bin("python").exists():
        print("bootstrap: creating .venv", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    pip = [str(_venv_bin("python")), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    print("bootstrap: installing pinned dependencies (requirements.lock)", flush=True)
    subprocess.run([*pip, "-r", str(ROOT / "requirements.lock")], check=True)
    subprocess.run([*pip, "--no-deps", "-e", str(ROOT)], check=True)
    STAMP.write_text(wanted)


def run(argv: list[str]) -> int:
    """Run one of the project's entry points inside the environment."""
    if not argv or argv[0] not in COMMANDS:
        print(__doc__)
        return 2
    ensure_environment()
    return COMMANDS[argv[0]](argv[1:])


def _demo(extra: list[str]) -> int:
    return subprocess.call([str(_venv_bin("frontwatch")), "demo", *extra], cwd=ROOT)


SYSTEM_TOOLS = (
    ("install_browser.sh", "Debian's chromium and playwright-core", "tests/test_browser.py"),
    ("install_gdal.sh", "GDAL's ogrinfo", "tests/test_export_ogrinfo.py::test_geojson_export_loads_in_gdal"),
)


def ensure_system_tools() -> None:
    """Best effort: the browser and GDAL that some tests drive; a failure only makes those tests skip."""
    for name, what, tests in SYSTEM_TOOLS:
        script = ROOT / "scripts" / name
        print("bootstrap:", script.relative_to(ROOT), flush=True)
        if shutil.which("bash") is None or subprocess.call(["bash", str(script)], cwd=ROOT) != 0:
            print(
                f"bootstrap: could not install {what}; {tests} will be SKIPPED "
                f"(run scripts/{name} where apt-get and npm work)",
                flush=True,
            )


def _test(extra: list[str]) -> int:
    ensure_system_tools()
    steps = [
        [str(_venv_bin("ruff")), "check", "frontwatch", "tests", "bench", "bootstrap.py"],
        [str(_venv_bin("ruff")), "format", "--check", "frontwatch", "tests", "bench", "bootstrap.py"],
        [str(_venv_bin("mypy"))],
        [str(_venv_bin("python")), "-m", "pytest", *extra],
    ]
    for step in steps:
        print("bootstrap:", Path(step[0]).name, *step[1:], flush=True)
        code = subprocess.call(step, cwd=ROOT)
        if code != 0:
            return code
    return 0


COMMANDS = {"demo": _demo, "test": _test}

if __name__ == "__main__":
    sys.exit(run(sys.argv[1:]))
