"""Benchmark of signature verification (not a test): run `.venv/bin/python bench/signing.py`.

Prints, in one run, for a detached GOST R 34.10-2012 signature over a 256 MB document:
  * whole process: `python -m signing.cms DOCUMENT SIGNATURE --trusted ROOT` next to
    `openssl cms -verify -binary` on the same files, and the ratio (target: at most 1.1x), with the peak
    resident memory of our process (target: under 150 MB); `manage.py verify_signature` for comparison;
  * in process: `verify_cms` next to `openssl dgst -md_gost12_256` on the same file (target: at most
    1.05x), wall and CPU time, and this process's peak resident memory (target: under 150 MB, whatever
    the file size);
  * the time to verify one GOST 512-bit signature on a small document (target: under 50 ms).
The document and the throwaway PKI live in a temporary directory that is deleted afterwards.
Timings are the best of --runs runs (the machine is shared, the minimum is the least disturbed one).
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

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

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


def run_process(command, *, expect=0):
    """(wall seconds, CPU seconds, peak RSS in MB) of one child process, measured with wait4. CPU time
    (user + system) is reported beside wall time: on a shared machine it is the steadier figure."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code != expect:
        raise RuntimeError("%s exited %s: %s" % (command[:3], code, process.stderr.read().decode()[-500:]))
    process.stderr.close()
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def best_process(runs, command):
    results = [run_process(command) for _ in range(runs)]
    return (min(wall for wall, _, _ in results), min(cpu for _, cpu, _ in results),
            max(rss for _, _, rss in results))


def openssl_dgst(document: Path):
    result = subprocess.run(["openssl", "dgst", "-engine", "gost", "-md_gost12_256", str(document)],
                            capture_output=True, check=True)
    return result.stdout


def peak_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bench_whole_process(document, signature, root, runs):
    """Runs alternate between the contestants, so that a burst of load elsewhere hits both alike."""
    lean = [sys.executable, "-m", "signing.cms", str(document), str(signature), "--trusted", str(root.cert)]
    manage = [sys.executable, str(ROOT / "manage.py"), "verify_signature", str(document), str(signature),
              "--trusted", str(root.cert)]
    openssl = ["openssl", "cms", "-verify", "-engine", "gost", "-binary", "-inform", "DER", "-in", str(signature),
               "-content", str(document), "-CAfile", str(root.cert), "-purpose", "any", "-out", "/dev/null"]
    results = {"lean": [], "openssl": []}
    for _ in range(runs):
        results["lean"].append(run_process(lean))
        results["openssl"].append(run_process(openssl))
    best = {name: (min(r[0] for r in rows), min(r[1] for r in rows), max(r[2] for r in rows))
            for name, rows in results.items()}
    best["manage"] = best_process(1, manage)
    return best


def bench_in_process(document, signature, root, runs):
    """((wall, CPU) of verify_cms, (wall, CPU) of openssl dgst), each the best of `runs`."""
    store = TrustStore.from_paths(anchors=[root.cert])
    der = signature.read_bytes()
    ours, theirs = [], []
    dgst = ["openssl", "dgst", "-engine", "gost", "-md_gost12_256", str(document)]
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        report = verify_cms(der, document, store)
        ours.append((time.perf_counter() - wall, time.process_time() - cpu))
        assert report.valid, report.reason
        theirs.append(run_process(dgst)[:2])
    return (min(w for w, _ in ours), min(c for _, c in ours)), (min(w for w, _ in theirs), min(c for _, c in theirs))


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


def verdict(ok):
    return "OK" if ok else "MISSED"


def report_whole(size_mb, whole):
    (lean, lean_cpu, lean_rss), (openssl, openssl_cpu, openssl_rss) = whole["lean"], whole["openssl"]
    manage, manage_cpu, manage_rss = whole["manage"]
    print("Whole process, %d MB document (best wall time, best CPU time, peak RSS):" % size_mb)
    print("  python -m signing.cms:          %.3f s, CPU %.3f s, %.0f MB" % (lean, lean_cpu, lean_rss))
    print("  manage.py verify_signature:     %.3f s, CPU %.3f s, %.0f MB" % (manage, manage_cpu, manage_rss))
    print("  openssl cms -verify -binary:    %.3f s, CPU %.3f s, %.0f MB" % (openssl, openssl_cpu, openssl_rss))
    print("  Ratio to openssl cms, wall: %.3fx, CPU: %.3fx (target <= 1.1x) %s"
          % (lean / openssl, lean_cpu / openssl_cpu, verdict(lean / openssl <= 1.1)))
    print("  Peak RSS of python -m signing.cms: %.0f MB (target < 150 MB) %s" % (lean_rss, verdict(lean_rss < 150)))


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
        document = directory / "large.bin"
        write_document(document, args.size_mb)
        signature = pki.sign(signer_256, document, directory / "large.sig", certfiles=[root.cert])
        openssl_dgst(document)  # warm the page cache for every contestant
        whole = bench_whole_process(document, signature, root, args.runs)
        ours, theirs = bench_in_process(document, signature, root, args.runs)
        document.unlink()
        small = bench_small_512(directory, root, signer_512, 20)
    report_whole(args.size_mb, whole)
    (ours, ours_cpu), (theirs, theirs_cpu) = ours, theirs
    ratio = ours / theirs
    print("In process: verify_cms %.3f s, CPU %.3f s (%.0f MB/s); openssl dgst -md_gost12_256 %.3f s, CPU %.3f s"
          " (%.0f MB/s)" % (ours, ours_cpu, args.size_mb / ours, theirs, theirs_cpu, args.size_mb / theirs))
    print("  Ratio to openssl dgst, wall: %.3fx, CPU: %.3fx (target <= 1.05x) %s"
          % (ratio, ours_cpu / theirs_cpu, verdict(ratio <= 1.05)))
    peak = peak_rss_mb()
    print("  Peak RSS of this process: %.0f MB (target < 150 MB) %s" % (peak, verdict(peak < 150)))
    print("Verify one GOST 512-bit signature, small document (median of 20): %.1f ms (target < 50 ms) %s"
          % (small * 1000, verdict(small < 0.05)))


if __name__ == "__main__":
    main()
