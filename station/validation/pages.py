"""Pages as a viewer shows them, rendered by poppler's ``pdftoppm`` through pipes (no temporary files).

Used for report thumbnails and to compare what a viewer shows of two versions of a file. Signed
documents hold personal data, so the PDF goes in on stdin and the image comes out on stdout.
"""

from __future__ import annotations

import shutil
import subprocess

TIMEOUT_S = 60


class RenderError(Exception):
    """pdftoppm is missing, failed, or took too long."""


def render_page(pdf: bytes, page: int = 1, dpi: int = 30, png: bool = False) -> bytes:
    """One page as PPM (exact bytes, good for comparing) or PNG (for showing)."""
    tool = shutil.which("pdftoppm")
    if tool is None:
        raise RenderError("pdftoppm (poppler-utils) is not installed; run scripts/setup.sh")
    args = [tool, "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile", *(["-png"] if png else []), "-"]
    try:
        done = subprocess.run(args, input=pdf, capture_output=True, timeout=TIMEOUT_S, check=False)
    except subprocess.TimeoutExpired as exc:
        raise RenderError(f"pdftoppm took more than {TIMEOUT_S} s") from exc
    if done.returncode != 0 or not done.stdout:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise RenderError(f"pdftoppm could not render page {page}: {message[-1] if message else done.returncode}")
    return done.stdout


def pages_differ(before: bytes, after: bytes, pages: int, dpi: int = 30) -> list[int]:
    """The pages (1-based) that render differently in ``after`` than in ``before``."""
    return [page for page in range(1, pages + 1) if render_page(before, page, dpi) != render_page(after, page, dpi)]
