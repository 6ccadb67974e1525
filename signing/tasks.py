from celery import shared_task

from signing.crl_fetch import revocation_lists_fetch


@shared_task(ignore_result=True)
def fetch_revocation_lists_task():
    """Periodic: refresh the CRLs of the trusted certificates (failures are logged, never raised)."""
    result = revocation_lists_fetch()
    return {"fetched": len(result.fetched), "failed": len(result.failed)}
