"""Figure: the whole document set generated and signed in one pass, against a baseline from the same run.

    uv run python bench/signing.py [--runs 5]

Both sides render the four sample documents (``station.documents.render``) and sign each one twice,
bank then borrower, B-T with the in-process DEMO timestamp service, on the same DEMO PKI:

- **station**: :func:`station.signing.sign.sign_set` with a kit made once (as a running station
  holds it: bank key open, seal drawn): appearances drawn once per set and imported, the borrower's
  certificate issued once, signature size computed, one event loop.
- **baseline**: plain pyHanko, one signature at a time: ``PdfSigner.sign_pdf`` per signature with a
  ``TextStampStyle`` whose font is the full, unsubset Noto Sans CJK SC face (16 MB, extracted from the
  system's .ttc before timing) and the image (seal or handwriting) as background; pyHanko estimates
  each signature's size itself.

Prints wall and CPU medians (CPU time is less sensitive to other processes on a loaded machine), the
ratio, signed PDF sizes, the kit's one-off cost and an upgrade to B-LTA. Target: the station's wall
time at most 1.5 s for the set; each signed PDF at most 300 KB.
"""

from __future__ import annotations

import argparse
import io
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from fontTools.ttLib import TTCollection
from PIL import Image
from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
from pyhanko.pdf_utils.images import PdfImage
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.text import TextBoxStyle
from pyhanko.sign import fields, signers
from pyhanko.stamp import TextStampStyle

from station.documents.fonts import STAMP_FAMILY, stamp_font
from station.documents.render import render_documents
from station.documents.stamps import seal_png
from station.operations.sample import sample_capture, sample_identity, sample_input
from station.pki.demo import ensure_demo_pki
from station.pki.signers import Pkcs12Key, open_bank_key
from station.pki.trust import Trust
from station.signing.sign import SigningKit, sign_set
from station.signing.upgrade import upgrade_pdf
from station.timestamps.service import from_demo_pki

BANK = "DEMO 乡村商业银行"
ISSUED_AT = datetime(2026, 11, 23, 10, 30, tzinfo=timezone(timedelta(hours=8)))
DAY = date(2026, 11, 23)
NOTO_TTC = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
TARGET_S = 1.5
TARGET_BYTES = 300 * 1024


def full_noto_face(folder: Path) -> Path:
    """The whole Noto Sans CJK SC face as an .otf (pyHanko cannot open a .ttc), not subset."""
    collection = TTCollection(NOTO_TTC, lazy=True)
    face = next(f for f in collection.fonts if f["name"].getDebugName(1) == STAMP_FAMILY)
    path = folder / "NotoSansCJKsc-full.otf"
    face.save(path)
    return path


def measure(run: Callable[[], object], runs: int) -> tuple[float, float, object]:
    """Median wall and CPU seconds of ``runs`` calls, and the last result."""
    walls, cpus, result = [], [], None
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        result = run()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-signing-"))
    pki = ensure_demo_pki(work / "pki", BANK)
    font = stamp_font()
    full_font = full_noto_face(work)
    data = sample_input(BANK, ISSUED_AT)
    capture, borrower = sample_capture(), sample_identity()
    trust, tsa = Trust.from_demo_pki(pki), from_demo_pki(pki)

    kit_wall = time.perf_counter()
    kit = SigningKit.assemble(open_bank_key(Pkcs12Key(pki.bank_p12_file, pki.bank_passphrase())),
                              pki.borrower_issuer(), trust, tsa, font, BANK)
    kit_wall = time.perf_counter() - kit_wall

    def station() -> list[bytes]:
        records = render_documents(data).document_set().documents
        outcome = sign_set(records, capture, borrower, kit, day=DAY)
        assert outcome.level.value == "B-T", outcome.timestamp_problem
        return [d.content or b"" for d in outcome.signed.documents]

    seal_image = Image.open(io.BytesIO(seal_png(BANK, font))).convert("RGBA")
    hand_image = Image.open(io.BytesIO(capture.png or b"")).convert("RGBA")
    bank_signer = kit.bank.signer

    def baseline() -> list[bytes]:
        signed = []
        for record in render_documents(data).document_set().documents:
            content = record.content or b""
            borrower_signer = pki.borrower_issuer().issue(borrower.name, borrower.id_hash).signer()
            for field, signer, image, certify in (("bank", bank_signer, seal_image, True),
                                                  ("borrower", borrower_signer, hand_image, False)):
                style = TextStampStyle(
                    stamp_text="%(field)s\n%(ts)s",
                    text_box_style=TextBoxStyle(font=GlyphAccumulatorFactory(str(full_font), font_size=10)),
                    background=PdfImage(image), background_opacity=1.0)
                meta = signers.PdfSignatureMetadata(
                    field_name=field, md_algorithm="sha256", subfilter=fields.SigSeedSubFilter.PADES,
                    certify=certify, docmdp_permissions=fields.MDPPerm.FILL_FORMS)
                pdf_signer = signers.PdfSigner(meta, signer, timestamper=tsa, stamp_style=style)
                out = pdf_signer.sign_pdf(IncrementalPdfFileWriter(io.BytesIO(content)), existing_fields_only=True,
                                          appearance_text_params={"field": "借款人 李晓梅" if field == "borrower"
                                                                  else "贷款人 " + BANK})
                content = out.getvalue()
            signed.append(content)
        return signed

    render_wall, render_cpu, _ = measure(lambda: render_documents(data), args.runs)
    station()  # warm-up: imports, font caches, the first event loop
    ours_wall, ours_cpu, ours = measure(station, args.runs)
    base_wall, base_cpu, base = measure(baseline, max(1, args.runs // 2))
    upgrade_wall, upgrade_cpu, upgraded = measure(lambda: upgrade_pdf(ours[1], trust, tsa), args.runs)  # type: ignore[index]

    print(f"Signing the set of 4 documents (render + bank + borrower signature each, B-T, local TSA); "
          f"median of {args.runs} runs (baseline: {max(1, args.runs // 2)})\n")
    print("| what | wall s | CPU s |")
    print("| --- | ---: | ---: |")
    print(f"| rendering the 4 PDFs alone | {render_wall:.3f} | {render_cpu:.3f} |")
    print(f"| station: render + sign_set (target <= {TARGET_S} s wall) | {ours_wall:.3f} | {ours_cpu:.3f} |")
    print(f"| baseline: render + plain pyHanko, full CJK font, one signature at a time | {base_wall:.3f} | "
          f"{base_cpu:.3f} |")
    print(f"| **ratio baseline / station** | **{base_wall / ours_wall:.1f}x** | **{base_cpu / ours_cpu:.1f}x** |")
    print(f"| per signature: station / baseline | {ours_wall / 8:.3f} / {base_wall / 8:.3f} | "
          f"{ours_cpu / 8:.3f} / {base_cpu / 8:.3f} |")
    print(f"| kit, once per station start (bank key, seal drawn) | {kit_wall:.3f} | |")
    print(f"| upgrade one signed PDF B-T -> B-LTA (DSS + document time-stamp) | {upgrade_wall:.3f} | "
          f"{upgrade_cpu:.3f} |")
    print("\n| document | station KB | baseline KB | after upgrade KB |")
    print("| --- | ---: | ---: | ---: |")
    names = [d.record.filename for d in render_documents(data).documents]
    for i, name in enumerate(names):
        after = f"{len(upgraded.content) / 1024:.0f}" if i == 1 else ""  # type: ignore[union-attr]
        print(f"| {name} | {len(ours[i]) / 1024:.0f} | {len(base[i]) / 1024:.0f} | {after} |")  # type: ignore[index]
    worst = max(len(b) for b in ours)  # type: ignore[union-attr]
    print(f"\nLargest signed PDF: {worst / 1024:.0f} KB (target <= {TARGET_BYTES // 1024} KB). "
          f"Station within the time target: {'yes' if ours_wall <= TARGET_S else 'NO'}.")
    kit.bank.close()


if __name__ == "__main__":
    main()
