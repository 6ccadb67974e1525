"""CAdES-A: archive-time-stamp-v3 (ETSI EN 319 122-1, 5.5.3) made here with `openssl ts` and the GOST
engine over the archive data, the ats-hash-index-v3 (5.5.2) assembled with asn1crypto. A valid one is
reported with its time and TSA; a broken one (other data stamped, an indexed attribute removed, an
untrusted TSA) is reported as not accepted, never as valid."""

import json

import pytest

from signing.cms import oids, verify_cms
from signing.cms import report as r
from signing.testing import cades
from signing.tests.test_verify_extended_cades import _signed, _stamped, _store, cpki  # noqa: F401 (fixture)


def _archived(cpki, tmp_path, *, digest="streebog256", tsa="tsa", tamper=False):  # noqa: F811
    """CAdES-A: a CAdES-T with CAdES-X-L values, then an archive timestamp over all of it."""
    signature = _stamped(cpki, tmp_path, _signed(cpki, tmp_path))
    signature = cades.with_unsigned_attributes(signature, [
        (cades.CERTIFICATE_VALUES, [cades.certificate_values(cpki["sub"].cert, cpki["root"].cert)]),
        (cades.REVOCATION_VALUES, [cades.revocation_values(cpki["sub_crl"], cpki["root_crl"])]),
    ])
    return cades.with_archive_timestamp(cpki[tsa], signature, cpki["document"].read_bytes(), tmp_path / "ats",
                                        digest=digest, tamper=tamper)


def _archive_checks(report):
    return [check for check in report.signers[0].checks if check.name == "archive_timestamp"]


@pytest.mark.parametrize("digest", ["streebog256", "sha256"])
def test_a_valid_archive_timestamp_is_verified_and_its_time_reported(cpki, tmp_path, digest):  # noqa: F811
    report = verify_cms(_archived(cpki, tmp_path, digest=digest), cpki["document"],
                        _store(cpki, crls=False, intermediates=False))
    assert report.valid, report.reason
    [check] = _archive_checks(report)
    assert check.result == r.PASSED and "Служба штампов времени" in check.message
    [stamp] = report.signers[0].archive_timestamps
    assert stamp["tsa"] == "Служба штампов времени" and stamp["time"] is not None
    assert not any(item["oid"] == cades.ARCHIVE_TIMESTAMP_V3 for item in report.signers[0].other_attributes)
    assert json.loads(json.dumps(report.to_dict()))["signers"][0]["archive_timestamps"][0]["tsa"]  # stored as JSON


def test_an_archive_timestamp_over_other_data_is_not_valid(cpki, tmp_path):  # noqa: F811
    report = verify_cms(_archived(cpki, tmp_path, tamper=True), cpki["document"], _store(cpki))
    [check] = _archive_checks(report)
    assert check.result == r.WARNING and "не совпадает" in check.message
    assert report.signers[0].archive_timestamps == []


def test_removing_an_attribute_the_index_lists_breaks_the_archive_timestamp(cpki, tmp_path):  # noqa: F811
    archived = cades.without_unsigned_attribute(_archived(cpki, tmp_path), oids.ATTR_REVOCATION_VALUES)
    report = verify_cms(archived, cpki["document"], _store(cpki))
    [check] = _archive_checks(report)
    assert check.result == r.WARNING and "ats-hash-index-v3" in check.message


def test_an_archive_timestamp_of_an_untrusted_tsa_is_not_valid(cpki, tmp_path):  # noqa: F811
    report = verify_cms(_archived(cpki, tmp_path, tsa="rogue_tsa"), cpki["document"], _store(cpki))
    [check] = _archive_checks(report)
    assert check.result == r.WARNING and "не принят" in check.message
    assert report.signers[0].archive_timestamps == []
