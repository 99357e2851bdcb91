"""Benchmark the offline gazetteer: cold build, warm load, 10,000 look-ups, peak memory.

    .venv/bin/python benchmarks/bench_gazetteer.py

Goals (issue #4): warm load < 0.5 s, 10,000 look-ups < 0.5 s, peak memory of a warm session
< 300 MB. The cold build goes to a temporary folder, so the user's cache is left alone.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WARM_SESSION = """
import json, random, re, time
t0 = time.perf_counter()
from carlib.geo import Gazetteer
t1 = time.perf_counter()
gaz = Gazetteer.load()
t2 = time.perf_counter()
names = [k for (k,) in gaz.db.execute("SELECT key FROM names ORDER BY random() LIMIT 9000")]
names += ["Yaloke", "Bouali", "Bossemptele", "PK5", "Bangui", "Zzyzxbourg"] * 170
random.Random(1).shuffle(names)
names = names[:10000]
t3 = time.perf_counter()
hits = sum(bool(gaz.lookup(n)) for n in names)
t4 = time.perf_counter()
print(json.dumps({"import_s": t1 - t0, "load_s": t2 - t1, "lookups": len(names), "hits": hits,
                  "lookups_s": t4 - t3,
                  "peak_mb": int(re.search(r"VmHWM:\s+(\d+)", open("/proc/self/status").read())
                                 .group(1)) / 1024}))
"""


def main() -> None:
    from carlib.geo.gazetteer import build_index

    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        build_index(Path(folder) / "gazetteer.sqlite")
        build_s = time.perf_counter() - started
        size_mb = (Path(folder) / "gazetteer.sqlite").stat().st_size / 1e6
    print(f"cold build: {build_s:.1f} s, index {size_mb:.0f} MB, builder peak "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    subprocess.run([sys.executable, "-c", "from carlib.geo import Gazetteer; Gazetteer.load()"],
                   check=True)  # make sure the user's cache exists before timing a warm load
    out = subprocess.run([sys.executable, "-c", WARM_SESSION], check=True, capture_output=True,
                         text=True).stdout
    warm = json.loads(out.strip().splitlines()[-1])
    print(f"warm load: {warm['load_s']:.3f} s (after importing carlib: {warm['import_s']:.2f} s)")
    print(f"{warm['lookups']:,} look-ups: {warm['lookups_s']:.3f} s ({warm['hits']:,} found)")
    print(f"peak memory of the warm session: {warm['peak_mb']:.0f} MB")


if __name__ == "__main__":
    main()
