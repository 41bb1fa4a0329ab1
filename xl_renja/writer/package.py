"""An OPC zip package opened for patching: parts are read on demand, only replaced or added parts
are rewritten on save, every other part is copied with its bytes unchanged."""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass

from xl_renja.writer.errors import OutputError
from xl_renja.writer.xmltext import MAX_PART_BYTES, NS_R, attr, check, decode, parse

NS_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
CT_SHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
CT_COMMENTS = "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"
CT_VML = "application/vnd.openxmlformats-officedocument.vmlDrawing"
CT_STYLES = "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"
MAX_PACKAGE_BYTES = 4 * 1024 * 1024 * 1024


@dataclass(frozen=True)
class Rel:
    id: str
    type: str
    target: str  # resolved part name for internal targets, raw target for external ones
    external: bool


@dataclass(frozen=True)
class SheetRef:
    name: str
    part: str
    sheet_id: str
    rel_id: str


def rels_name(part: str) -> str:
    d, f = posixpath.split(part)
    return posixpath.join(d, "_rels", f + ".rels")


def relative(source: str, target: str) -> str:
    """Relationship Target for ``target`` from the part ``source``."""
    return posixpath.relpath(target, posixpath.dirname(source) or ".")


class Package:
    """A workbook package. ``read`` / ``text`` get a part, ``write`` replaces or adds one,
    ``remove`` drops one, ``save`` writes the result."""

    def __init__(self, path, display_name: str):
        self.name = display_name
        try:
            self._zip = zipfile.ZipFile(path)
            self._infos = self._zip.infolist()
        except (zipfile.BadZipFile, OSError, EOFError) as exc:
            raise OutputError(
                f"{display_name} bukan workbook .xlsx/.xlsm yang dapat ditulis ({type(exc).__name__}).",
                f"{display_name} is not a writable .xlsx/.xlsm workbook ({type(exc).__name__}).",
            ) from None
        names = [i.filename for i in self._infos]
        if len(set(names)) != len(names) or sum(i.file_size for i in self._infos) > MAX_PACKAGE_BYTES:
            raise self.corrupt("zip")
        self._lower = {n.lower(): n for n in names}
        self._changed: dict[str, bytes] = {}
        self._removed: set[str] = set()
        self.workbook_part = self._main_part()

    def close(self) -> None:
        self._zip.close()

    def corrupt(self, what: str) -> OutputError:
        return OutputError(
            f"{self.name} rusak dan tidak dapat ditulis ({what}).",
            f"{self.name} is corrupt and cannot be written ({what}).",
        )

    # ------------------------------------------------------------------ parts

    def exists(self, part: str) -> bool:
        return part in self._changed or (self._lower.get(part.lower()) is not None and part not in self._removed)

    def read(self, part: str) -> bytes:
        if part in self._changed:
            return self._changed[part]
        real = self._lower.get(part.lower())
        if real is None or part in self._removed:
            raise KeyError(part)
        if self._zip.getinfo(real).file_size > MAX_PART_BYTES:
            raise self.corrupt(f"{part} terlalu besar")
        return self._zip.read(real)

    def text(self, part: str) -> str:
        try:
            return decode(self.read(part))
        except UnicodeDecodeError:
            raise self.corrupt(part) from None

    def tree(self, part: str):
        try:
            return parse(self.read(part))
        except ValueError as exc:
            raise self.corrupt(f"{part}: {exc}") from None

    def check(self, part: str) -> None:
        """Refuse a part that is not well-formed or declares a DTD or entities."""
        try:
            check(self.read(part))
        except ValueError as exc:
            raise self.corrupt(f"{part}: {exc}") from None

    def write(self, part: str, data: str | bytes) -> None:
        real = self._lower.get(part.lower(), part)
        self._changed[real] = data.encode("utf-8") if isinstance(data, str) else data
        self._removed.discard(real)

    def remove(self, part: str) -> None:
        real = self._lower.get(part.lower(), part)
        self._changed.pop(real, None)
        self._removed.add(real)

    def names(self) -> list[str]:
        out = [i.filename for i in self._infos if i.filename not in self._removed]
        return out + [n for n in self._changed if n not in self._lower.values()]

    def new_name(self, pattern: str) -> str:
        """First unused part name ``pattern % n`` for n = 1, 2, ..., reserved at once: parts are
        written when a sheet's patch finishes, and two sheets that each need a new part in the same
        call must not be given the same name."""
        reserved = self.__dict__.setdefault("_reserved", set())
        n = 1
        while self.exists(pattern % n) or (pattern % n).lower() in reserved:
            n += 1
        reserved.add((pattern % n).lower())
        return pattern % n

    def save(self, dst) -> None:
        with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as out:
            for info in self._infos:
                name = info.filename
                if name in self._removed:
                    continue
                new = zipfile.ZipInfo(name, info.date_time)
                new.compress_type = info.compress_type
                new.external_attr = info.external_attr
                new.comment = info.comment
                if name in self._changed:
                    new.compress_type = zipfile.ZIP_DEFLATED
                    out.writestr(new, self._changed[name])
                else:
                    out.writestr(new, self._zip.read(name))
            for name, data in self._changed.items():
                if name not in self._lower.values():
                    out.writestr(name, data)

    # ------------------------------------------------------------------ relationships

    def rels(self, part: str) -> list[Rel]:
        name = rels_name(part)
        if not self.exists(name):
            return []
        out = []
        for el in self.tree(name).iter(f"{{{NS_PKG_REL}}}Relationship"):
            target = el.get("Target", "")
            external = el.get("TargetMode") == "External"
            if not external:
                target = target[1:] if target.startswith("/") else posixpath.join(posixpath.dirname(part), target)
                target = posixpath.normpath(target)
            out.append(Rel(el.get("Id", ""), el.get("Type", ""), target, external))
        return out

    def add_rel(self, part: str, rel_type: str, target: str, external: bool = False) -> str:
        """Add a relationship from ``part``; return its new Id."""
        name = rels_name(part)
        ids = {r.id for r in self.rels(part)}
        n = len(ids) + 1
        while f"rId{n}" in ids:
            n += 1
        rid = f"rId{n}"
        mode = ' TargetMode="External"' if external else ""
        tgt = target if external else relative(part, target)
        el = f'<Relationship Id="{rid}" Type="{REL}{rel_type}" Target="{attr(tgt)}"{mode}/>'
        if self.exists(name):
            text = self.text(name)
            if re.search(r"<Relationships\b[^>]*/>", text):
                text = re.sub(r"<Relationships\b([^>]*?)\s*/>", lambda m: f"<Relationships{m.group(1)}>{el}</Relationships>", text, 1)
            else:
                text = text.replace("</Relationships>", el + "</Relationships>", 1)
        else:
            text = (
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                f'<Relationships xmlns="{NS_PKG_REL}">{el}</Relationships>'
            )
        self.write(name, text)
        return rid

    def remove_rels_to(self, part: str, target: str) -> None:
        """Drop ``part``'s relationships whose target is the part ``target``."""
        ids = [r.id for r in self.rels(part) if not r.external and r.target == target]
        if not ids:
            return
        text = self.text(rels_name(part))
        for rid in ids:
            text = re.sub(r"<Relationship\b[^>]*?\sId\s*=\s*[\"']" + re.escape(rid) + r"[\"'][^>]*?/>", "", text)
        self.write(rels_name(part), text)

    # ------------------------------------------------------------------ content types

    def set_override(self, part: str, content_type: str | None) -> None:
        """Add (or with None remove) the content-type Override of ``part``."""
        text = self.text("[Content_Types].xml")
        text = re.sub(r"<Override\b[^>]*?PartName\s*=\s*[\"']/" + re.escape(part) + r"[\"'][^>]*?/>", "", text, flags=re.I)
        if content_type:
            text = text.replace("</Types>", f'<Override PartName="/{part}" ContentType="{content_type}"/></Types>', 1)
        self.write("[Content_Types].xml", text)

    def ensure_default(self, ext: str, content_type: str) -> None:
        text = self.text("[Content_Types].xml")
        if not re.search(r"<Default\b[^>]*?Extension\s*=\s*[\"']" + re.escape(ext) + r"[\"']", text, re.I):
            text = re.sub(r"(<Types\b[^>]*>)", lambda m: m.group(1) + f'<Default Extension="{ext}" ContentType="{content_type}"/>', text, 1)
            self.write("[Content_Types].xml", text)

    # ------------------------------------------------------------------ workbook

    def _main_part(self) -> str:
        for rel in self.rels(""):
            if rel.type.endswith("/officeDocument") and self.exists(rel.target):
                return rel.target
        if self.exists("xl/workbook.xml"):
            return "xl/workbook.xml"
        raise OutputError(
            f"{self.name} adalah arsip ZIP tetapi bukan workbook Excel (.xlsx/.xlsm).",
            f"{self.name} is a ZIP archive but not an Excel workbook.",
        )

    def sheets(self) -> list[SheetRef]:
        key = (self.read(self.workbook_part), self.read(rels_name(self.workbook_part)))
        if getattr(self, "_sheets_key", None) != key:
            self._sheets_key, self._sheets = key, self._read_sheets()
        return self._sheets

    def _read_sheets(self) -> list[SheetRef]:
        rels = {r.id: r for r in self.rels(self.workbook_part)}
        out = []
        for el in self.tree(self.workbook_part).iter():
            if el.tag.endswith("}sheet"):
                rid = el.get(f"{{{NS_R}}}id", "")
                rel = rels.get(rid)
                part = rel.target if rel and rel.type.endswith("/worksheet") else ""
                out.append(SheetRef(el.get("name", ""), part, el.get("sheetId", ""), rid))
        return out

    def sheet(self, name: str) -> SheetRef:
        """The worksheet called ``name`` (Excel compares sheet names case-insensitively)."""
        sheets = self.sheets()
        found = next((s for s in sheets if s.name == name), None) or next(
            (s for s in sheets if s.name.casefold() == name.casefold()), None
        )
        if found is None:
            raise OutputError(f"Lembar '{name}' tidak ada di {self.name}.", f"Sheet '{name}' not found in {self.name}.")
        if not found.part or not self.exists(found.part):
            raise OutputError(
                f"Lembar '{name}' di {self.name} bukan lembar kerja yang dapat ditulis.",
                f"Sheet '{name}' in {self.name} is not a writable worksheet.",
            )
        return found
