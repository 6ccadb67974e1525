import io
import os
import shutil
import struct
import subprocess
import tracemalloc
import zipfile
from urllib.parse import quote

import pytest

from portal.zipstream import CHUNK_SIZE, ascii_filename, content_disposition, safe_arcname, stream_zip, zip_response

needs_unzip = pytest.mark.skipif(shutil.which("unzip") is None, reason="Info-ZIP unzip is not installed")


def build(entries, **options):
    return b"".join(stream_zip(entries, **options))


def read_back(data):
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        return {info.filename: archive.read(info) for info in archive.infolist()}


class OnlyRead:
    """A source that can only be read: no size, no seek, no file number (like a network stream)."""

    def __init__(self, data):
        self.stream = io.BytesIO(data)
        self.closed = False

    def read(self, size=-1):
        return self.stream.read(size)

    def close(self):
        self.closed = True


def test_it_round_trips_paths_callables_and_open_files(tmp_path):
    path = tmp_path / "план.pdf"
    path.write_bytes(b"%PDF plan" * 1000)
    open_file = io.BytesIO(b"already open")
    data = build([(path.name, path), ("расчёт.xlsx", lambda: io.BytesIO(b"xlsx")), ("note.txt", open_file)])
    assert read_back(data) == {"план.pdf": b"%PDF plan" * 1000, "расчёт.xlsx": b"xlsx", "note.txt": b"already open"}
    assert not open_file.closed  # the caller's file stays the caller's


def test_it_accepts_string_paths_and_keeps_the_modification_time(tmp_path):
    path = tmp_path / "old.txt"
    path.write_bytes(b"old")
    os.utime(path, (1_699_956_000, 1_699_956_000))  # 14 Nov 2023, midday UTC
    with zipfile.ZipFile(io.BytesIO(build([("old.txt", str(path))]))) as archive:
        assert archive.getinfo("old.txt").date_time[:3] == (2023, 11, 14)


def test_cyrillic_names_carry_the_utf8_flag():
    with zipfile.ZipFile(io.BytesIO(build([("Выписка ЕГРН.pdf", io.BytesIO(b"x"))]))) as archive:
        info = archive.infolist()[0]
    assert info.filename == "Выписка ЕГРН.pdf" and info.flag_bits & 0x800


@needs_unzip
def test_unzip_lists_and_extracts_cyrillic_names(tmp_path):
    archive = tmp_path / "docs.zip"
    archive.write_bytes(build([("Заявка/Выписка ЕГРН.pdf", io.BytesIO(b"pdf")), ("план.jpg", io.BytesIO(b"jpg"))]))
    subprocess.run(["unzip", "-q", str(archive), "-d", str(tmp_path / "out")], check=True)
    assert (tmp_path / "out" / "Заявка" / "Выписка ЕГРН.pdf").read_bytes() == b"pdf"
    assert (tmp_path / "out" / "план.jpg").read_bytes() == b"jpg"


def test_duplicate_names_get_numbers_ignoring_case():
    entries = [(name, io.BytesIO(name.encode())) for name in ("скан.pdf", "СКАН.pdf", "скан.pdf", "скан", "скан")]
    assert list(read_back(build(entries))) == ["скан.pdf", "СКАН (2).pdf", "скан (3).pdf", "скан", "скан (2)"]


def test_a_number_suffix_never_collides_with_a_real_name():
    entries = [(name, io.BytesIO(b"")) for name in ("a.pdf", "a (2).pdf", "a.pdf")]
    assert list(read_back(build(entries))) == ["a.pdf", "a (2).pdf", "a (3).pdf"]


@pytest.mark.parametrize("raw, safe", [
    ("../../etc/passwd", "etc/passwd"),
    ("/abs/file.pdf", "abs/file.pdf"),
    ("C:\\Users\\Иван\\скан.pdf", "C/Users/Иван/скан.pdf"),
    ("a\x00b\u202e.pdf", "ab.pdf"),
    ("./ . /..", "file"),
])
def test_names_cannot_escape_the_extraction_folder(raw, safe):
    assert safe_arcname(raw) == safe


def test_an_empty_list_gives_a_valid_empty_archive():
    assert read_back(build([])) == {}


def test_it_can_store_without_compression():
    data = build([("a.txt", io.BytesIO(b"a" * 10_000))], compression=zipfile.ZIP_STORED)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.getinfo("a.txt").compress_type == zipfile.ZIP_STORED
        assert archive.read("a.txt") == b"a" * 10_000


def test_sources_it_opens_are_closed_even_when_the_download_stops_early():
    opened = []

    def opener():
        opened.append(OnlyRead(os.urandom(4 * CHUNK_SIZE)))
        return opened[-1]

    stream = stream_zip([("a.bin", opener), ("b.bin", opener)])
    next(stream)
    stream.close()
    assert len(opened) == 1 and opened[0].closed


def test_a_source_of_unknown_size_is_written_with_zip64_sizes():
    data = build([("stream.bin", OnlyRead(b"z" * 100_000))])
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.read("stream.bin") == b"z" * 100_000
    assert local_header_has_zip64_extra(data)


def local_header_has_zip64_extra(data):
    name_length, extra_length = struct.unpack_from("<HH", data, 26)
    extra = data[30 + name_length:30 + name_length + extra_length]
    return struct.unpack_from("<H", extra)[0] == 0x0001 if extra else False


@needs_unzip
def test_entries_past_the_4_gb_limit_use_zip64(monkeypatch, tmp_path):
    """Writing 4 GB takes too long for a unit test, so the limit is lowered to take the same code path."""
    payload = os.urandom(300_000)
    with monkeypatch.context() as patch:
        patch.setattr(zipfile, "ZIP64_LIMIT", 100_000)
        data = build([("большой.bin", io.BytesIO(payload)), ("second.bin", io.BytesIO(payload))])
    assert local_header_has_zip64_extra(data)
    assert read_back(data) == {"большой.bin": payload, "second.bin": payload}
    (tmp_path / "big.zip").write_bytes(data)
    subprocess.run(["unzip", "-tq", str(tmp_path / "big.zip")], check=True, capture_output=True)


def test_more_than_65535_entries_use_the_zip64_end_record():
    data = build((f"{number}.txt", io.BytesIO(b"x")) for number in range(70_000))
    assert b"PK\x06\x06" in data[-200:]
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
    assert len(names) == 70_000 and names[-1] == "69999.txt"


def test_memory_stays_flat_while_streaming_50_mb(tmp_path):
    block = os.urandom(1024 * 1024)
    paths = []
    for number in range(5):
        paths.append(tmp_path / f"{number}.bin")
        paths[-1].write_bytes(block * 10)
    tracemalloc.start()
    try:
        total, largest = 0, 0
        for chunk in stream_zip((path.name, path) for path in paths):
            total, largest = total + len(chunk), max(largest, len(chunk))
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert total > 50 * 1024 * 1024
    assert peak < 10 * 1024 * 1024 and largest < 4 * CHUNK_SIZE


def test_the_response_streams_a_zip_with_a_cyrillic_file_name():
    response = zip_response([("план.pdf", lambda: io.BytesIO(b"pdf"))], "Заявка 2026-000123.zip")
    assert response.streaming and response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"] == (
        "attachment; filename=\"Zayavka 2026-000123.zip\"; "
        f"filename*=UTF-8''{quote('Заявка 2026-000123.zip', safe='')}"
    )
    assert response["X-Accel-Buffering"] == "no" and not response.has_header("Content-Length")
    assert read_back(b"".join(response.streaming_content)) == {"план.pdf": b"pdf"}


def test_an_ascii_file_name_needs_no_encoded_form():
    assert content_disposition("2026-000123.zip") == 'attachment; filename="2026-000123.zip"'
    assert content_disposition("a.pdf", attachment=False) == 'inline; filename="a.pdf"'


@pytest.mark.parametrize("name, fallback", [
    ("Щука и ёж.zip", "Shchuka i ezh.zip"),
    ('Отчёт "итог"; v2.zip', "Otchet itog v2.zip"),
    ("中文.zip", ".zip"),
    ("日本", "download"),
    ("a/b\\c.zip", "a_bc.zip"),
])
def test_the_ascii_fallback_is_readable_and_safe(name, fallback):
    assert ascii_filename(name) == fallback
