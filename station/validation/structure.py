"""Structural checks of a PDF file beyond pyHanko's own: every byte accounted for.

pyHanko reads a file the way a careful viewer does: from the last ``startxref`` back along the ``/Prev``
chain. Incremental-saving attacks, signature wrapping and shadow attacks live in what that reading
skips: objects appended with no cross-reference entry, revisions left off the chain, an object defined
twice, a cross-reference entry pointing at another object, a ``/ByteRange`` whose gap is not the
signature's own ``/Contents``. Viewers that rebuild a damaged file by scanning it would show them.

:func:`inspect_structure` parses the file a second time, independently of pyHanko's object reader:
each object that a cross-reference section lists is parsed at its offset (header, value, stream
length, ``endobj``), each revision's table and trailer are parsed, and every byte that is neither part
of those nor whitespace or a comment is reported with its offset. Reading is windowed, so memory stays
bounded for large files; stream data is scanned in chunks, never loaded whole.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import BinaryIO, Protocol

_WS = rb"\x00\t\n\x0c\r "
_SKIP = re.compile(rb"(?:[\x00\t\n\x0c\r ]+|%[^\r\n]*)*")
_REGULAR = re.compile(rb"[^\x00\t\n\x0c\r ()<>\[\]{}/%]+")
_REF = re.compile(rb"(\d+)[\x00\t\n\x0c\r ]+(\d+)[\x00\t\n\x0c\r ]+R(?![^\x00\t\n\x0c\r ()<>\[\]{}/%])")
_OBJ_HEADER = re.compile(rb"(\d+)[\x00\t\n\x0c\r ]+(\d+)[\x00\t\n\x0c\r ]+obj(?![^\x00\t\n\x0c\r ()<>\[\]{}/%])")
_OBJ_ANYWHERE = re.compile(rb"(?<![0-9])(\d+)[\x00\t\n\x0c\r ]+(\d+)[\x00\t\n\x0c\r ]+obj\b")
_STARTXREF = re.compile(rb"startxref[\x00\t\n\x0c\r ]+(\d+)[\x00\t\n\x0c\r ]*%%EOF(\r\n|\r|\n)?")
_XREF_SUBSECTION = re.compile(rb"[\x00\t\n\x0c\r ]*(\d+)[ \t]+(\d+)[ \t]*(?:\r\n|\r|\n)")
_XREF_ENTRY = re.compile(rb"(\d{10})[ ](\d{5})[ ]([nf])(?:\r\n| \r| \n|\r|\n)")
_HEADER = re.compile(rb"%PDF-(\d\.\d)")

WINDOW = 16 * 1024
MAX_WINDOW = 64 * 1024 * 1024  # the largest object value (not stream data) inspected
CHUNK = 4 * 1024 * 1024
MAX_DEPTH = 64
SHOWN = 48  # bytes of unexplained content quoted in a finding


class XrefSource(Protocol):
    """What is needed of pyHanko's ``reader.xrefs`` (an ``XRefCache``)."""

    @property
    def total_revisions(self) -> int: ...

    def get_xref_container_info(self, revision: int):  # noqa: ANN201 - pyHanko's XRefSectionMetaInfo
        ...

    def get_xref_data(self, revision: int):  # noqa: ANN201 - pyHanko's XRefSectionData
        ...


@dataclass(frozen=True)
class Finding:
    """Something in the file's structure a careful validator must not ignore.

    ``always_fails`` findings make a verdict fail wherever they are; the others fail only when no valid
    signature covers ``offset`` (bytes a signer signed as they were are the signer's own).
    """

    code: str
    message: str
    offset: int | None = None
    always_fails: bool = False


@dataclass(frozen=True)
class ObjectSpan:
    """Where one indirect object lies in the file."""

    number: int
    generation: int
    start: int
    end: int
    stream: tuple[int, int] | None = None  # data start and length
    entries: dict[bytes, tuple[int, int]] = field(default_factory=dict)  # top-level keys of signature dicts


@dataclass(frozen=True)
class Revision:
    """One revision as the file lays it out: its body ends with its cross-reference section and ``%%EOF``."""

    index: int
    xref_offset: int
    xref_kind: str  # "table", "stream" or "hybrid"
    end: int  # the byte after this revision's %%EOF and its end-of-line
    eof_end: int  # the byte just after this revision's %%EOF
    objects: tuple[tuple[int, int], ...]  # (number, generation) listed in this revision's section


@dataclass(frozen=True)
class Structure:
    """The file's revisions, its objects' places and what did not add up."""

    size: int
    version: str | None
    revisions: tuple[Revision, ...]
    findings: tuple[Finding, ...]
    objects: dict[tuple[int, int], ObjectSpan] = field(repr=False)

    def revision_ending_at(self, offset: int) -> Revision | None:
        """The revision whose ``%%EOF`` (with its end-of-line, or without) ends exactly at ``offset``."""
        for revision in self.revisions:
            if offset in (revision.end, revision.eof_end):
                return revision
        return None

    def signature_layout(self, ref: tuple[int, int], byte_range: list[int]) -> list[Finding]:
        """Check that ``byte_range`` is the one a signature dict ``ref`` can honestly have (no wrapping).

        The range must start at 0 and have two parts; its gap must be exactly this dictionary's own
        ``/Contents`` string; its end must be the end of a revision (signatures cover whole revisions).
        """
        span = self.objects.get(ref)
        where = f"the signature dictionary {ref[0]} {ref[1]}"
        if span is None:
            return [Finding("byte-range", f"{where} is not among the objects the cross-reference sections list",
                            always_fails=True)]
        if len(byte_range) != 4 or byte_range[0] != 0 or any(v < 0 for v in byte_range):
            return [Finding("byte-range", f"{where} has the unusual /ByteRange {byte_range}", span.start, True)]
        _, first_len, second_start, second_len = byte_range
        contents = span.entries.get(b"/Contents")
        problems = []
        if contents is None or contents != (first_len, second_start):
            where_contents = ("has no /Contents" if contents is None
                              else f"has its /Contents at {contents[0]}-{contents[1]}")
            problems.append(Finding(
                "byte-range",
                f"{where} {where_contents}, but its /ByteRange leaves the gap {first_len}-{second_start} unsigned "
                "(signature wrapping)", span.start, True))
        end = second_start + second_len
        if end > self.size:
            problems.append(Finding("byte-range", f"{where} has a /ByteRange reaching past the end of the file",
                                    span.start, True))
        elif self.revision_ending_at(end) is None:
            problems.append(Finding("byte-range", f"{where} signs up to byte {end}, which is not the end of a revision",
                                    span.start, True))
        return problems


class StructureError(Exception):
    """The file's layout cannot be followed at all (the message says where)."""


class _Truncated(Exception):
    """The window ended before the value did."""


class _Malformed(Exception):
    """Bytes that are not PDF syntax where an object was expected."""


class _Source:
    """Windowed reads from a seekable binary file."""

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream
        stream.seek(0, 2)
        self.size = stream.tell()

    def read(self, offset: int, length: int) -> bytes:
        self.stream.seek(offset)
        return self.stream.read(max(0, min(length, self.size - offset)))

    def chunks(self, start: int, end: int, overlap: int = 0) -> Iterator[tuple[int, bytes]]:
        """(offset, bytes) chunks covering [start, end), each overlapping the previous by ``overlap`` bytes."""
        position = start
        while position < end:
            length = min(CHUNK, end - position)
            yield position, self.read(position, length)
            if position + length >= end:
                return
            position += length - overlap


class _Parser:
    """A minimal PDF syntax reader over one window of bytes; it finds where values end, nothing more."""

    def __init__(self, buf: bytes, at_eof: bool) -> None:
        self.buf = buf
        self.at_eof = at_eof

    def skip(self, pos: int) -> int:
        pos = _SKIP.match(self.buf, pos).end()
        if pos >= len(self.buf):
            raise (_Malformed("the file ends here") if self.at_eof else _Truncated())
        return pos

    def value(self, pos: int, depth: int = 0) -> int:
        """Return the position just after the value starting at (or after whitespace from) ``pos``."""
        if depth > MAX_DEPTH:
            raise _Malformed("objects nested too deeply")
        buf = self.buf
        pos = self.skip(pos)
        char = buf[pos]
        if char == 0x3C:  # <
            if buf.startswith(b"<<", pos):
                return self.dictionary(pos, depth)[0]
            end = buf.find(b">", pos)
            if end < 0:
                raise (_Malformed("a hex string is not closed") if self.at_eof else _Truncated())
            return end + 1
        if char == 0x28:  # (
            return self.literal(pos)
        if char == 0x5B:  # [
            pos += 1
            while True:
                pos = self.skip(pos)
                if buf[pos] == 0x5D:
                    return pos + 1
                pos = self.value(pos, depth + 1)
        if char == 0x2F:  # /
            match = _REGULAR.match(buf, pos + 1)
            return match.end() if match else pos + 1
        ref = _REF.match(buf, pos)
        if ref:
            return ref.end()
        match = _REGULAR.match(buf, pos)
        if match is None:
            raise _Malformed(f"unexpected {buf[pos:pos + 1]!r}")
        if match.end() >= len(buf) and not self.at_eof:
            raise _Truncated()
        return match.end()

    def dictionary(self, pos: int, depth: int) -> tuple[int, dict[bytes, tuple[int, int]]]:
        """(end, {key: (value start, value end)}) of the dictionary at ``pos``."""
        buf = self.buf
        pos += 2
        entries: dict[bytes, tuple[int, int]] = {}
        while True:
            pos = self.skip(pos)
            if buf.startswith(b">>", pos):
                return pos + 2, entries
            if buf[pos] != 0x2F:
                raise _Malformed("a dictionary key is not a name")
            match = _REGULAR.match(buf, pos + 1)
            key_end = match.end() if match else pos + 1
            key = buf[pos:key_end]
            start = self.skip(key_end)
            end = self.value(start, depth + 1)
            if key in entries:
                raise _Malformed(f"the dictionary defines {key.decode('latin-1')} twice")
            entries[key] = (start, end)
            pos = end

    def literal(self, pos: int) -> int:
        buf = self.buf
        depth = 0
        specials = re.compile(rb"[()\\]")
        while True:
            match = specials.search(buf, pos)
            if match is None:
                raise (_Malformed("a string is not closed") if self.at_eof else _Truncated())
            pos = match.end()
            char = buf[match.start()]
            if char == 0x5C:  # backslash escapes the next byte
                pos += 1
            elif char == 0x28:
                depth += 1
            else:
                depth -= 1
                if depth == 0:
                    return pos


def inspect_structure(stream: BinaryIO, xrefs: XrefSource) -> Structure:
    """Account for every byte of the file, using the cross-reference sections pyHanko found in ``xrefs``.

    Raises :class:`StructureError` only when even the header is missing; everything else is a finding.
    """
    source = _Source(stream)
    head = source.read(0, 1024)
    header = _HEADER.search(head)
    if header is None:
        raise StructureError("no %PDF- header in the first 1024 bytes")
    inspector = _Inspector(source, xrefs)
    inspector.run(header.start())
    return Structure(
        size=source.size,
        version=header.group(1).decode("ascii"),
        revisions=tuple(inspector.revisions),
        findings=tuple(inspector.findings),
        objects=inspector.objects,
    )


class _Inspector:
    def __init__(self, source: _Source, xrefs: XrefSource) -> None:
        self.source = source
        self.xrefs = xrefs
        self.findings: list[Finding] = []
        self.objects: dict[tuple[int, int], ObjectSpan] = {}
        self.revisions: list[Revision] = []
        self.spans: list[tuple[int, int]] = []
        self._by_offset: dict[int, ObjectSpan | None] = {}

    def note(self, code: str, message: str, offset: int | None = None, always: bool = False) -> None:
        self.findings.append(Finding(code, message, offset, always))

    def run(self, header_at: int) -> None:
        if header_at:
            self.note("header", f"{header_at} bytes come before the %PDF- header", 0)
        for index in range(self.xrefs.total_revisions):
            self._revision(index)
        self._stream_contents()
        self._gaps()

    # --- revisions ------------------------------------------------------------------------------

    def _revision(self, index: int) -> None:
        meta = self.xrefs.get_xref_container_info(index)
        data = self.xrefs.get_xref_data(index)
        entries = dict(data.standard_xrefs)
        if data.hybrid is not None:
            entries.update(data.hybrid.xref_data.standard_xrefs)
        kind = {"STANDARD": "table", "STREAM": "stream", "HYBRID_MAIN": "hybrid"}.get(meta.xref_section_type.name, "?")
        listed = []
        for number, (generation, offset) in sorted(entries.items()):
            listed.append((number, generation))
            self._object_at(number, generation, offset)
        listed += [(number, 0) for number in data.xrefs_in_objstm]
        if kind == "stream":
            end = self._xref_stream_end(meta.stream_ref, meta.declared_startxref)
        else:
            end = self._xref_table_end(index, meta.declared_startxref, meta.end_location)
            if kind == "hybrid" and meta.stream_ref is not None:
                hybrid = data.hybrid.meta_info
                self._object_at(meta.stream_ref.idnum, meta.stream_ref.generation, hybrid.declared_startxref)
        if end is None:
            end = (meta.end_location, meta.end_location)
        self.revisions.append(Revision(index, meta.declared_startxref, kind, end[0], end[1], tuple(listed)))

    def _xref_table_end(self, index: int, start: int, entries_end: int) -> tuple[int, int] | None:
        """Parse the table at ``start`` and its trailer; return where the revision ends (with and without EOL)."""
        raw = self.source.read(start, max(entries_end - start, 0) + 64)
        if not raw.startswith(b"xref"):
            self.note("xref", f"revision {index + 1}: no 'xref' keyword where its table should be", start, True)
            return None
        seen: set[int] = set()
        pos = 4
        while True:
            sub = _XREF_SUBSECTION.match(raw, pos)
            if sub is None:
                break
            first, count = int(sub.group(1)), int(sub.group(2))
            pos = sub.end()
            for number in range(first, first + count):
                entry = _XREF_ENTRY.match(raw, pos)
                if entry is None:
                    self.note("xref", f"revision {index + 1}: the cross-reference table is malformed near byte "
                              f"{start + pos}", start + pos, True)
                    return None
                pos = entry.end()
                if number in seen:
                    self.note("duplicate-object",
                              f"revision {index + 1} lists object {number} twice in its cross-reference table "
                              "(viewers disagree on which definition wins)", start + pos, True)
                seen.add(number)
        table_end = start + pos
        window = self.source.read(table_end, 64)
        skip = _SKIP.match(window).end()
        if not window.startswith(b"trailer", skip):
            self.note("xref", f"revision {index + 1}: no trailer after its cross-reference table", table_end, True)
            return None
        trailer_end = self._value_end(table_end + skip + len(b"trailer"))
        if trailer_end is None:
            self.note("xref", f"revision {index + 1}: its trailer cannot be parsed", table_end, True)
            return None
        self.spans.append((start, trailer_end))
        return self._startxref(index, trailer_end, start)

    def _xref_stream_end(self, ref: object, start: int) -> tuple[int, int] | None:
        number, generation = ref.idnum, ref.generation  # type: ignore[attr-defined]
        span = self._object_at(number, generation, start)
        if span is None:
            return None
        return self._startxref(len(self.revisions), span.end, start)

    def _startxref(self, index: int, pos: int, expected: int) -> tuple[int, int] | None:
        """Find ``startxref N %%EOF`` at ``pos``; it must point at this revision's own section."""
        window = self.source.read(pos, 256)
        skip = len(window) - len(window.lstrip(b"\x00\t\n\x0c\r "))  # not _SKIP: %%EOF is a comment
        match = _STARTXREF.match(window, skip)
        if match is None:
            self.note("xref", f"revision {index + 1} does not end with 'startxref' and '%%EOF'", pos, True)
            return None
        self.spans.append((pos, pos + match.end()))
        eof_end = pos + match.end() - len(match.group(2) or b"")
        if int(match.group(1)) != expected:
            self.note("xref", f"revision {index + 1} ends with startxref {int(match.group(1))}, but its "
                      f"cross-reference section is at {expected}", pos)
        return pos + match.end(), eof_end

    # --- objects --------------------------------------------------------------------------------

    def _object_at(self, number: int, generation: int, offset: int) -> ObjectSpan | None:
        if offset in self._by_offset:
            span = self._by_offset[offset]
            if span is not None and (span.number, span.generation) != (number, generation):
                self.note("xref", f"two cross-reference entries ({span.number} {span.generation} and {number} "
                          f"{generation}) point at the same offset {offset}", offset, True)
            elif span is not None:
                self.objects[(number, generation)] = span
            return span
        span = self._parse_object(number, generation, offset)
        self._by_offset[offset] = span
        if span is not None:
            self.objects[(number, generation)] = span
            self.spans.append((span.start, span.end))
        return span

    def _parse_object(self, number: int, generation: int, offset: int) -> ObjectSpan | None:
        if not 0 <= offset < self.source.size:
            self.note("xref", f"object {number} {generation} is listed at offset {offset}, outside the file",
                      None, True)
            return None
        window = WINDOW
        while True:
            buf = self.source.read(offset, window)
            at_eof = offset + len(buf) >= self.source.size
            try:
                return self._parse_in(buf, at_eof, number, generation, offset)
            except _Truncated:
                if window >= MAX_WINDOW:
                    self.note("object", f"object {number} {generation} is larger than {MAX_WINDOW} bytes "
                              "before its stream data; not inspected", offset, True)
                    return None
                window *= 4
            except _Malformed as exc:
                self.note("object", f"object {number} {generation} at offset {offset} cannot be parsed: {exc}",
                          offset, True)
                return None

    def _parse_in(self, buf: bytes, at_eof: bool, number: int, generation: int, offset: int) -> ObjectSpan | None:
        header = _OBJ_HEADER.match(buf)
        if header is None:
            found = buf[:24].split(b"\n")[0]
            self.note("xref", f"the cross-reference entry of object {number} {generation} points at offset "
                      f"{offset}, where there is {found!r} instead", offset, True)
            return None
        if (int(header.group(1)), int(header.group(2))) != (number, generation):
            self.note("xref", f"the cross-reference entry of object {number} {generation} points at object "
                      f"{int(header.group(1))} {int(header.group(2))}", offset, True)
            return None
        parser = _Parser(buf, at_eof)
        value_start = parser.skip(header.end())
        entries: dict[bytes, tuple[int, int]] = {}
        if buf.startswith(b"<<", value_start):
            value_end, entries = parser.dictionary(value_start, 0)
        else:
            value_end = parser.value(value_start)
        pos = parser.skip(value_end)
        if buf.startswith(b"endobj", pos):
            return ObjectSpan(number, generation, offset, offset + pos + 6, None, _kept(entries, offset))
        if not buf.startswith(b"stream", pos):
            raise _Malformed("no 'endobj' after the value")
        data = pos + 6
        if buf.startswith(b"\r\n", data):
            data += 2
        elif buf.startswith(b"\n", data):
            data += 1
        else:
            self.note("object", f"object {number} {generation}: 'stream' is not followed by an end of line",
                      offset + data)
            data += buf.startswith(b"\r", data)
        length = self._length(entries, buf)
        if length is None:
            raise _Malformed("its stream has no usable /Length")
        end = self._stream_end(offset + data + length)
        if end is None:
            self.note("stream-length", f"object {number} {generation}: its stream data does not end where "
                      f"/Length ({length}) says", offset, True)
            return None
        return ObjectSpan(number, generation, offset, end, (offset + data, length), _kept(entries, offset))

    def _length(self, entries: dict[bytes, tuple[int, int]], buf: bytes) -> int | None:
        where = entries.get(b"/Length")
        if where is None:
            return None
        text = buf[where[0]:where[1]]
        ref = _REF.fullmatch(text)
        if ref is None:
            return int(text) if text.isdigit() else None
        number, generation = int(ref.group(1)), int(ref.group(2))
        offset = self._offset_of(number, generation)
        if offset is None:
            return None
        window = self.source.read(offset, 256)
        header = _OBJ_HEADER.match(window)
        if header is None:
            return None
        match = re.compile(rb"[\x00\t\n\x0c\r ]*(\d+)[\x00\t\n\x0c\r ]+endobj").match(window, header.end())
        return int(match.group(1)) if match else None

    def _offset_of(self, number: int, generation: int) -> int | None:
        for index in range(self.xrefs.total_revisions - 1, -1, -1):
            entry = self.xrefs.get_xref_data(index).standard_xrefs.get(number)
            if entry is not None and entry[0] == generation:
                return entry[1]
        return None

    def _stream_end(self, data_end: int) -> int | None:
        window = self.source.read(data_end, 64)
        match = re.compile(rb"[\x00\t\n\x0c\r ]*endstream[\x00\t\n\x0c\r ]*endobj").match(window)
        return data_end + match.end() if match else None

    def _value_end(self, pos: int) -> int | None:
        window = WINDOW
        while True:
            buf = self.source.read(pos, window)
            try:
                return pos + _Parser(buf, pos + len(buf) >= self.source.size).value(0)
            except _Truncated:
                if window >= MAX_WINDOW:
                    return None
                window *= 4
            except _Malformed:
                return None

    # --- what lies between ----------------------------------------------------------------------

    def _stream_contents(self) -> None:
        """Stream data must not contain 'endstream': a parser that ignores /Length would see other objects."""
        for span in {id(s): s for s in self.objects.values()}.values():
            if span.stream is None:
                continue
            start, length = span.stream
            for offset, chunk in self.source.chunks(start, start + length, overlap=len(b"endstream")):
                found = chunk.find(b"endstream")
                if found >= 0:
                    self.note("hidden-in-stream", f"the stream data of object {span.number} {span.generation} "
                              "contains 'endstream': a reader that ignores /Length sees other objects there",
                              offset + found)
                    break

    def _gaps(self) -> None:
        """Everything outside the parsed objects and sections must be whitespace or comments."""
        position = 0
        for start, end in sorted(self.spans):
            if start < position:
                self.note("overlap", f"two parts of the file overlap at byte {start} (an object inside another)",
                          start, True)
                position = max(position, end)
                continue
            self._gap(position, start)
            position = end
        self._gap(position, self.source.size, trailing=True)

    def _gap(self, start: int, end: int, trailing: bool = False) -> None:
        for offset, chunk in self.source.chunks(start, end):
            stripped = _skip_comments_keep_eof(chunk)
            if stripped is None:
                continue
            at, content = stripped
            where = offset + at
            objects = [(int(m.group(1)), int(m.group(2))) for m in _OBJ_ANYWHERE.finditer(chunk)]
            shown = content[:SHOWN]
            if objects:
                names = ", ".join(f"{n} {g}" for n, g in objects[:5]) + (" ..." if len(objects) > 5 else "")
                self.note("orphan-objects", f"objects {names} at byte {where} are listed in no cross-reference "
                          "section on the file's chain (a viewer that rebuilds the table would show them)", where)
            elif b"xref" in content or b"trailer" in content or b"%%EOF" in content:
                self.note("hidden-revision", f"a revision at byte {where} is not on the file's /Prev chain "
                          f"(starts {shown!r})", where)
            elif trailing:
                self.note("trailing-data", f"{end - where} bytes after the last %%EOF (starts {shown!r})", where)
            else:
                self.note("unexplained-bytes", f"bytes at {where} belong to no object or section "
                          f"(starts {shown!r})", where)
            return


def _skip_comments_keep_eof(chunk: bytes) -> tuple[int, bytes] | None:
    """(offset, rest) of the first byte that is neither whitespace nor a comment, or None.

    ``%%EOF`` counts as content here: outside a revision's own end it marks a revision nobody lists.
    """
    pos = 0
    skipper = re.compile(rb"(?:[\x00\t\n\x0c\r ]+|%(?!%EOF)[^\r\n]*)*")
    pos = skipper.match(chunk, pos).end()
    if pos >= len(chunk):
        return None
    return pos, chunk[pos:]


def _kept(entries: dict[bytes, tuple[int, int]], offset: int) -> dict[bytes, tuple[int, int]]:
    """File offsets of a signature dictionary's entries (only those are kept, to save memory)."""
    if b"/ByteRange" not in entries:
        return {}
    return {key: (offset + start, offset + end) for key, (start, end) in entries.items()}
