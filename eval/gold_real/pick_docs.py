"""Pick ~130 real documents for the gold set, stratified by source group, dev/test split."""
import csv, hashlib, json, random
from pathlib import Path
S = Path("/work/shared/data")
def h(s): return hashlib.sha1(s.encode()).hexdigest()
rows = []
mixed = list(csv.reader(open(S/"real/mixed/sources.tsv"), delimiter="\t"))
meta = {r[0]: r for r in csv.reader(open(S/"real/mixed/files_meta.tsv"), delimiter="\t")}
groups = {}
for r in mixed:
    f, origin, kind, prov = r[0], r[1], r[2], r[3]
    n = len((S/"real/mixed"/f).read_text(errors="replace"))
    if kind == "news": g = "news"
    elif prov == "Hà Nội": g = "hanoi"
    elif prov == "(national)": g = "national"
    elif kind == "nghị quyết": g = "hdnd2017"
    else: g = "prov_other"
    groups.setdefault(g, []).append((f"real/mixed/{f}", n, prov))
quota = {"news": 26, "hanoi": 12, "national": 5, "hdnd2017": 24, "prov_other": 5}
for g, items in groups.items():
    items.sort(key=lambda x: h(x[0]))
    # prefer shorter than 45k chars; spread provinces
    seen, pick = {}, []
    for it in items:
        if it[1] > 45000: continue
        if seen.get(it[2], 0) >= ({"news": 8, "hanoi": 12}.get(g, 4)): continue
        seen[it[2]] = seen.get(it[2], 0) + 1; pick.append(it)
        if len(pick) >= quota.get(g, 0): break
    rows += [(g, p[0], p[1]) for p in pick]
tm = list(csv.reader(open(S/"real/tvpl_more/sources.tsv"), delimiter="\t"))
tm_items = []
for r in tm:
    f = r[0]; hint = r[4] if len(r) > 4 else ""
    n = len((S/"real/tvpl_more"/f).read_text(errors="replace"))
    if n > 45000: continue
    score = (2 if "provincial=1" in hint else 0) + (2 if "targets_hint=1" in hint else 0) + (1 if "replaces_hint=1" in hint else 0)
    tm_items.append((-score, h(f), f"real/tvpl_more/{f}", n))
tm_items.sort()
rows += [("tvpl_more", x[2], x[3]) for x in tm_items[:34]]
lab = [json.loads(l) for l in open(S/"tvpl/labels.jsonl")]
tv = sorted([l for l in lab if l["chars"] < 30000], key=lambda l: h(l["file"]))
pick = []
seen = {}
for l in tv:
    k = l["loai_van_ban"]
    if seen.get(k, 0) >= 4: continue
    seen[k] = seen.get(k, 0) + 1; pick.append(l)
    if len(pick) >= 16: break
rows += [("tvpl", f"tvpl/{l['file']}", l["chars"]) for l in pick]
for f in sorted((S/"pdf").glob("*.pdf")):
    if "hien_phap" in f.name or "vbhn_23" in f.name: continue
    rows.append(("pdf", f"pdf/{f.name}", 0))
for f in sorted((S/"html").glob("*.html")):
    rows.append(("html", f"html/{f.name}", 0))
# split: within each group alternate by hash order -> ~45% dev, 55% test
out = []
by = {}
for g, p, n in rows: by.setdefault(g, []).append((p, n))
for g, items in by.items():
    items.sort(key=lambda x: h("split" + x[0]))
    for i, (p, n) in enumerate(items):
        split = "dev" if i % 2 == 0 else "test"
        out.append((g, p, n, split))
out.sort(key=lambda x: (x[0], x[1]))
# halves for annotators: alternate
with open("/work/annot/manifest.tsv", "w") as fh:
    fh.write("group\tpath\tchars\tsplit\thalf\n")
    for i, (g, p, n, s) in enumerate(out):
        fh.write(f"{g}\t{p}\t{n}\t{s}\t{1 + i % 2}\n")
print(len(out)); import collections
print(collections.Counter((o[0], o[3]) for o in out))
print(sum(o[2] for o in out))
