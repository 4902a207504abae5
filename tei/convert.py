"""Transcript files in, TEI files out: decoding, choosing a reader, writing safely.

The readers only see clean text; this module deals with files: bytes and encodings, which reader
fits, and writing the TEI without ever leaving a partial file or overwriting an editor's hand
corrections.
"""
from __future__ import annotations

import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from . import encoder, frus
from .model import Transcript


class ConversionError(Exception):
    """A transcript that cannot be converted; the message says where and what to do."""


@dataclass
class Result:
    source: Path
    target: Path
    status: str = "pending"  # written | unchanged | failed | refused
    message: str = ""
    warnings: list[str] = field(default_factory=list)
    backup: Path | None = None


def decode(data: bytes, name: str) -> tuple[str, list[str]]:
    """Text of a transcript file; warns when it was not UTF-8."""
    warnings = []
    if not data.strip():
        raise ConversionError(f"{name}:1: the file is empty: copy the document page's text into it")
    if b"\x00" in data[:8192]:
        raise ConversionError(f"{name}:1: this is a binary file, not a text transcript "
                              f"(save the page as plain text, UTF-8)")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data[:e.start].count(b"\n") + 1
        try:
            text = data.decode("cp1252")
            enc = "Windows-1252"
        except UnicodeDecodeError:
            text = data.decode("latin-1")
            enc = "Latin-1"
        warnings.append(f"{name}:{line}: the file is not UTF-8; read it as {enc} (first non-UTF-8 byte on "
                        f"this line): re-save it as UTF-8 to silence this warning")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if re.search(r"<(?:!DOCTYPE html|html|body|div|p|span)\b[^>]*>", text[:5000], re.I) and \
            len(re.findall(r"</?[a-z]+[^>]*>", text[:5000])) > 5:
        first = next(i for i, l in enumerate(text.split("\n"), 1) if "<" in l)
        raise ConversionError(f"{name}:{first}: this looks like HTML source, not the page's text: open the page "
                              f"in a browser, select the document text and paste it as plain text")
    return text, warnings


def detect(text: str) -> str:
    """'wilson' for a Wilson Center Digital Archive page, else 'frus'."""
    head = text[:3000]
    if re.search(r"History and Public Policy Program Digital Archive|Wilson Center|Back to Inquiry Set|"
                 r"Skip to content|CITATION SHARE DOWNLOAD|Document Information|ADD SEARCH FILTER", head):
        return "wilson"
    return "frus"


def read(text: str, fmt: str, name: str) -> Transcript:
    fmt = detect(text) if fmt == "auto" else fmt
    if fmt == "wilson":
        try:
            from . import wilson
        except ImportError:
            raise ConversionError(f"{name}:1: Wilson Center transcripts are not yet supported "
                                  f"(use --format frus to force the FRUS reader)") from None
        return wilson.read(text, name)
    return frus.read(text, name)


_DEFAULT_AUTHORITY = None


def default_authority():
    """The committed authority records (with the external data where it is), read-only."""
    global _DEFAULT_AUTHORITY
    if _DEFAULT_AUTHORITY is None:
        from .authority import Authority, external_dir
        _DEFAULT_AUTHORITY = Authority(external=external_dir())
    return _DEFAULT_AUTHORITY


def convert_text(text: str, stem: str, source_path: str, fmt: str = "auto", authority=None) -> tuple[bytes, Transcript]:
    """Reader -> correspondence transform -> encoder, for one transcript's text."""
    from . import correspondence
    tr = read(text, fmt, source_path)
    auth = authority or default_authority()
    for doc in tr.documents:
        before = {k for k, r in auth.records.items() if r.new}
        correspondence.resolve(doc, auth, tr.warnings, source_path)
        for k in sorted({k for k, r in auth.records.items() if r.new} - before):
            r = auth.records[k]
            tr.log.append(f"{source_path}:1: new {r.kind} record {k} ({r.name}) added to the authority "
                               f"records: review it")
    tree = encoder.encode(tr, stem, source_path)
    return encoder.serialize(tree), tr


def convert_file(src: Path, outdir: Path, fmt: str = "auto", force: bool = False, authority=None) -> Result:
    target = outdir / (src.stem + ".xml")
    res = Result(src, target)
    try:
        text, warnings = decode(src.read_bytes(), str(src))
        data, tr = convert_text(text, src.stem, src.name, fmt, authority)
        res.warnings = warnings + tr.warnings + tr.log
    except ConversionError as e:
        res.status, res.message = "failed", str(e)
        return res
    except (ValueError, RecursionError) as e:
        res.status, res.message = "failed", f"{src}: {e}"
        return res
    if target.exists():
        old = target.read_bytes()
        if old == data:
            res.status = "unchanged"
            return res
        recorded, now = encoder.stored_hash(old)
        if recorded != now and not force:
            why = ("it has no generation hash (it was not written by `tei convert`)" if recorded is None
                   else "it was edited after it was generated")
            res.status = "refused"
            res.message = (f"{target}: not overwritten: {why}. Keep the edits (do nothing), or run again with "
                           f"--force to overwrite it (a backup is kept as {target.name}.bak)")
            return res
        if recorded != now:
            res.backup = target.with_name(target.name + ".bak")
            shutil.copy2(target, res.backup)
    atomic_write(target, data)
    res.status = "written"
    return res


def atomic_write(target: Path, data: bytes) -> None:
    """Write to a temporary file beside the target and rename it into place."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix="." + target.name + ".", suffix=".tmp", dir=target.parent)
    try:
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes it private; the output is an ordinary file
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def collect(paths: list[Path], pattern: str = "*.txt") -> list[Path]:
    """Files named on the command line; directories are walked for ``pattern``."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out += sorted(q for q in p.rglob(pattern) if q.is_file())
        else:
            out.append(p)
    return out
