"""WCAG 2.1 A/AA checks with axe-core on every page the browser tests load.

axe-core (MPL-2.0) comes from npm into var/node/ (scripts/install-axe.sh, run by `make test`). It is
added to every page of every browser context as an init script, which the DevTools protocol runs
outside the page's Content-Security-Policy, so the portal's CSP stays as in production. Each top
document runs axe once it has loaded (and once more when the test ends) and reports the violations to
the test through an exposed binding; a test with any violation fails."""

import json
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
AXE_JS = ROOT / "var" / "node" / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Elements another branch owns the fix of; each entry names its issue and goes when that is merged.
EXCLUDE = [
    "input[name=captcha_1]",  # issue 11 labels the captcha input (the captcha widget is theirs)
]

RUNNER = """
(() => {
  if (window.top !== window) return;  // axe checks the frames from their top document
  const options = {runOnly: {type: 'tag', values: %(tags)s}, resultTypes: ['violations']};
  const brief = (violations) => violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map(n => n.target.join(' '))}));
  window.__axeRun = () => axe.run({exclude: %(exclude)s.map(s => [s])}, options)
    .then(result => brief(result.violations));
  window.addEventListener('load', () => setTimeout(() => window.__axeRun()
    .then(found => window.__axeReport(location.href, found)).catch(() => {}), 50));
})();
"""


def _axe_source():
    if not AXE_JS.exists():
        subprocess.run([str(ROOT / "scripts" / "install-axe.sh")], check=False, timeout=300)
    if not AXE_JS.exists():
        pytest.fail("axe-core is missing: run scripts/install-axe.sh (needs npm; `make test` runs it).")
    return AXE_JS.read_text(encoding="utf-8")


class AxeAudit:
    """The violations found during one test: [(url, [{id, impact, help, nodes}, ...]), ...]."""

    _script = None

    def __init__(self):
        self.violations = []

    def attach(self, context):
        if AxeAudit._script is None:
            AxeAudit._script = _axe_source() + RUNNER % {"tags": json.dumps(TAGS), "exclude": json.dumps(EXCLUDE)}
        context.expose_binding("__axeReport", self._report)
        context.add_init_script(script=AxeAudit._script)
        return context

    def _report(self, source, url, violations):
        if violations:
            self.violations.append((url, violations))

    def check_now(self, page):
        """Check the page as the test leaves it (what scripts changed after the load)."""
        try:
            page.wait_for_load_state()
            found = page.evaluate("() => window.__axeRun ? window.__axeRun() : []")
        except Exception:  # noqa: BLE001 - a closed page or one still navigating has been checked on load
            return
        self._report(None, page.url, found)

    def failure(self):
        lines = []
        for url, violations in self.violations:
            for violation in violations:
                lines.append(f"{url}: [{violation['impact']}] {violation['id']} — {violation['help']}: "
                             f"{', '.join(violation['nodes'])}")
        return "\n".join(dict.fromkeys(lines))


class AuditedBrowser:
    """The session's browser, whose new contexts and pages get the current test's audit."""

    current = None

    def __init__(self, browser):
        self._browser = browser

    def new_context(self, **kwargs):
        return AuditedBrowser.current.attach(self._browser.new_context(**kwargs))

    def new_page(self, **kwargs):
        context = self.new_context(**kwargs)
        page = context.new_page()
        # Like Browser.new_page, the page owns its context: closing the page closes it.
        page.on("close", lambda _page: context.close())
        return page

    def __getattr__(self, name):
        return getattr(self._browser, name)
