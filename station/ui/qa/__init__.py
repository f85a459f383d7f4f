"""The QA window: verify signed PDFs and export the report."""
