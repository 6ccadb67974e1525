"""A private clamd for the tests: on a free loopback port, with a signature database made here.

No signature database can be downloaded in tests, and clamd does not start without one; a hash
database (`sigtool --md5`) of the EICAR test file is enough for clamd to run and to find that file,
alone or inside an archive, and a body signature of it finds it inside any file. Production uses the
operator's mirror of the real databases.
"""

import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest

from notifications.testing import free_port

# The EICAR anti-virus test file (https://www.eicar.org): harmless, recognised by every scanner.
EICAR = b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


class Clamd:
    def __init__(self, directory):
        self.directory = Path(directory)
        self.port = free_port()
        self.address = f"tcp://127.0.0.1:{self.port}"
        self._process = None

    def start(self, timeout=60):
        database = self.directory / "db"
        database.mkdir(parents=True, exist_ok=True)
        sample = self.directory / "eicar.com"
        sample.write_bytes(EICAR)
        signature = subprocess.run(["sigtool", "--md5", str(sample)], check=True, capture_output=True).stdout
        (database / "portal-test.hdb").write_bytes(signature)
        # A body signature too, so that the test string is found inside a file of an accepted type.
        (database / "portal-test.ndb").write_text(f"Portal-Test-Eicar-Body:0:*:{EICAR.hex()}\n")
        config = self.directory / "clamd.conf"
        config.write_text("\n".join([
            f"TCPSocket {self.port}", "TCPAddr 127.0.0.1", f"DatabaseDirectory {database}", "Foreground yes",
            f"LogFile {self.directory / 'clamd.log'}", f"TemporaryDirectory {self.directory}",
            "StreamMaxLength 64M", "",
        ]))
        self._process = subprocess.Popen(["clamd", "--config-file", str(config)],
                                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + timeout
        while not self._pong():
            if self._process.poll() is not None or time.monotonic() > deadline:
                log = (self.directory / "clamd.log")
                raise AssertionError(f"clamd did not start:\n{log.read_text() if log.exists() else ''}")
            time.sleep(0.1)
        return self

    def _pong(self):
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1) as connection:
                connection.sendall(b"zPING\0")
                return connection.recv(16).startswith(b"PONG")
        except OSError:
            return False

    def stop(self):
        if self._process is not None and self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait(timeout=10)
        self._process = None


@pytest.fixture(scope="session")
def clamd_server(tmp_path_factory):
    if shutil.which("clamd") is None or shutil.which("sigtool") is None:
        pytest.fail("clamd and sigtool are not installed (scripts/system-deps.sh installs clamav-daemon)")
    server = Clamd(tmp_path_factory.mktemp("clamd")).start()
    yield server
    server.stop()
