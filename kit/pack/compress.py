"""Gzip siblings of the pack's files, made once when the pack is built.

A web server then sends ``pyodide.asm.wasm.gz`` to a browser that accepts gzip, as it is on
disk (nginx's ``gzip_static``, the hub's lessons service), instead of compressing at every
request or sending the full size: no compression work while officials wait, and a third of the
bytes for the runtime. A plain server (``python -m http.server``, a USB stick) ignores them.
"""

from __future__ import annotations

import gzip
import os
from pathlib import Path

#: Below this a file fits in a packet or two either way: not worth a second file.
MIN_BYTES = 1024
#: A sibling is kept only when it saves at least this share of the bytes (wheels and most
#: zips are compressed already; a stored zip such as python_stdlib.zip is not).
MIN_SAVING = 0.10
SUFFIX = ".gz"
#: Changes when what a built pack holds changes (here: its gzip siblings), so a hub that
#: reuses its pack while nothing it is made from changed (kit/hub/coursepack.py) builds again.
PACK_FORMAT = "2: gzip siblings"


def precompress(site: Path) -> int:
    """Write ``name.gz`` beside every file of ``site`` that gzip makes at least 10% smaller;
    return how many. The sibling carries its original's modification time, so both answer
    with the same Last-Modified. Written atomically: a stopped build leaves no half file."""
    written = 0
    for path in sorted(Path(site).rglob("*")):
        if not path.is_file() or path.suffix == SUFFIX or path.stat().st_size < MIN_BYTES:
            continue
        data = path.read_bytes()
        # mtime=0 in the gzip header: the same pack gives the same bytes.
        packed = gzip.compress(data, compresslevel=9, mtime=0)
        sibling = path.with_name(path.name + SUFFIX)
        if len(packed) > len(data) * (1 - MIN_SAVING):
            sibling.unlink(missing_ok=True)
            continue
        partial = sibling.with_name(sibling.name + ".part")
        partial.write_bytes(packed)
        stat = path.stat()
        os.utime(partial, ns=(stat.st_atime_ns, stat.st_mtime_ns))
        os.replace(partial, sibling)
        written += 1
    return written
