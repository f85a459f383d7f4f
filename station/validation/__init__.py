"""QA validation of signed PDFs: verdicts, structure checks, pages, reports, batches."""
