"""Signing: one-pass PAdES signing of a document set, levels, the upgrade to B-LTA, the bundle seal."""
