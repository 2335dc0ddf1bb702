"""Reads and writes the few ISO-BMFF / HEIF boxes the format set needs (ISO/IEC 14496-12, 23008-12).

build.py encodes every coded image with heif-enc; this module only takes those files apart and puts items together
again: a grid image (tiles + a 'grid' item, as iPhones store 12 MP photos), an image with 'irot' (as iPhones store a
portrait photo) and the hostile files (an 'ispe' patched to a gigapixel, a grid declaring one). Written for this set,
not a general HEIF library: item data must be in one extent, and property indexes must fit ipma's 7-bit form.
"""
import struct


def box(kind, payload):
    return struct.pack(">I", 8 + len(payload)) + kind + payload


def full_box(kind, version, flags, payload):
    return box(kind, struct.pack(">I", (version << 24) | flags) + payload)


def iter_boxes(data, start=0, end=None):
    """Yields (type, payload start, payload end, box start) for each box in data[start:end]."""
    end = len(data) if end is None else end
    pos = start
    while pos + 8 <= end:
        size, kind = struct.unpack(">I4s", data[pos:pos + 8])
        header = 8
        if size == 1:
            size = struct.unpack(">Q", data[pos + 8:pos + 16])[0]
            header = 16
        elif size == 0:
            size = end - pos
        yield kind, pos + header, pos + size, pos
        pos += size


def child(data, start, end, kind):
    for k, s, e, _ in iter_boxes(data, start, end):
        if k == kind:
            return s, e
    raise KeyError(kind)


class Item:
    def __init__(self, item_id, item_type, data, props=(), hidden=False, name=b"", in_idat=False):
        self.id = item_id
        self.type = item_type
        self.data = data
        self.props = list(props)  # [(box bytes, essential)]
        self.hidden = hidden
        self.name = name
        self.in_idat = in_idat


def read_heif(data):
    """Returns (ftyp box, primary item id, {id: Item}, [(ref type, from id, [to ids])]) of a HEIF file."""
    top = {k: (s, e) for k, s, e, _ in iter_boxes(data)}
    ftyp = next(data[b:e] for k, s, e, b in iter_boxes(data) if k == b"ftyp")
    ms, me = top[b"meta"]
    ms += 4  # FullBox header
    meta = {k: (s, e) for k, s, e, _ in iter_boxes(data, ms, me)}
    s, _ = meta[b"pitm"]
    version = data[s]
    primary = struct.unpack(">I" if version else ">H", data[s + 4:s + (8 if version else 6)])[0]

    items = {}
    s, e = meta[b"iinf"]
    version = data[s]
    pos = s + 4 + (4 if version else 2)
    for k, bs, be, _ in iter_boxes(data, pos, e):
        assert k == b"infe" and data[bs] >= 2, "only infe version 2/3"
        v, flags = data[bs], int.from_bytes(data[bs + 1:bs + 4], "big")
        p = bs + 4
        if v == 2:
            item_id = struct.unpack(">H", data[p:p + 2])[0]
            p += 2
        else:
            item_id = struct.unpack(">I", data[p:p + 4])[0]
            p += 4
        p += 2  # protection index
        item_type = data[p:p + 4]
        p += 4
        name = data[p:data.index(b"\0", p)]
        items[item_id] = Item(item_id, item_type, b"", hidden=bool(flags & 1), name=name)

    idat = meta.get(b"idat")
    s, e = meta[b"iloc"]
    version = data[s]
    p = s + 4
    offset_size, length_size = data[p] >> 4, data[p] & 15
    base_offset_size, index_size = data[p + 1] >> 4, (data[p + 1] & 15) if version in (1, 2) else 0
    p += 2

    def read(n):
        nonlocal p
        value = int.from_bytes(data[p:p + n], "big") if n else 0
        p += n
        return value

    count = read(2 if version < 2 else 4)
    for _ in range(count):
        item_id = read(2 if version < 2 else 4)
        method = read(2) & 15 if version in (1, 2) else 0
        read(2)  # data reference index
        base = read(base_offset_size)
        extents = read(2)
        chunks = []
        for _ in range(extents):
            read(index_size)
            offset, length = read(offset_size), read(length_size)
            if method == 0:
                chunks.append(data[base + offset:base + offset + length])
            elif method == 1:
                chunks.append(data[idat[0] + base + offset:idat[0] + base + offset + length])
            else:
                raise ValueError("iloc construction method %d" % method)
        if item_id in items:
            items[item_id].data = b"".join(chunks)
            items[item_id].in_idat = method == 1

    refs = []
    if b"iref" in meta:
        s, e = meta[b"iref"]
        version = data[s]
        n = 4 if version else 2
        for k, bs, be, _ in iter_boxes(data, s + 4, e):
            src = int.from_bytes(data[bs:bs + n], "big")
            cnt = struct.unpack(">H", data[bs + n:bs + n + 2])[0]
            to = [int.from_bytes(data[bs + n + 2 + i * n:bs + n + 2 + (i + 1) * n], "big") for i in range(cnt)]
            refs.append((k, src, to))

    s, e = meta[b"iprp"]
    cs, ce = child(data, s, e, b"ipco")
    props = [data[bstart:be] for k, bs, be, bstart in iter_boxes(data, cs, ce)]
    ps, pe = child(data, s, e, b"ipma")
    version, flags = data[ps], int.from_bytes(data[ps + 1:ps + 4], "big")
    p = ps + 4
    count = struct.unpack(">I", data[p:p + 4])[0]
    p += 4
    for _ in range(count):
        item_id = int.from_bytes(data[p:p + (4 if version else 2)], "big")
        p += 4 if version else 2
        n = data[p]
        p += 1
        for _ in range(n):
            if flags & 1:
                v = struct.unpack(">H", data[p:p + 2])[0]
                p += 2
                essential, index = bool(v >> 15), v & 0x7FFF
            else:
                v = data[p]
                p += 1
                essential, index = bool(v >> 7), v & 0x7F
            if index:
                items[item_id].props.append((props[index - 1], essential))
    return ftyp, primary, items, refs


def ftyp_box(major, brands):
    return box(b"ftyp", major + struct.pack(">I", 0) + b"".join(brands))


def write_heif(ftyp, primary, items, refs=()):
    """Writes a HEIF file: ftyp, meta (hdlr, pitm, iloc v1, iinf, iref, iprp, idat), mdat. Items in id order."""
    items = sorted(items, key=lambda it: it.id)
    hdlr = full_box(b"hdlr", 0, 0, b"\0" * 4 + b"pict" + b"\0" * 12 + b"\0")
    pitm = full_box(b"pitm", 0, 0, struct.pack(">H", primary))
    infes = b"".join(full_box(b"infe", 2, 1 if it.hidden else 0,
                              struct.pack(">HH", it.id, 0) + it.type + it.name + b"\0") for it in items)
    iinf = full_box(b"iinf", 0, 0, struct.pack(">H", len(items)) + infes)
    iref = b""
    if refs:
        iref = full_box(b"iref", 0, 0, b"".join(
            box(kind, struct.pack(">HH", src, len(to)) + b"".join(struct.pack(">H", t) for t in to))
            for kind, src, to in refs))
    unique = []
    for it in items:
        for prop, _ in it.props:
            if prop not in unique:
                unique.append(prop)
    assert len(unique) < 128
    ipco = box(b"ipco", b"".join(unique))
    entries = b""
    count = 0
    for it in items:
        if not it.props:
            continue
        count += 1
        entries += struct.pack(">HB", it.id, len(it.props)) + bytes(
            (0x80 if essential else 0) | (unique.index(prop) + 1) for prop, essential in it.props)
    ipma = full_box(b"ipma", 0, 0, struct.pack(">I", count) + entries)
    iprp = box(b"iprp", ipco + ipma)
    idat_payload = b"".join(it.data for it in items if it.in_idat)
    idat = box(b"idat", idat_payload) if idat_payload else b""

    def build_meta(mdat_start):
        entries = b""
        mdat_pos, idat_pos = mdat_start, 0
        for it in items:
            if it.in_idat:
                offset, idat_pos = idat_pos, idat_pos + len(it.data)
            else:
                offset, mdat_pos = mdat_pos, mdat_pos + len(it.data)
            entries += struct.pack(">HHHHII", it.id, 1 if it.in_idat else 0, 0, 1, offset, len(it.data))
        iloc = full_box(b"iloc", 1, 0, bytes([0x44, 0x00]) + struct.pack(">H", len(items)) + entries)
        return full_box(b"meta", 0, 0, hdlr + pitm + iloc + iinf + iref + iprp + idat)

    size_meta = len(build_meta(0))
    mdat_payload = b"".join(it.data for it in items if not it.in_idat)
    meta = build_meta(len(ftyp) + size_meta + 8)
    assert len(meta) == size_meta
    return ftyp + meta + box(b"mdat", mdat_payload)


def ispe(width, height):
    return full_box(b"ispe", 0, 0, struct.pack(">II", width, height))


def irot(quarter_turns_ccw):
    return box(b"irot", bytes([quarter_turns_ccw & 3]))


def grid_data(rows, columns, width, height):
    """ImageGrid item data: version 0; flags bit 0 chooses 32-bit output sizes when they do not fit 16 bits."""
    if width < 65536 and height < 65536:
        return struct.pack(">BBBBHH", 0, 0, rows - 1, columns - 1, width, height)
    return struct.pack(">BBBBII", 0, 1, rows - 1, columns - 1, width, height)


def prop_kind(prop):
    return prop[4:8]
