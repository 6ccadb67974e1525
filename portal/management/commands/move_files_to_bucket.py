"""Copy the uploads kept in local files (MEDIA_ROOT) into the S3 bucket the portal is configured with.

    manage.py move_files_to_bucket [--from DIR] [--delete-local] [--dry-run]

Every file a row refers to (the fields registered in portal.files) is uploaded under the same name
with its sha256 in the object's metadata, then read back from the bucket and checked: size and sha256
must match the local file. Idempotent and resumable: an object already in the bucket with the same
size and sha256 is skipped, so an interrupted run is simply started again. Local files are deleted only
with --delete-local, and only once their copy is verified. Exit status 1 if anything failed.
"""

import hashlib

from botocore.exceptions import ClientError
from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.management.base import BaseCommand, CommandError
from storages.utils import clean_name

from portal import files
from portal.storage import is_s3

CHUNK = 1024 * 1024


class Command(BaseCommand):
    help = "Copy local uploads to the configured S3 bucket (idempotent, resumable, verified by size and sha256)."

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="source", default=None, help="Local folder (default MEDIA_ROOT).")
        parser.add_argument("--delete-local", action="store_true", help="Delete each local file once verified.")
        parser.add_argument("--dry-run", action="store_true", help="Only say what would be copied.")

    def handle(self, *args, source=None, delete_local=False, dry_run=False, **options):
        if not is_s3(default_storage):
            raise CommandError("The default storage is not S3: set S3_BUCKET (see README, «Файлы в S3»).")
        local = FileSystemStorage(location=source or settings.MEDIA_ROOT)
        counts = {"copied": 0, "already there": 0, "missing locally": 0, "failed": 0}
        for name in sorted(_referenced_names()):
            outcome = self._move_one(local, name, delete_local=delete_local, dry_run=dry_run)
            counts[outcome] += 1
        self.stdout.write(", ".join(f"{key}: {value}" for key, value in counts.items()))
        if counts["failed"]:
            raise CommandError(f"{counts['failed']} file(s) failed; run the command again.")

    def _move_one(self, local, name, *, delete_local, dry_run):
        if not local.exists(name):
            self.stderr.write(f"missing locally: {name}")
            return "missing locally"
        size, digest = _size_and_sha256(local, name)
        bucket = _Bucket(default_storage)
        if bucket.matches(name, size, digest):
            outcome = "already there"
        elif dry_run:
            self.stdout.write(f"would copy: {name} ({size} bytes)")
            return "copied"
        else:
            try:
                bucket.upload(local, name, digest)
                verified = bucket.matches(name, size, digest) and bucket.read_sha256(name) == digest
            except ClientError as error:
                self.stderr.write(f"failed: {name}: {error}")
                return "failed"
            if not verified:
                self.stderr.write(f"failed: {name}: the copy in the bucket differs from the local file")
                return "failed"
            outcome = "copied"
        if delete_local and not dry_run:
            local.delete(name)
        return outcome


def _referenced_names():
    names = set()
    for model, field in files.registered_fields():
        names.update(model._default_manager.exclude(**{field: ""}).values_list(field, flat=True).iterator())
    return names


def _size_and_sha256(storage, name):
    digest, size = hashlib.sha256(), 0
    with storage.open(name, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return size, digest.hexdigest()


class _Bucket:
    def __init__(self, storage):
        self.storage = storage
        self.client = storage.connection.meta.client
        self.bucket = storage.bucket_name

    def key(self, name):
        return self.storage._normalize_name(clean_name(name))

    def matches(self, name, size, digest):
        try:
            head = self.client.head_object(Bucket=self.bucket, Key=self.key(name))
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") in ("404", "NoSuchKey", "NotFound"):
                return False
            raise
        return head["ContentLength"] == size and head.get("Metadata", {}).get("sha256") == digest

    def upload(self, local, name, digest):
        with local.open(name, "rb") as handle:
            self.client.upload_fileobj(handle, self.bucket, self.key(name), ExtraArgs={
                "Metadata": {"sha256": digest}, "ContentType": "application/octet-stream"})

    def read_sha256(self, name):
        body = self.client.get_object(Bucket=self.bucket, Key=self.key(name))["Body"]
        digest = hashlib.sha256()
        for chunk in body.iter_chunks(CHUNK):
            digest.update(chunk)
        return digest.hexdigest()
