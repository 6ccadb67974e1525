"""Every deletion asks first: a form whose action deletes (a draft, a file, an unsent application) sits
behind a <details> summary, so one click never deletes (issue 17; no script needed)."""

import re
from pathlib import Path

from django.conf import settings

DELETING_FORM = re.compile(r"<form\b[^>]*action=\"\{% url '[\w]+:[\w]*delete[\w]*'[^>]*>")


def test_every_deleting_form_is_behind_a_confirmation():
    root = Path(settings.BASE_DIR)
    unguarded = []
    for path in root.rglob("*.html"):
        if {".venv", "node_modules", "var"} & set(path.relative_to(root).parts):
            continue
        source = path.read_text(encoding="utf-8")
        for match in DELETING_FORM.finditer(source):
            before = source[:match.start()]
            if before.rfind("<details") <= before.rfind("</details>"):
                unguarded.append(f"{path.relative_to(root)}: {match.group(0)}")
    assert not unguarded, "\n".join(unguarded)
