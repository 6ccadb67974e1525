"""Test and benchmark helpers: a throwaway PKI made with the openssl CLI and the GOST engine."""
