"""A zip of export CSVs from the web: checked against zip bombs before anything is extracted."""
from __future__ import annotations

import lzma
import zipfile
import zlib
from pathlib import Path, PurePosixPath
from typing import IO

from graphcrm.errors import Invalid
from graphcrm.i18n import _

MAX_MEMBERS = 100
MAX_TOTAL = 2 * 1024 ** 3  # bytes once extracted
MAX_RATIO = 100  # CSVs compress about 5-20 times; a bomb compresses thousands of times
RATIO_FLOOR = 1024 ** 2  # small members may compress well without being a threat


def _refuse(message: str) -> Invalid:
    return Invalid(message, {"archive": message})


def extract_csvs(archive: IO[bytes] | Path, dest: Path, *, max_total: int = MAX_TOTAL,
                 max_ratio: float = MAX_RATIO) -> list[str]:
    """Extract the CSV files of a zip into `dest` (flat, by file name); return their names.

    Sizes and compression ratios declared in the zip are checked first, then every member is
    streamed with a byte count, so a member that lies about its size is stopped too.
    """
    try:
        zf = zipfile.ZipFile(archive)
    except (zipfile.BadZipFile, OSError):
        raise _refuse(_("The upload is not a zip file.")) from None
    with zf:
        members = [m for m in zf.infolist() if not m.is_dir()]
        if len(members) > MAX_MEMBERS:
            raise _refuse(_("The zip holds %(count)s files; at most %(max)s are accepted.", count=len(members),
                            max=MAX_MEMBERS))
        declared = sum(m.file_size for m in members)
        packed = sum(m.compress_size for m in members) or 1
        if declared > max_total:
            raise _refuse(_("The zip would extract to %(size)s bytes; at most %(max)s are accepted.",
                            size=format(declared, ","), max=format(max_total, ",")))
        for m in members:
            if m.file_size > RATIO_FLOOR and m.file_size > max_ratio * max(m.compress_size, 1):
                ratio = format(m.file_size // max(m.compress_size, 1), ",")
                raise _refuse(_("%(name)s compresses %(ratio)s times: this looks like a zip bomb, so nothing was "
                                "extracted.", name=m.filename, ratio=ratio))
        if declared > RATIO_FLOOR and declared > max_ratio * packed:
            raise _refuse(_("The zip compresses too well to be CSV files: this looks like a zip bomb."))
        chosen: dict[str, zipfile.ZipInfo] = {}
        for m in members:
            name = PurePosixPath(m.filename.replace("\\", "/")).name
            if name.startswith(".") or m.filename.startswith("__MACOSX") or not name.lower().endswith(".csv"):
                continue
            if name.lower() in (n.lower() for n in chosen):
                raise _refuse(_("The zip holds two files named %(name)s.", name=name))
            if m.flag_bits & 0x1:
                raise _refuse(_("%(name)s is encrypted.", name=m.filename))
            chosen[name] = m
        if not chosen:
            raise _refuse(_("The zip holds no CSV file."))
        written = 0
        for name, m in chosen.items():
            written += _copy(zf, m, dest / name, max_total - written)
    return sorted(chosen)


def _copy(zf: zipfile.ZipFile, member: zipfile.ZipInfo, target: Path, budget: int) -> int:
    """Stream one member to disk, stopping when it outgrows its declared size or the budget."""
    limit = min(member.file_size, budget)
    count = 0
    try:
        with zf.open(member) as src, target.open("wb") as out:
            while chunk := src.read(1 << 20):
                count += len(chunk)
                if count > limit:
                    raise _refuse(_("%(name)s is larger than the zip says: refused as a zip bomb.",
                                    name=member.filename))
                out.write(chunk)
    except (zipfile.BadZipFile, zlib.error, lzma.LZMAError, EOFError, NotImplementedError, OSError,
            ValueError) as exc:
        # A damaged member fails in its decompressor (zlib, bz2's OSError, lzma) or its CRC check.
        raise _refuse(_("%(name)s cannot be extracted: the zip is damaged (%(problem)s).", name=member.filename,
                          problem=exc)) from None
    return count
