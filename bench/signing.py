"""Benchmark of signature verification (not a test): run `.venv/bin/python bench/signing.py`.

Prints, in one run:
  * the time to verify a detached GOST R 34.10-2012 signature over a 256 MB document, next to
    `openssl dgst -md_gost12_256` on the same file, and the ratio (target: at most 1.25x);
  * the peak resident memory of this process (target: under 150 MB, whatever the file size);
  * the time to verify one GOST 512-bit signature on a small document (target: under 50 ms).
The document and the throwaway PKI live in a temporary directory that is deleted afterwards.
"""

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from signing import gost  # noqa: E402
from signing.cms import TrustStore, verify_cms  # noqa: E402
from signing.testing import pki  # noqa: E402

MB = 1 << 20


def write_document(path: Path, size_mb: int):
    """Pseudo-random content (not zeros, so nothing downstream can shortcut it), written in 1 MB steps."""
    block = os.urandom(MB)
    with open(path, "wb") as handle:
        for index in range(size_mb):
            handle.write(block[index % 256:] + block[:index % 256])


def best_of(runs, action):
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        timings.append(time.perf_counter() - start)
    return min(timings)


def openssl_dgst(document: Path):
    result = subprocess.run(["openssl", "dgst", "-engine", "gost", "-md_gost12_256", str(document)],
                            capture_output=True, check=True)
    return result.stdout


def peak_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bench_large(directory: Path, root, signer, size_mb, runs):
    document = directory / "large.bin"
    write_document(document, size_mb)
    signature = pki.sign(signer, document, directory / "large.sig", certfiles=[signer.authority.cert])
    store = TrustStore.from_paths(anchors=[root.cert])
    der = signature.read_bytes()
    openssl_dgst(document)  # warm the page cache for both contestants

    def ours():
        report = verify_cms(der, document, store)
        assert report.valid, report.reason

    ours_time = best_of(runs, ours)
    openssl_time = best_of(runs, lambda: openssl_dgst(document))
    document.unlink()
    return ours_time, openssl_time


def bench_small_512(directory: Path, root, signer, runs):
    document = directory / "small.txt"
    document.write_bytes("Заявление о подключении. ".encode() * 40)
    signature = pki.sign(signer, document, directory / "small.sig", certfiles=[signer.authority.cert])
    store = TrustStore.from_paths(anchors=[root.cert])
    der = signature.read_bytes()
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        report = verify_cms(der, document, store)
        timings.append(time.perf_counter() - start)
        assert report.valid, report.reason
    return statistics.median(timings)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=int, default=256)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print("GOST digests native:", ", ".join(sorted(n for n in ("streebog256", "streebog512", "gostr3411_94")
                                                   if gost.is_native(n))) or "none (pure Python)")
    with tempfile.TemporaryDirectory(prefix="bench-signing-") as temporary:
        directory = Path(temporary)
        root = pki.Authority(directory, "root", "gost2012_512_A")
        signer_256 = root.issue("signer256", "gost2012_256_TCA", "/CN=Bench 256")
        signer_512 = root.issue("signer512", "gost2012_512_A", "/CN=Bench 512")
        ours, theirs = bench_large(directory, root, signer_256, args.size_mb, args.runs)
        small = bench_small_512(directory, root, signer_512, 20)
    ratio = ours / theirs
    print("Verify detached signature, %d MB document: %.3f s (%.0f MB/s)" % (args.size_mb, ours, args.size_mb / ours))
    print("openssl dgst -md_gost12_256, same file:     %.3f s (%.0f MB/s)" % (theirs, args.size_mb / theirs))
    print("Ratio to openssl: %.2fx (target <= 1.25x) %s" % (ratio, "OK" if ratio <= 1.25 else "MISSED"))
    peak = peak_rss_mb()
    print("Peak RSS of this process: %.0f MB (target < 150 MB) %s" % (peak, "OK" if peak < 150 else "MISSED"))
    print("Verify one GOST 512-bit signature, small document (median of 20): %.1f ms (target < 50 ms) %s"
          % (small * 1000, "OK" if small < 0.05 else "MISSED"))


if __name__ == "__main__":
    main()
