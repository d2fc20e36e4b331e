"""A fast, streaming reader of an .xlsx workbook's first sheet: rows of plain values.

Why not openpyxl's read-only mode, which the exports still use: it streams too, but spends
about 25 s on a 100,000-row ledger (most of the import's 30 s budget) building a cell object
per value; python-calamine is fast but loads the whole sheet. This walks the sheet's XML with
the C expat parser (through defusedxml, since uploads are untrusted: no DTDs, no entity
expansion), keeps one row at a time, and reuses
openpyxl's knowledge of number formats and Excel dates, so values come out as openpyxl gives
them: text, int (whole numbers exactly as stored), float, bool, datetime for date cells.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Iterator
from functools import lru_cache
from typing import IO
from xml.etree.ElementTree import ParseError
from xml.parsers import expat

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse
from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format
from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel

from jobs_app.errors import UnreadableInput

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
OFFICE_RELS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
CELL_REF = re.compile(r"([A-Z]+)(\d+)")
CHUNK_BYTES = 256 * 1024
# What a damaged, foreign or hostile file raises while being read.
UNREADABLE = (zipfile.BadZipFile, KeyError, OSError, ParseError, AttributeError, ValueError,
              IndexError, expat.ExpatError, DefusedXmlException)  # fmt: skip
WHOLE = re.compile(r"-?\d+")
DIMENSION = re.compile(r"[A-Z]+\d+:[A-Z]+(\d+)")


class SheetReader:
    """The first worksheet of a workbook, read row by row."""

    def __init__(self, source: str | IO[bytes]):
        try:
            self.archive = zipfile.ZipFile(source)
            self.sheet_path, date1904 = self._first_sheet()
            self.epoch = CALENDAR_MAC_1904 if date1904 else CALENDAR_WINDOWS_1900
            self.strings = self._shared_strings()
            self.date_styles = self._date_styles()
            self.total_rows = self._declared_rows()
        except UNREADABLE:
            raise _unreadable() from None

    def close(self) -> None:
        self.archive.close()

    def rows(self) -> Iterator[tuple]:
        """Every row from the first, as a tuple of values; missing rows come as ``()``.

        The sheet is fed to expat in chunks and the rows completed by each chunk are handed
        out before the next is read, so only a chunk's worth of rows is ever held.
        """
        rows = _RowCollector(self)
        parser = _expat_parser(rows)
        with self.archive.open(self.sheet_path) as sheet:
            try:
                while chunk := sheet.read(CHUNK_BYTES):
                    parser.Parse(chunk, False)
                    yield from rows.take()
                parser.Parse(b"", True)
            except UNREADABLE:
                raise _unreadable() from None
            yield from rows.take()

    def value(self, kind: str, raw: str | None, style: str | None):
        """A cell's value from its type attribute, raw text and style, as openpyxl gives it."""
        if raw is None:
            return None
        if kind == "s":
            return self.strings[int(raw)]
        if kind in ("inlineStr", "str", "e"):
            return raw
        if kind == "b":
            return raw == "1"
        number = int(raw) if WHOLE.fullmatch(raw) else float(raw)
        if style and int(style) in self.date_styles:
            return from_excel(number, self.epoch)
        return number

    def _declared_rows(self) -> int | None:
        """The row count the sheet declares before its data, if it declares one (for the
        progress bar; the rows themselves are what counts)."""
        with self.archive.open(self.sheet_path) as sheet:
            for _event, element in iterparse(sheet, events=("start",)):
                if element.tag == f"{MAIN}dimension":
                    found = DIMENSION.fullmatch(element.get("ref", ""))
                    return int(found[1]) if found else None
                if element.tag == f"{MAIN}sheetData":
                    return None
        return None

    def _first_sheet(self) -> tuple[str, bool]:
        with self.archive.open("xl/workbook.xml") as workbook:
            root = _parse(workbook)
        first = root.find(f"{MAIN}sheets/{MAIN}sheet")
        relation = first.get(f"{OFFICE_RELS}id")
        properties = root.find(f"{MAIN}workbookPr")
        date1904 = properties is not None and properties.get("date1904") in ("1", "true")
        with self.archive.open("xl/_rels/workbook.xml.rels") as rels:
            targets = {
                r.get("Id"): r.get("Target") for r in _parse(rels).iter(f"{RELS}Relationship")
            }
        target = targets[relation]
        path = target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
        return posixpath.normpath(path), date1904

    def _shared_strings(self) -> list[str]:
        if "xl/sharedStrings.xml" not in self.archive.namelist():
            return []
        strings = []
        with self.archive.open("xl/sharedStrings.xml") as shared:
            for _event, element in iterparse(shared, events=("end",)):
                if element.tag == f"{MAIN}si":
                    strings.append(_text_of(element))
                    element.clear()
        return strings

    def _date_styles(self) -> set[int]:
        """Indexes of the cell styles whose number format shows a date."""
        if "xl/styles.xml" not in self.archive.namelist():
            return set()
        with self.archive.open("xl/styles.xml") as styles:
            root = _parse(styles)
        formats = dict(BUILTIN_FORMATS)
        for custom in root.iter(f"{MAIN}numFmt"):
            formats[int(custom.get("numFmtId"))] = custom.get("formatCode", "")
        cell_styles = root.find(f"{MAIN}cellXfs")
        if cell_styles is None:
            return set()
        return {
            index
            for index, style in enumerate(cell_styles.iter(f"{MAIN}xf"))
            if is_date_format(formats.get(int(style.get("numFmtId", 0)), "General"))
        }


def _parse(stream):
    for _event, element in iterparse(stream, events=("end",)):
        root = element
    return root


def _text_of(element) -> str | None:
    """The text of a string item, runs joined, phonetic guides (rPh) left out."""
    if element is None:
        return None
    parts = [t.text or "" for t in element.iter(f"{MAIN}t")]
    guides = [t.text or "" for rph in element.iter(f"{MAIN}rPh") for t in rph.iter(f"{MAIN}t")]
    for guide in guides:
        parts.remove(guide)
    return "".join(parts)


@lru_cache(maxsize=4096)
def _letters_index(letters: str) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - 64
    return index - 1


def _column_index(reference: str | None, next_index: int) -> int:
    """Zero-based column of a cell reference like ``C12``; cells without one follow on."""
    if not reference:
        return next_index
    return _letters_index(reference.rstrip("0123456789"))


class _RowCollector:
    """expat's callbacks for a sheet: builds each row's values as its cells end."""

    def __init__(self, sheet: SheetReader):
        self.sheet = sheet
        self.done: list[tuple] = []
        self.values: list = []
        self.expected = 1
        self.cell: tuple[str | None, str, str | None] = (None, "n", None)
        self.text: list[str] | None = None
        self.raw: str | None = None

    def take(self) -> list[tuple]:
        done, self.done = self.done, []
        return done

    def start(self, name: str, attrs: dict) -> None:
        if name == "c":
            self.cell = (attrs.get("r"), attrs.get("t", "n"), attrs.get("s"))
            self.raw = None
        elif name in ("v", "t"):
            self.text = [] if name == "v" or self.text is None else self.text
        elif name == "row":
            self._row_starts(int(attrs.get("r") or self.expected))
        elif name == "rPh":
            self.text = None  # a phonetic guide is not part of the value

    def end(self, name: str) -> None:
        if name in ("v", "is"):
            self.raw = "".join(self.text or ())
            self.text = None
        elif name == "c":
            reference, kind, style = self.cell
            column = _column_index(reference, len(self.values))
            self.values.extend([None] * (column - len(self.values)))
            self.values.append(self.sheet.value(kind, self.raw, style))
        elif name == "row":
            self.done.append(tuple(self.values))

    def characters(self, data: str) -> None:
        if self.text is not None:
            self.text.append(data)

    def _row_starts(self, number: int) -> None:
        while self.expected < number:  # rows Excel did not store are blank rows
            self.done.append(())
            self.expected += 1
        self.values = []
        self.expected = number + 1


def _expat_parser(rows: _RowCollector):
    """A namespace-free expat parser (xlsx uses one default namespace) wired to ``rows``;
    DTDs and entities are refused, as in defusedxml, since uploads are untrusted."""
    parser = expat.ParserCreate()
    parser.buffer_text = True
    parser.StartElementHandler = rows.start
    parser.EndElementHandler = rows.end
    parser.CharacterDataHandler = rows.characters
    parser.StartDoctypeDeclHandler = _refuse_dtd
    parser.EntityDeclHandler = _refuse_dtd
    return parser


def _refuse_dtd(*_args) -> None:
    raise ValueError("a worksheet with a DTD or entities is not accepted")


def _unreadable() -> UnreadableInput:
    problem = "The file is not an .xlsx workbook."
    return UnreadableInput(problem, {"file": [problem]})
