"""portal.html_text gives exactly Django's escaping, faster (issue 18)."""

import pytest
from django.utils import html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from portal import html_text

VALUES = ['ООО «Рога & <копыта>»', "it's \"quoted\"", 42, None, "", mark_safe("<b>safe</b>"),
          gettext_lazy("Applications"), "&amp; already"]


@pytest.mark.parametrize("value", VALUES)
def test_the_same_text_as_django(value):
    assert html_text.escape(value) == html.escape(value)
    assert html_text.conditional_escape(value) == html.conditional_escape(value)
