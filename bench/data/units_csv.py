#!/usr/bin/env python3
"""Writes a units CSV for POST /api/v1/units/import: units_csv.py OUT PREFIX COUNT [CHANGED_PERCENT].
Codes PREFIX-000001…; parents are departments the data set already holds (SO021…SO060); some rows carry a short name,
a document exchange id and aliases. With CHANGED_PERCENT, that share of rows (every 10th for 10) gets a new name."""
import sys

out, prefix, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
changed = int(sys.argv[4]) if len(sys.argv) > 4 else 0
kinds = ["Enterprise", "Other", "Commune", "Ward", "MassOrganization", "Press"]
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
        f.write(f"{prefix}-{i:06d},{name},{kinds[i % len(kinds)]},{short},{parent},{doc},{aliases}\n")
