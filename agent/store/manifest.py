"""What the snapshot files must hold: ``manifest.json`` lists each file's CRC32, size and record count.

It is the snapshot's commit point. A compaction first writes a manifest that accepts a file it rewrites in
either its old or its new form (a crash between two renames leaves some files old and some new, and the
journal, not yet reset, replays over both), then the files, then a manifest that accepts only the new ones,
and only then empties the journal. So a file that matches none of its accepted forms (emptied, truncated,
deleted, edited by hand) was damaged after Fathom wrote it: the store refuses to open rather than load it,
and never writes over it. A form of ``None`` means "absent" (a file a compaction is about to create or
remove).
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from pathlib import Path

from agent.store import codec
from agent.store.errors import StoreCorrupt
from agent.store.files import atomic_write

MANIFEST_FILE = "manifest.json"
FORMAT = 1


@dataclass(frozen=True, slots=True)
class FileSum:
    crc32: int
    size: int
    records: int

    @classmethod
    def of(cls, raw: bytes, records: int) -> FileSum:
        return cls(zlib.crc32(raw), len(raw), records)

    def describe(self) -> str:
        return f"{self.records} record{'' if self.records == 1 else 's'} in {self.size} bytes"


Forms = tuple[FileSum | None, ...]


@dataclass(frozen=True, slots=True)
class Manifest:
    files: dict[str, Forms]

    def accepts(self, name: str, found: FileSum | None) -> bool:
        forms = self.files.get(name)
        if forms is None:
            return False  # a snapshot file the manifest does not know was not written by Fathom
        if found is None:
            return None in forms
        return any(f is not None and f.crc32 == found.crc32 and f.size == found.size for f in forms)

    def expected(self, name: str) -> FileSum | None:
        """The newest form the manifest accepts, for messages (None: the file should not exist)."""
        forms = self.files.get(name)
        return forms[0] if forms else None

    def pending(self, written: dict[str, FileSum | None], on_disk: dict[str, FileSum | None]) -> Manifest:
        """Before a compaction renames ``written`` into place: each of them may be in its old form (as found on
        disk, or as the manifest expects it) or its new one."""
        files = dict(self.files)
        for name, new in written.items():
            old = on_disk[name] if name in on_disk else self.expected(name)
            files[name] = (new,) if old == new else (new, old)
        return Manifest(files)

    def committed(self, written: dict[str, FileSum | None], on_disk: dict[str, FileSum | None]) -> Manifest:
        """After every file of ``written`` is in place: each file in the one form it now has."""
        files = {name: (on_disk[name],) if name in on_disk else forms for name, forms in self.files.items()}
        files.update({name: (new,) for name, new in written.items()})
        return Manifest({name: forms for name, forms in files.items() if forms != (None,)})


def check(manifest: Manifest, path: Path, raw: bytes | None, found: FileSum | None) -> None:
    """Raise StoreCorrupt unless ``raw``, summed up as ``found`` (None: the file is absent), is a form the
    manifest accepts."""
    if manifest.accepts(path.name, found):
        return
    expected = manifest.expected(path.name)
    if path.name not in manifest.files:
        detail = f"it is not listed in {MANIFEST_FILE}, so Fathom did not write it"
    elif raw is None:
        detail = f"it is missing; {MANIFEST_FILE} expects {expected.describe() if expected else 'it'}"
    elif not raw.strip():
        detail = f"it is empty; {MANIFEST_FILE} expects {expected.describe() if expected else 'it absent'}"
    else:
        want = expected.describe() if expected else "no such file"
        detail = (
            f"its checksum does not match {MANIFEST_FILE} (it was changed after Fathom wrote it: "
            f"{len(raw)} bytes found, {want} expected)"
        )
    raise StoreCorrupt(str(path), detail)


def read_manifest(path: Path) -> Manifest | None:
    """The manifest, or None when there is none (a new store, or one written before manifests existed)."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    try:
        doc = codec.loads(raw)
        if not isinstance(doc, dict) or doc.get("format") != FORMAT or not isinstance(doc.get("files"), dict):
            raise ValueError(f"not a format {FORMAT} manifest")
        return Manifest({str(name): tuple(_form(f) for f in forms) for name, forms in doc["files"].items()})
    except (ValueError, TypeError, KeyError) as exc:
        raise StoreCorrupt(str(path), f"the manifest cannot be read ({exc})") from None


def write_manifest(path: Path, manifest: Manifest) -> None:
    files = {
        name: [None if f is None else {"crc32": f.crc32, "size": f.size, "records": f.records} for f in forms]
        for name, forms in sorted(manifest.files.items())
    }
    atomic_write(path, codec.dumps({"format": FORMAT, "files": files}))


def _form(raw: object) -> FileSum | None:
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise TypeError("a file entry is not an object")
    return FileSum(int(raw["crc32"]), int(raw["size"]), int(raw["records"]))
