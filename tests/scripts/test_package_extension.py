"""scripts/package-extension: one version everywhere, store-ready archives, nothing private inside."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

import agent

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "package-extension"
VERSION = agent.__version__

# Files a developer's extension folder may hold that must never reach a store.
DEV_FILES = {
    "key.pem": "-----BEGIN PRIVATE KEY-----\nnot a real key\n-----END PRIVATE KEY-----\n",
    "node_modules/left-pad/index.js": "module.exports = 1;\n",
    "tests/overlay.test.js": "test('x', () => {});\n",
    "background/agent-client.test.js": "test('y', () => {});\n",
    ".env": "SECRET=1\n",
    "web-ext-artifacts/old.zip": "old build\n",
    "package.json": "{}\n",
}


@pytest.fixture
def node_tools():
    """web-ext needs node and npm; without them skip on a workstation, but fail under CI."""
    missing = [tool for tool in ("node", "npm") if shutil.which(tool) is None]
    if missing:
        message = f"{' and '.join(missing)} not installed, which scripts/package-extension needs for web-ext"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)


def run_script(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args], capture_output=True, text=True, timeout=300, check=False
    )


def write_extension(folder: Path, version: str = VERSION, extra: dict[str, str] | None = None) -> Path:
    """A small MV3 extension for both browsers, plus ``extra`` files (path → text)."""
    manifest = {
        "manifest_version": 3,
        "name": "Fathom test build",
        "version": version,
        "description": "Packaging test fixture",
        "key": "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAtestkeyonly",
        "browser_specific_settings": {"gecko": {"id": "fathom-test@example.org", "strict_min_version": "128.0"}},
        "background": {"service_worker": "background/worker.js", "scripts": ["background/worker.js"]},
        "permissions": ["storage"],
    }
    files = {
        "manifest.json": json.dumps(manifest, indent=2),
        "background/worker.js": "globalThis.fathomReady = true;\n",
        **(extra or {}),
    }
    for relative, text in files.items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return folder


def zip_manifest(archive: Path) -> dict:
    with zipfile.ZipFile(archive) as bundle:
        return json.loads(bundle.read("manifest.json"))


def zip_files(archive: Path) -> set[str]:
    with zipfile.ZipFile(archive) as bundle:
        return {name for name in bundle.namelist() if not name.endswith("/")}


def test_agent_and_pyproject_versions_agree():
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())

    assert pyproject["project"]["version"] == VERSION


def test_extension_manifest_has_the_agent_version():
    manifest = json.loads((ROOT / "extension" / "manifest.json").read_text())

    assert manifest["version"] == VERSION, "run scripts/package-extension --set-version"


def test_real_extension_packages_lint_clean_with_the_agent_version(node_tools, tmp_path):
    dist = tmp_path / "dist"

    done = run_script("--dist", str(dist))

    assert done.returncode == 0, done.stdout + done.stderr
    chrome, firefox = dist / f"fathom-chrome-{VERSION}.zip", dist / f"fathom-firefox-{VERSION}.zip"
    assert zip_manifest(chrome)["version"] == VERSION
    assert zip_manifest(firefox)["version"] == VERSION
    assert "key" not in zip_manifest(chrome)
    assert zip_files(chrome) == zip_files(firefox)
    assert "web-ext lint error" not in done.stdout


def test_dev_files_and_signing_keys_stay_out_of_both_packages(node_tools, tmp_path):
    source = write_extension(tmp_path / "extension", extra=DEV_FILES)
    dist = tmp_path / "dist"

    done = run_script("--source", str(source), "--dist", str(dist))

    assert done.returncode == 0, done.stdout + done.stderr
    for archive in (dist / f"fathom-chrome-{VERSION}.zip", dist / f"fathom-firefox-{VERSION}.zip"):
        assert zip_files(archive) == {"manifest.json", "background/worker.js"}, archive.name


def test_chrome_package_drops_the_key_and_firefox_only_settings(node_tools, tmp_path):
    source = write_extension(tmp_path / "extension")
    dist = tmp_path / "dist"

    assert run_script("--source", str(source), "--dist", str(dist)).returncode == 0

    chrome = zip_manifest(dist / f"fathom-chrome-{VERSION}.zip")
    assert "key" not in chrome
    assert "browser_specific_settings" not in chrome
    assert chrome["background"] == {"service_worker": "background/worker.js"}
    firefox = zip_manifest(dist / f"fathom-firefox-{VERSION}.zip")
    assert "key" not in firefox
    assert firefox["browser_specific_settings"]["gecko"]["id"] == "fathom-test@example.org"
    assert firefox["background"] == {"scripts": ["background/worker.js"]}


def test_chrome_package_is_reproducible(node_tools, tmp_path):
    source = write_extension(tmp_path / "extension")

    run_script("--source", str(source), "--dist", str(tmp_path / "one"))
    run_script("--source", str(source), "--dist", str(tmp_path / "two"))

    name = f"fathom-chrome-{VERSION}.zip"
    assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()


def test_manifest_with_another_version_fails_with_a_hint(tmp_path):
    source = write_extension(tmp_path / "extension", version="9.9.9")

    done = run_script("--source", str(source), "--dist", str(tmp_path / "dist"))

    assert done.returncode == 1
    assert f"has version '9.9.9' but the agent is {VERSION}" in done.stderr
    assert "--set-version" in done.stderr
    assert not (tmp_path / "dist").exists()


def test_set_version_rewrites_only_the_version_value(node_tools, tmp_path):
    source = write_extension(tmp_path / "extension", version="9.9.9")
    before = (source / "manifest.json").read_text()

    done = run_script("--source", str(source), "--dist", str(tmp_path / "dist"), "--set-version")

    assert done.returncode == 0, done.stdout + done.stderr
    assert (source / "manifest.json").read_text() == before.replace('"9.9.9"', f'"{VERSION}"')


def test_missing_gecko_id_fails_with_a_hint(tmp_path):
    source = write_extension(tmp_path / "extension")
    manifest = json.loads((source / "manifest.json").read_text())
    del manifest["browser_specific_settings"]
    (source / "manifest.json").write_text(json.dumps(manifest))

    done = run_script("--source", str(source), "--dist", str(tmp_path / "dist"))

    assert done.returncode == 1
    assert "browser_specific_settings.gecko.id" in done.stderr


def test_lint_error_fails_the_build_and_writes_no_package(node_tools, tmp_path):
    source = write_extension(tmp_path / "extension", extra={"background/worker.js": "function (\n"})
    dist = tmp_path / "dist"

    done = run_script("--source", str(source), "--dist", str(dist))

    assert done.returncode == 1
    assert "web-ext lint error: JS_SYNTAX_ERROR" in done.stdout
    assert "web-ext lint found 1 error(s)" in done.stderr
    assert list(dist.iterdir()) == []


def test_broken_manifest_is_reported_without_a_traceback(tmp_path):
    source = tmp_path / "extension"
    source.mkdir()
    (source / "manifest.json").write_text('{"version": ')

    done = run_script("--source", str(source), "--dist", str(tmp_path / "dist"))

    assert done.returncode == 1
    assert "is not valid JSON" in done.stderr
    assert "Traceback" not in done.stderr
