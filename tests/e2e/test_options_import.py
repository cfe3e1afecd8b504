"""Importing a LinkedIn data export from the options page: upload, progress by push, history filled in."""

from __future__ import annotations

import io
import zipfile

import pytest
from playwright.sync_api import expect

from tests.e2e.extension_browser import WAIT_MS, ExtensionBrowser
from tests.e2e.site_pages import ADA, GRACE
from tests.support.agent_process import AgentProcess

pytestmark = pytest.mark.browser

OWNER = "https://www.linkedin.com/in/test-owner-fathomtest"
MESSAGES_HEADER = (
    "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER"
)


def linkedin_export() -> bytes:
    """A small made-up LinkedIn export: two threads, so the export's owner is the one on both."""
    ada, grace = ADA.url.rstrip("/"), GRACE.url.rstrip("/")
    rows = [
        MESSAGES_HEADER,
        f"2-ada,,Ada Lovelace,{ada},Test Owner,{OWNER},2024-02-01 10:00:00 UTC,,Hello from Ada,INBOX",
        f"2-ada,,Test Owner,{OWNER},Ada Lovelace,{ada},2024-02-02 10:00:00 UTC,,Hi Ada,INBOX",
        f"2-grace,,Grace Hopper,{grace},Test Owner,{OWNER},2024-03-01 10:00:00 UTC,,Hello from Grace,INBOX",
    ]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("messages.csv", "\n".join(rows) + "\n")
    return buffer.getvalue()


def test_a_linkedin_export_chosen_in_options_is_imported(paired: ExtensionBrowser, agent: AgentProcess) -> None:
    options = paired.open_options()
    expect(options.locator("#agent-status")).to_contain_text("Connected", timeout=WAIT_MS)
    options.get_by_label("Archive ZIP").set_input_files(
        files=[{"name": "Basic_LinkedInDataExport.zip", "mimeType": "application/zip", "buffer": linkedin_export()}]
    )
    options.get_by_label("Archive kind").select_option("linkedin")
    options.get_by_role("button", name="Import").click()
    expect(options.locator("#import-result")).to_have_text(
        "Imported: 3 interactions added, 2 new people.", timeout=WAIT_MS
    )

    history = agent.show("linkedin", ADA.slug)["interactions"]
    assert sorted((i["kind"], i["direction"]) for i in history) == [("dm", "me"), ("dm", "them")]
    assert "Basic_LinkedInDataExport.zip" in agent.cli("import", "list")  # the file's own name, not upload-….zip


def test_a_text_file_is_called_not_a_zip_by_its_own_name(paired: ExtensionBrowser) -> None:
    options = paired.open_options()
    expect(options.locator("#agent-status")).to_contain_text("Connected", timeout=WAIT_MS)
    options.get_by_label("Archive ZIP").set_input_files(
        files=[{"name": "notes.txt", "mimeType": "text/plain", "buffer": b"eggs, milk\n"}]
    )
    options.get_by_role("button", name="Import").click()
    result = options.locator("#import-result")
    expect(result).to_have_class("error", timeout=WAIT_MS)
    expect(result).to_contain_text("notes.txt: this is not a ZIP file")
    expect(result).not_to_contain_text("incoming")


def test_a_file_that_is_no_export_is_refused_with_what_to_choose(paired: ExtensionBrowser) -> None:
    options = paired.open_options()
    expect(options.locator("#agent-status")).to_contain_text("Connected", timeout=WAIT_MS)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("holiday.txt", "not an export")
    options.get_by_label("Archive ZIP").set_input_files(
        files=[{"name": "holiday.zip", "mimeType": "application/zip", "buffer": buffer.getvalue()}]
    )
    options.get_by_role("button", name="Import").click()
    result = options.locator("#import-result")
    expect(result).to_have_class("error", timeout=WAIT_MS)
    expect(result).to_contain_text("LinkedIn")
