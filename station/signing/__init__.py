"""Signing: the embedded DEMO PKI, certificate issuers and the local timestamp service."""
