"""Station: identity verification and one-pass signing for rural bank visits."""
