from django.forms import Media

from portal import admin_kept_tags
from portal.admin_kept_tags import KeptMedia


def test_kept_media_is_the_medias_html_for_each_list_of_files(monkeypatch):
    monkeypatch.setattr(admin_kept_tags, "_kept", {})
    one = Media(css={"all": ["portal/admin.css"]}, js=["admin/js/core.js", "admin/js/actions.js"])
    other = one + Media(js=["portal/admin_counter.js"])
    same = Media(js=["admin/js/core.js", "admin/js/actions.js"], css={"all": ["portal/admin.css"]})
    for media in (one, other, one, same):
        kept = KeptMedia(media)
        for name in ("css", "js"):
            assert kept[name] == media[name].render()
            assert kept[name] == media[name].render()  # the kept one
        assert str(kept) == str(media) and kept.__html__() == media.__html__()
    assert "admin_counter.js" in KeptMedia(other)["js"] and "admin_counter.js" not in KeptMedia(one)["js"]
    assert len(admin_kept_tags._kept) == 4
