import datetime
import zoneinfo

import pytest
from django.utils import formats, translation

from portal.datetime_text import _writer, localized_datetime

MOSCOW = zoneinfo.ZoneInfo("Europe/Moscow")
VALUES = [datetime.datetime(2026, month, day, hour, minute, tzinfo=MOSCOW)
          for month in range(1, 13) for day, hour, minute in ((1, 0, 0), (9, 9, 5), (28, 23, 59))]
VALUES += [datetime.datetime(999, 5, 17, 12, 30), datetime.datetime(2026, 2, 3, 4, 5, 6, tzinfo=datetime.UTC)]


@pytest.mark.parametrize("language", ["ru", "en"])
def test_each_value_is_written_as_djangos_localize_writes_it(language):
    with translation.override(language):
        for value in VALUES:
            assert localized_datetime(value) == formats.localize(value)


def test_the_russian_format_is_written_here_and_others_are_left_to_django(settings):
    assert _writer("ru") is not None
    assert _writer("en") is None  # "N j, Y, P": not written here
    with translation.override("ru"):
        assert localized_datetime(datetime.datetime(2026, 3, 1, 9, 5)) == "1 марта 2026 г. 9:05"
