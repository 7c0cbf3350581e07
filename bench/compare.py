#!/usr/bin/env python3
"""compare.py KEY API_URL TWIN_URL: the API's answer and its twin's must be the same JSON (issue 15: "same answer").
Compares page 1 and, when there is one, page 2; `nextPage` (its path differs) and headers aside; timestamps compared as
instants. Prints "same (…)" or the first difference; exits 1 on a difference or a failed request."""
import datetime
import json
import re
import sys
import urllib.request

key, api_url, twin_url = sys.argv[1:4]
STAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?([+-]\d\d:\d\d|Z)$")


def get(url, api):
    req = urllib.request.Request(url, headers={"X-Api-Key": key, "Accept-Language": "en"} if api else {})
    with urllib.request.urlopen(req, timeout=120) as r:
        return r.status, json.loads(r.read())


def norm(v):
    if isinstance(v, dict):
        return {k: norm(x) for k, x in v.items() if k != "nextPage"}
    if isinstance(v, list):
        return [norm(x) for x in v]
    if isinstance(v, str) and STAMP.match(v):
        return datetime.datetime.fromisoformat(v.replace("Z", "+00:00")).astimezone(datetime.timezone.utc).isoformat()
    return v


def diff(a, b, path="$"):
    if type(a) is not type(b):
        return f"{path}: API {json.dumps(a, ensure_ascii=False)[:80]} / twin {json.dumps(b, ensure_ascii=False)[:80]}"
    if isinstance(a, dict):
        for k in list(a) + [k for k in b if k not in a]:
            if k not in a or k not in b:
                return f"{path}.{k}: only in {'API' if k in a else 'twin'}"
            d = diff(a[k], b[k], f"{path}.{k}")
            if d:
                return d
        return None
    if isinstance(a, list):
        if len(a) != len(b):
            return f"{path}: {len(a)} items (API) / {len(b)} (twin)"
        for i, (x, y) in enumerate(zip(a, b)):
            d = diff(x, y, f"{path}[{i}]")
            if d:
                return d
        return None
    return None if a == b else f"{path}: API {json.dumps(a, ensure_ascii=False)[:80]} / twin {json.dumps(b, ensure_ascii=False)[:80]}"


pages = []
try:
    for page in (1, 2):
        sep = "&" if "?" in api_url else "?"
        au, tu = (api_url, twin_url) if page == 1 else (f"{api_url}{sep}page=2", f"{twin_url}{sep}page=2")
        (sa, a), (st, t) = get(au, True), get(tu, False)
        if sa != 200 or st != 200:
            print(f"DIFFERENT: page {page}: HTTP {sa} (API) / {st} (twin)")
            sys.exit(1)
        d = diff(norm(a), norm(t))
        if d:
            print(f"DIFFERENT: page {page}: {d}")
            sys.exit(1)
        pages.append(page)
        if not (isinstance(a, dict) and a.get("nextPage")):
            break
except Exception as e:  # noqa: BLE001 — reported in the table
    print(f"FAILED: {e}")
    sys.exit(1)
print(f"same (page{'s' if len(pages) > 1 else ''} {', '.join(map(str, pages))})")
