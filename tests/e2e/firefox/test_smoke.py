"""Firefox smoke test: the same extension source installs as a temporary add-on, pairs through its
options page and shows the overlay on a LinkedIn profile."""

from __future__ import annotations

import json

import pytest

from tests.e2e.firefox.firefox_browser import FirefoxBrowser
from tests.e2e.site_pages import LINKEDIN_EDUARDO, linkedin_eduardo
from tests.support.agent_process import AgentProcess

pytestmark = pytest.mark.firefox


def test_the_add_on_pairs_and_shows_the_overlay_on_a_linkedin_profile(
    firefox: FirefoxBrowser, agent: AgentProcess
) -> None:
    page = linkedin_eduardo()
    firefox.serve(page.url, page.html, page.csp)
    firefox.navigate(LINKEDIN_EDUARDO)

    # Not paired yet: the overlay says so and offers the options page (BiDi may not open extension
    # URLs itself, so the test goes through the overlay's own button, as a user would).
    overlay = firefox.find_context("overlay/overlay.html")
    firefox.wait_for(overlay, "document.querySelector('#status button:last-child')", "an options button")
    firefox.client.evaluate(overlay, "document.querySelector('#status button:last-child').click()")
    options = firefox.find_context("options/options.html")
    firefox.wait_for(options, "document.body.dataset.ready", "the options page")

    code = agent.pairing_code()
    firefox.client.evaluate(
        options,
        f"""(() => {{
            document.getElementById("agent-port").value = {json.dumps(str(agent.port))};
            document.getElementById("pairing-code").value = {json.dumps(code)};
            document.getElementById("pair-button").click();
        }})()""",
    )
    result = firefox.wait_for(
        options,
        "!/^(Pairing|$)/.test(document.getElementById('pair-result').textContent) && "
        "document.getElementById('pair-result').textContent",
        "the pairing result",
    )
    status = firefox.client.evaluate(options, "document.getElementById('agent-status').innerText")
    assert result.startswith("Paired"), (result, status, "".join(agent.output))

    name = firefox.wait_for(
        overlay,
        "document.getElementById('person-name') && document.getElementById('person-name').textContent",
        "the person's name",
    )
    assert name == "Eduardo Alvarez Nowak"
    stage = firefox.client.evaluate(overlay, "document.querySelector('#person .stage').textContent")
    assert stage == "Stranger"
