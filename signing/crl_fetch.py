"""Downloading CRLs from the distribution points named in the active trusted certificates.

The portal may run where the network is closed: every failure is logged and counted, never raised,
so the periodic task stays quiet and the CRLs already stored keep serving.
"""

import logging
from dataclasses import dataclass, field

import requests

from .certificates import CertificateFileError, revocation_lists_import
from .models import TrustedCertificate

logger = logging.getLogger(__name__)

TIMEOUT_SECONDS = 10
MAX_CRL_BYTES = 50 * 1024 * 1024  # national CAs publish CRLs of tens of megabytes


@dataclass
class FetchResult:
    fetched: list = field(default_factory=list)  # URLs stored
    failed: dict = field(default_factory=dict)  # URL -> reason (for the log and the admin message)


def distribution_point_urls():
    """Every distinct CRL address of the active trusted certificates, in a stable order."""
    urls = []
    for row_urls in TrustedCertificate.objects.filter(is_active=True).values_list("crl_urls", flat=True):
        for url in row_urls or []:
            if url not in urls:
                urls.append(url)
    return urls


def _download(url, timeout):
    """The body, refusing answers larger than MAX_CRL_BYTES without reading them whole."""
    with requests.get(url, timeout=timeout, stream=True) as response:
        response.raise_for_status()
        chunks, size = [], 0
        for chunk in response.iter_content(64 * 1024):
            size += len(chunk)
            if size > MAX_CRL_BYTES:
                raise ValueError("larger than %d bytes" % MAX_CRL_BYTES)
            chunks.append(chunk)
        return b"".join(chunks)


def revocation_lists_fetch(*, urls=None, timeout=TIMEOUT_SECONDS) -> FetchResult:
    """Download and store the CRL of each URL (default: the distribution points of active certificates)."""
    result = FetchResult()
    for url in distribution_point_urls() if urls is None else urls:
        try:
            revocation_lists_import(_download(url, timeout), source_url=url)
        except (requests.RequestException, ValueError, CertificateFileError) as error:
            logger.warning("CRL not fetched from %s: %s", url, error)
            result.failed[url] = str(error)
        except Exception as error:  # noqa: BLE001 - a periodic task must not die on one odd CRL
            logger.exception("CRL from %s could not be stored", url)
            result.failed[url] = str(error)
        else:
            result.fetched.append(url)
    logger.info("CRLs fetched: %d, failed: %d", len(result.fetched), len(result.failed))
    return result
