"""Make the sample set in ``assets/sample/`` that the README's examples run on, from the test generators.

    uv run python scripts/make_sample.py

An invented card holder (no real person: name, number and address are made up; the card photo is ORL
person 26, see tests/data/faces/NOTICE.md) photographed front and back, a camera video of the same face
doing the blink and turn-left challenge, the account request and loan terms as an officer types them,
and a handwritten signature. The files are committed; run this again only when the generators change.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from station.documents.handwriting import render_handwriting  # noqa: E402
from station.operations.sample import sample_strokes  # noqa: E402
from tests.gui import visitdata  # noqa: E402
from tests.vision import facegen  # noqa: E402

OUT = ROOT / "assets" / "sample"


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    person = visitdata.holder()
    front, back = visitdata.card_photos(person)
    (OUT / "card-front.jpg").write_bytes(visitdata.jpeg(front))
    (OUT / "card-back.jpg").write_bytes(visitdata.jpeg(back))
    (OUT / "portrait.png").write_bytes(facegen.card_png(facegen.LIVE_PERSON, facegen.FRONTAL))
    visitdata.face_video(OUT / "face.avi", ("blink", "turn_left"))
    (OUT / "account.json").write_text(json.dumps(
        {"product": "惠农卡", "phone": "13812345678", "address": person.address}, ensure_ascii=False,
        indent=2) + "\n", encoding="utf-8")
    (OUT / "loan.json").write_text(json.dumps(
        {"amount": "100000", "months": 24, "annual_rate": "3.45", "method": "等额本息"}, ensure_ascii=False,
        indent=2) + "\n", encoding="utf-8")
    (OUT / "signature.png").write_bytes(render_handwriting(sample_strokes()))
    shutil.copy(ROOT / "tests" / "data" / "faces" / "orl" / "README", OUT / "ORL-README")
    for path in sorted(OUT.iterdir()):
        print(f"{path.relative_to(ROOT)}: {path.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
