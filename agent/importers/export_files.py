"""A read-only view of an export given as a ZIP, an unpacked folder or a single file.

Files are found by base name, case-insensitively, wherever they sit: exports are often re-zipped with an
extra top folder, and LinkedIn has changed the capitalisation of its file names over the years.
"""

from __future__ import annotations

import os
import zipfile
import zlib
from fnmatch import fnmatchcase
from pathlib import Path, PurePosixPath
from types import TracebackType

from agent.importers.base import ImportFormatError

# A fixed memory budget: a follower.js of ~700k accounts is ~100 MB, a heavy user's messages.csv tens of MB.
# Beyond these a file (or the export as a whole, once unpacked) is not an export but an archive bomb.
MAX_MEMBER_BYTES = 256 << 20
MAX_EXPANDED_BYTES = 512 << 20
MAX_FOLDER_DEPTH = 4  # an archive nests data files at most a couple of levels down
MAX_FOLDER_FILES = 200_000  # stop walking a folder that is clearly not an export (a home directory)

_ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, RuntimeError, ValueError)


class ExportFiles:
    """The data files of one export. Use as a context manager; open with ``ExportFiles.open``."""

    def __init__(self, source: Path, names: list[str], archive: zipfile.ZipFile | None) -> None:
        self.source = source
        self._archive = archive
        self._expanded = 0  # bytes read so far, against MAX_EXPANDED_BYTES
        # Shallowest path wins when two files share a base name (a copy nested in a subfolder).
        self._by_base: dict[str, str] = {}
        self._by_path: dict[str, str] = {}
        for name in sorted(names, key=lambda n: (n.count("/"), n)):
            lower = name.lower().replace("\\", "/")  # some Windows tools write backslashes into ZIPs
            self._by_base.setdefault(PurePosixPath(lower).name, name)
            self._by_path.setdefault(lower, name)

    @classmethod
    def open(cls, path: Path, *, suffixes: tuple[str, ...]) -> ExportFiles:
        """Index the files of ``path`` whose names end with one of ``suffixes`` (lowercase, e.g. ``".csv"``)."""
        path = Path(path)
        if path.is_dir():
            return cls(path, _folder_names(path, suffixes), None)
        if not path.is_file():
            raise ImportFormatError("no such file or folder; check the path and try again.", str(path))
        if zipfile.is_zipfile(path):
            return cls._open_zip(path, suffixes)
        if path.name.lower().endswith(suffixes):
            return cls(path.parent, [path.name], None)
        if path.name.lower().endswith(".zip"):
            if not _starts_like_zip(path):
                raise ImportFormatError(
                    "this is not a ZIP file (it may be a text file or a document). Choose the ZIP that LinkedIn "
                    "or X sent you, or the folder you unpacked it into.",
                    str(path),
                )
            raise ImportFormatError(
                "this ZIP file is damaged or incomplete (it has no readable table of contents). "
                "Download the export again and import the new file.",
                str(path),
            )
        raise ImportFormatError(
            "this is neither a ZIP file nor a folder. Import the ZIP you downloaded, or the folder you unpacked.",
            str(path),
        )

    @classmethod
    def _open_zip(cls, path: Path, suffixes: tuple[str, ...]) -> ExportFiles:
        try:
            archive = zipfile.ZipFile(path)
            names = [
                info.filename
                for info in archive.infolist()
                if not info.is_dir() and info.filename.lower().endswith(suffixes)
            ]
        except _ZIP_ERRORS as exc:
            raise ImportFormatError(
                f"this ZIP file is damaged or incomplete ({exc}). Download the export again and import the new file.",
                str(path),
            ) from exc
        return cls(path, names, archive)

    def __enter__(self) -> ExportFiles:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        if self._archive is not None:
            self._archive.close()

    def find(self, base_name: str) -> str | None:
        """The stored name of the file called ``base_name`` (any case, any folder), or None."""
        return self._by_base.get(base_name.lower())

    def find_path(self, relative: str) -> str | None:
        """The stored name of ``relative`` (e.g. ``data/tweets.js``), also when the export has an extra top folder."""
        wanted = relative.lower().lstrip("/")
        if wanted in self._by_path:
            return self._by_path[wanted]
        for lower, name in self._by_path.items():
            if lower.endswith("/" + wanted):
                return name
        return None

    def glob(self, pattern: str) -> list[str]:
        """Stored names whose lowercase base name matches ``pattern`` (fnmatch), sorted."""
        return sorted(name for base, name in self._by_base.items() if fnmatchcase(base, pattern))

    def read_bytes(self, name: str) -> bytes:
        """The file's bytes, refused (naming it) past MAX_MEMBER_BYTES or once the export read so far passes
        MAX_EXPANDED_BYTES. A ZIP member is streamed, so its declared size cannot fool the caps."""
        if self._archive is None:
            data = _read_file(self.source / name, name)
        else:
            try:
                info = self._archive.getinfo(name)
                if info.file_size > MAX_MEMBER_BYTES:
                    raise ImportFormatError(_TOO_LARGE, name)
                with self._archive.open(info) as member:
                    data = member.read(MAX_MEMBER_BYTES + 1)
            except _ZIP_ERRORS as exc:
                raise ImportFormatError(
                    f"this file in the ZIP is damaged ({exc}). Download the export again and import the new file.",
                    name,
                ) from exc
        if len(data) > MAX_MEMBER_BYTES:
            raise ImportFormatError(_TOO_LARGE, name)
        self._expanded += len(data)
        if self._expanded > MAX_EXPANDED_BYTES:
            raise ImportFormatError(
                f"the export unpacks to more than {MAX_EXPANDED_BYTES >> 20} MB by this file, more than any "
                "LinkedIn or X export; it may be an archive bomb.",
                name,
            )
        return data


_TOO_LARGE = (
    f"this file unpacks to more than {MAX_MEMBER_BYTES >> 20} MB, more than any file of a LinkedIn or X export; "
    "it may be an archive bomb."
)


def _starts_like_zip(path: Path) -> bool:
    """True when the file begins with a ZIP signature: then it is a damaged ZIP, else not a ZIP at all."""
    try:
        with path.open("rb") as handle:
            return handle.read(2) == b"PK"
    except OSError:
        return False


def _read_file(path: Path, name: str) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(MAX_MEMBER_BYTES + 1)  # the caller refuses more; a FIFO or device cannot run on
    except OSError as exc:
        raise ImportFormatError(f"cannot read this file ({exc.strerror}); check its permissions.", name) from exc


def _folder_names(root: Path, suffixes: tuple[str, ...]) -> list[str]:
    names: list[str] = []
    for dirpath, dirnames, filenames in os.walk(root):
        rel = Path(dirpath).relative_to(root)
        if len(rel.parts) >= MAX_FOLDER_DEPTH:
            dirnames.clear()
        for filename in filenames:
            if filename.lower().endswith(suffixes):
                names.append((rel / filename).as_posix())
        if len(names) > MAX_FOLDER_FILES:
            break
    return names
