import os

from portal.codeversion import source_fingerprint


def test_the_code_version_changes_when_a_template_changes(tmp_path):
    template = tmp_path / "app" / "templates" / "page.html"
    template.parent.mkdir(parents=True)
    template.write_text("<p>one</p>")
    before = source_fingerprint(tmp_path)
    assert source_fingerprint(tmp_path) == before
    template.write_text("<p>two, longer</p>")
    assert source_fingerprint(tmp_path) != before


def test_the_virtualenv_and_data_folders_do_not_count(tmp_path):
    (tmp_path / "app.py").write_text("x = 1")
    before = source_fingerprint(tmp_path)
    for folder in (".venv", "var"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "module.py").write_text("y = 2")
        os.utime(tmp_path / folder / "module.py")
    assert source_fingerprint(tmp_path) == before
