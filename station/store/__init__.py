"""The case store: cases, encrypted personal data, audit trail and sync outbox (SQLAlchemy on SQLite)."""
