import json

import pytest
from whitenoise.storage import CompressedManifestStaticFilesStorage

from portal.static_storage import ManifestStaticFilesStorage


@pytest.fixture
def manifest_dir(tmp_path):
    paths = {"portal/portal.css": "portal/portal.0123abcd.css", "a b/ä.js": "a b/ä.89ef.js"}
    (tmp_path / "staticfiles.json").write_text(json.dumps({"paths": paths, "version": "1.1", "hash": "x"}))
    return tmp_path


@pytest.mark.parametrize("name", ["portal/portal.css", "a b/ä.js", "portal/portal.css?v=1#top"])
def test_kept_url_is_whitenoises(manifest_dir, name):
    kept = ManifestStaticFilesStorage(location=manifest_dir, base_url="/static/")
    former = CompressedManifestStaticFilesStorage(location=manifest_dir, base_url="/static/")
    assert kept.url(name) == former.url(name)
    assert kept.url(name) == former.url(name)  # the kept one, the second time
    assert kept.url(name, force=True) == former.url(name, force=True)


def test_missing_name_raises_each_time(manifest_dir):
    storage = ManifestStaticFilesStorage(location=manifest_dir, base_url="/static/")
    for _ in range(2):
        with pytest.raises(ValueError):
            storage.url("missing.css")
