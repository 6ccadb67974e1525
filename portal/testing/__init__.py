"""Real services the tests start for themselves (clamd, an S3 server); never imported by the portal."""
