"""Certificates and keys: the DEMO PKI, reading certificates and CRLs, trust, the bank's signers."""
