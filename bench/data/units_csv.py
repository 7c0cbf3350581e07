#!/usr/bin/env python3
"""Writes a units CSV for POST /api/v1/units/import: units_csv.py OUT PREFIX COUNT [CHANGED_PERCENT].
Codes PREFIX-000001…; parents are departments the data set already holds (SO021…SO060); some rows carry a short name,
a document exchange id and aliases. With CHANGED_PERCENT, that share of rows (every 10th for 10) gets a new name."""
import sys

out, prefix, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
changed = int(sys.argv[4]) if len(sys.argv) > 4 else 0
# A province's registry grows by organisations, few communes or wards (issue 15): of every 200 rows, 194 of kinds no
# plan group addresses (PartyBody, Council, Other), 5 that AllLocalitiesAndUnits reaches (Enterprise, MassOrganization,
# Press) and 1 commune or ward (AllCommunesAndWards). So an import derives obligations as a real one would.
def kind(i):
    r = i % 200
    if r == 0:
        return "Commune" if i % 400 == 0 else "Ward"
    if r <= 5:
        return ("Enterprise", "MassOrganization", "Press")[r % 3]
    return ("PartyBody", "Council", "Other")[r % 3]


places = ["Gia Bình", "Lương Tài", "Quế Võ", "Tiên Du", "Thuận Thành", "Yên Phong", "Việt Yên", "Hiệp Hòa"]
step = 100 // changed if changed else 0
with open(out, "w", encoding="utf-8", newline="\n") as f:
    f.write("code,name,kind,shortName,parentCode,documentExchangeId,aliases\n")
    for i in range(1, count + 1):
        name = f"Đơn vị {places[i % len(places)]} số {i}"
        if step and i % step == 0:
            name += " (đổi tên)"
        short = f"DV{i}" if i % 3 == 0 else ""
        parent = f"SO{21 + i % 40:03d}" if i % 2 == 0 else ""
        doc = f"000.{i % 100:02d}.{i % 37:02d}.H{i % 64:02d}" if i % 4 == 0 else ""
        aliases = f"Đơn vị {i}|ĐV {prefix} {i}" if i % 5 == 0 else ""
        f.write(f"{prefix}-{i:06d},{name},{kind(i)},{short},{parent},{doc},{aliases}\n")
