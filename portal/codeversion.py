"""An identifier of the code being served, for keys of cached pages: a deployment that changes a
template, a view or a translation must not be answered with pages the old code rendered."""

import hashlib
import os
from pathlib import Path

SOURCE_SUFFIXES = (".py", ".html", ".txt", ".mo")
SKIPPED_FOLDERS = {".venv", "var", ".git", "node_modules", "__pycache__", "bench", "tests", "samples"}


def source_fingerprint(base_dir: Path) -> str:
    """A hash of the names, sizes and modification times of the project's sources (not of their
    contents: a few thousand stat() calls at start-up, no reading)."""
    digest = hashlib.sha256()
    for folder, subfolders, files in os.walk(base_dir):
        subfolders[:] = sorted(name for name in subfolders if name not in SKIPPED_FOLDERS)
        for name in sorted(files):
            if name.endswith(SOURCE_SUFFIXES):
                stat = os.stat(os.path.join(folder, name))
                digest.update(f"{folder}/{name}:{stat.st_size}:{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:16]
