"""Static checks of extension/manifest.json and the extension's source tree (no browser needed)."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path
from typing import Any

import pytest

EXTENSION = Path(__file__).resolve().parents[2] / "extension"
SITE_PATTERNS = ["https://www.linkedin.com/in/*", "https://x.com/*", "https://twitter.com/*"]
WAR_ORIGINS = ["https://www.linkedin.com/*", "https://x.com/*", "https://twitter.com/*"]


def load_manifest() -> dict[str, Any]:
    return json.loads((EXTENSION / "manifest.json").read_text(encoding="utf-8"))


def named_files(manifest: dict[str, Any]) -> list[str]:
    """Every file path the manifest refers to."""
    files: list[str] = []
    files += manifest["icons"].values()
    files += manifest["action"]["default_icon"].values()
    files += [manifest["action"]["default_popup"], manifest["options_ui"]["page"]]
    files += [manifest["background"]["service_worker"], *manifest["background"]["scripts"]]
    for entry in manifest["content_scripts"]:
        files += entry.get("js", []) + entry.get("css", [])
    for entry in manifest["web_accessible_resources"]:
        files += entry["resources"]
    return files


def match_pattern_regex(pattern: str) -> re.Pattern[str]:
    """A Chrome match pattern (scheme://host/path with * wildcards) as a regex over full URLs."""
    scheme, rest = pattern.split("://", 1)
    host, path = rest.split("/", 1)
    host_re = re.escape(host).replace(r"\*", "[^/]*")
    path_re = re.escape("/" + path).replace(r"\*", ".*")
    return re.compile(f"^{re.escape(scheme)}://{host_re}{path_re}$")


def test_permissions_are_only_storage() -> None:
    manifest = load_manifest()
    assert manifest["permissions"] == ["storage"]
    assert "optional_permissions" not in manifest


def test_host_permissions_are_loopback_and_the_profile_sites_only() -> None:
    manifest = load_manifest()
    assert sorted(manifest["host_permissions"]) == sorted(["http://127.0.0.1/*", *SITE_PATTERNS])
    assert "<all_urls>" not in json.dumps(manifest)


def test_every_file_the_manifest_names_exists() -> None:
    missing = [name for name in named_files(load_manifest()) if not (EXTENSION / name).is_file()]
    assert missing == []


def test_one_manifest_serves_chrome_and_firefox() -> None:
    manifest = load_manifest()
    background = manifest["background"]
    assert background["service_worker"] == "background/service-worker.js"
    assert background["scripts"] == ["background/service-worker.js"]
    assert manifest["browser_specific_settings"]["gecko"]["id"]
    assert manifest["minimum_chrome_version"] == "116"
    assert manifest["externally_connectable"] == {"matches": [], "ids": []}


def test_content_script_matches_are_the_profile_patterns() -> None:
    manifest = load_manifest()
    matches = sorted(m for entry in manifest["content_scripts"] for m in entry["matches"])
    assert matches == sorted(SITE_PATTERNS)


def test_content_scripts_start_with_the_document_so_the_overlay_loads_while_the_page_parses() -> None:
    assert {entry["run_at"] for entry in load_manifest()["content_scripts"]} == {"document_start"}


@pytest.mark.parametrize(
    ("url", "hit"),
    [
        ("https://www.linkedin.com/in/eduardo-alvarez-nowak/", True),
        ("https://x.com/Kikobeats", True),
        ("https://twitter.com/Kikobeats", True),
        ("https://www.linkedin.com/feed/", False),
        ("https://www.linkedin.com/company/linkedin/", False),
        ("https://www.linkedin.com/messaging/thread/1/", False),
        ("https://evil.test/in/someone", False),
        ("https://www.linkedin.com.evil.test/in/someone", False),
        ("http://www.linkedin.com/in/someone", False),
    ],
)
def test_content_scripts_only_run_on_profile_sites(url: str, hit: bool) -> None:
    manifest = load_manifest()
    patterns = [match_pattern_regex(m) for entry in manifest["content_scripts"] for m in entry["matches"]]
    assert any(p.match(url) for p in patterns) is hit


def test_the_overlay_page_is_the_only_web_accessible_resource_and_only_for_the_sites() -> None:
    (entry,) = load_manifest()["web_accessible_resources"]
    assert entry["resources"] == ["overlay/overlay.html"]
    assert sorted(entry["matches"]) == sorted(WAR_ORIGINS)
    assert entry["use_dynamic_url"] is True


def test_extension_pages_may_connect_only_to_the_loopback_agent() -> None:
    policy = load_manifest()["content_security_policy"]["extension_pages"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";") if d.strip())
    assert directives["script-src"] == "'self'"
    # Also keeps Firefox's default upgrade-insecure-requests from turning ws://127.0.0.1 into wss://.
    assert directives["connect-src"] == "http://127.0.0.1:* ws://127.0.0.1:*"
    assert "upgrade-insecure-requests" not in directives


def test_manifest_key_gives_the_committed_extension_id() -> None:
    der = base64.b64decode(load_manifest()["key"])
    digest = hashlib.sha256(der).hexdigest()[:32]
    expected = "".join(chr(ord("a") + int(c, 16)) for c in digest)
    assert (EXTENSION / "EXTENSION_ID").read_text(encoding="utf-8").strip() == expected


def test_no_private_key_is_committed_in_the_extension() -> None:
    for path in EXTENSION.rglob("*"):
        if path.is_file() and path.suffix not in {".png"}:
            assert "PRIVATE KEY" not in path.read_text(encoding="utf-8"), path


def content_script_files() -> list[Path]:
    manifest = load_manifest()
    return sorted({EXTENSION / js for entry in manifest["content_scripts"] for js in entry["js"]})


@pytest.mark.parametrize("path", content_script_files(), ids=lambda p: str(p.relative_to(EXTENSION)))
def test_content_scripts_never_reach_the_network_or_listen_to_the_page(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    for forbidden in ("fetch(", "WebSocket(", "XMLHttpRequest", "EventSource(", "sendBeacon("):
        assert forbidden not in source, f"{path.name} uses {forbidden}"
    assert not re.search(r"""addEventListener\(\s*["']message["']""", source), f"{path.name} listens to postMessage"
    assert "onmessage" not in source


def test_only_the_agent_client_opens_connections_to_the_agent() -> None:
    users = sorted(
        str(p.relative_to(EXTENSION))
        for p in EXTENSION.rglob("*.js")
        if re.search(r"\bfetch\(|new WebSocket\(", p.read_text(encoding="utf-8"))
    )
    assert users == ["background/agent-client.js"]


def test_the_background_never_answers_other_extensions() -> None:
    for path in EXTENSION.rglob("*.js"):
        source = path.read_text(encoding="utf-8")
        assert "onMessageExternal" not in source, path
        assert "onConnectExternal" not in source, path


def test_extension_code_never_injects_html_strings() -> None:
    for path in EXTENSION.rglob("*.js"):
        source = path.read_text(encoding="utf-8")
        for sink in ("innerHTML", "insertAdjacentHTML", "document.write", "eval("):
            assert sink not in source, f"{path.relative_to(EXTENSION)} uses {sink}"


def localized(manifest: dict[str, Any], value: str) -> str:
    """A manifest string with its __MSG_key__ resolved from the default locale's messages."""
    m = re.fullmatch(r"__MSG_(\w+)__", value)
    if not m:
        return value
    locale = manifest["default_locale"]
    messages = json.loads((EXTENSION / "_locales" / locale / "messages.json").read_text(encoding="utf-8"))
    return str(messages[m.group(1)]["message"])


def test_description_fits_the_chrome_web_store_limit_of_132_characters() -> None:
    manifest = load_manifest()
    description = localized(manifest, manifest["description"])
    assert 0 < len(description) <= 132, f"{len(description)} characters: {description}"


# What the extension sends to the agent, in Mozilla's terms (extensionworkshop.com, "Firefox built-in consent
# for data collection and transmission"): a program on the same machine still counts.
SENT_TO_THE_AGENT = {
    "websiteContent",  # the profile's head metadata and header HTML (content/page-context.js)
    "browsingActivity",  # which profile URLs the user opens (CS_PROFILE_OPEN)
    "websiteActivity",  # clicks on Connect / Message / Follow (content/intent-watch.js)
    "personallyIdentifyingInfo",  # names, handles and headlines on those profiles
    "personalCommunications",  # the user's notes, and the messages in an imported export
}


def test_firefox_data_collection_declares_what_the_agent_receives() -> None:
    permissions = load_manifest()["browser_specific_settings"]["gecko"]["data_collection_permissions"]
    assert set(permissions["required"]) == SENT_TO_THE_AGENT
    assert "none" not in permissions["required"]


def test_the_privacy_policy_names_every_declared_kind_of_data_and_the_readme_links_it() -> None:
    repo = EXTENSION.parent
    policy = (repo / "PRIVACY.md").read_text(encoding="utf-8")
    for words in ("website content", "browsing activity", "website activity", "personally identifying", "personal"):
        assert words in policy, words
    assert "127.0.0.1" in policy and "until" in policy
    assert "(PRIVACY.md)" in (repo / "README.md").read_text(encoding="utf-8")
