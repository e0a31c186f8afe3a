#!/usr/bin/env python3
"""Measure placement on the held-out articles in docs/heldout/ (never used by unit tests).

File names say what is expected: `korean__x.txt` must land in korean, `intl__x.txt` (an
international outlet's article about Korea or Japan, copied without its masthead) must never be
placed korean or japanese. Usage: tools/measure_placement.py [path/to/parallax [folder]]; docs/heldout-after-tuning/
was written after the weights were set, to check they were not fitted to docs/heldout.
"""
import json, subprocess, sys, pathlib

binary = sys.argv[1] if len(sys.argv) > 1 else "target/debug/parallax"
folder = pathlib.Path(sys.argv[2]) if len(sys.argv) > 2 else pathlib.Path(__file__).resolve().parent.parent / "docs" / "heldout"
out = subprocess.run([binary, "list", "--format", "json", str(folder)],
                     capture_output=True, text=True, check=True).stdout
placed, total, intl_bad, intl_total = 0, 0, 0, 0
for a in json.loads(out):
    name = pathlib.Path(a["source"]).name
    if "__" not in name:  # a README beside the articles
        continue
    expected = name.split("__")[0]
    got = a["perspective"]
    if expected == "intl":
        intl_total += 1
        bad = got in ("korean", "japanese")
        intl_bad += bad
        mark = "WRONG" if bad else "ok"
    else:
        total += 1
        ok = got == expected
        placed += ok
        mark = "ok" if ok else "WRONG"
    print(f"{mark:5} {name:34} {got:9} {a['perspective_source']:8} {a['perspective_confidence']:.2f} {a['perspective_reason']}")
print(f"\nKorean/Japanese/wire placed correctly: {placed}/{total} = {100*placed/max(total,1):.0f} %")
print(f"International articles placed Korean/Japanese: {intl_bad}/{intl_total}")
