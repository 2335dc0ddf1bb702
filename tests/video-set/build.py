#!/usr/bin/python3
"""Builds the video test set: short phone-like videos whose scenes are real COCO photos, for tests of video indexing
(frames taken by ffmpeg, embedded, searched by text; the answer names the second at which a scene is shown).

Run from the project root with Debian 12's python3, python3-pil, ffmpeg, x264 and libimage-exiftool-perl (README.md
lists the versions used):
    nice /usr/bin/python3 tests/video-set/build.py
Writes, under tests/video-set/:
  files/        the test library: MP4 and MOV files (H.264, HEVC), a Live Photo pair, near-duplicate pairs, a 20-minute
                clip; every scene a COCO photo from ../shared with a slow pan or zoom (or still, in the long clip)
  hostile/      bad inputs (truncated, empty, not a video, 16384x16384, ten hours of one colour; hostile/README.md)
  expected.json one entry per file: container, codec, coded and upright size, rotation, duration, creation time and
                GPS as stored, and the scenes (start, end, photo, query words from the photo's caption)
    /usr/bin/python3 tests/video-set/build.py --check PATH/TO/retrieval
checks, without building, that each scene's query finds its own photo first among the scene photos, and its own
scene first among frames taken from the middle of every scene of every file (two temporary indexes).

Deterministic: the frames are drawn by Pillow (Lanczos/bicubic resampling at fractional positions, so that a pan
moves by less than a pixel a frame), piped to ffmpeg as RGB and converted by swscale with the bitexact flag; x264,
x265 and the muxers run single-threaded with -bitexact and fixed parameters; -map_metadata -1 drops everything
ffmpeg would copy, the metadata is then set explicitly; nothing reads the clock. With other tool versions than those
in expected.json the coded bytes may differ; the script then says so and goes on.
"""
import json
import os
import pathlib
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import threading

from PIL import Image, ImageDraw, ImageFont

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
import testdata  # noqa: E402
SHARED = HERE.parents[2] / "shared"
COCO = SHARED / "datasets" / "coco-train-mini"
FILES, HOSTILE = HERE / "files", HERE / "hostile"
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
ENV = dict(os.environ, TZ="UTC", LC_ALL="C")
FFMPEG = ["ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error", "-y"]
SWS = "accurate_rnd+full_chroma_int+bitexact"
# Tag and convert to BT.709, limited range (what phones write for HD video).
COLOUR = ["-colorspace", "bt709", "-color_primaries", "bt709", "-color_trc", "bt709", "-color_range", "tv"]
LIVE_PHOTO_ID = "5E3B7A2C-9F41-4D8E-B6A0-1C2D3E4F5A6B"

# Debian packages whose versions decide the bytes written.
PACKAGES = ["ffmpeg", "libavcodec59", "libavformat59", "libswscale6", "libx264-164", "libx265-199", "x264",
            "libimage-exiftool-perl", "python3-pil", "libfreetype6", "fonts-dejavu-core"]
BUILT_WITH = {  # what the committed files were made with (Debian 12 "bookworm")
    "ffmpeg": "7:5.1.9-0+deb12u1", "libavcodec59": "7:5.1.9-0+deb12u1", "libavformat59": "7:5.1.9-0+deb12u1",
    "libswscale6": "7:5.1.9-0+deb12u1", "libx264-164": "2:0.164.3095+gitbaee400-3", "libx265-199": "3.5-2+b1",
    "x264": "2:0.164.3095+gitbaee400-3", "libimage-exiftool-perl": "12.57+dfsg-1",
    "python3-pil": "9.4.0-1.1+deb12u1", "libfreetype6": "2.12.1+dfsg-5+deb12u4", "fonts-dejavu-core": "2.37-6",
}


def run(*args, **kwargs):
    return testdata.run(args, ENV, **kwargs)


def package_versions():
    return testdata.package_versions(PACKAGES)


# ---------------------------------------------------------------- photos and captions

CAPTIONS = {name: photo["captions"] for name, photo in testdata.coco_photos(COCO).items()}


def caption_for(name, query):
    """The first caption holding every query word as a word (a test searches for them); fails if there is none."""
    words = query.lower().split()
    for caption in CAPTIONS[name]:
        text = set(re.findall(r"[a-z0-9]+", caption.lower()))
        if all(w in text for w in words):
            return caption
    raise SystemExit("no caption of %s holds all of %r: %s" % (name, query, CAPTIONS[name]))


# The scene photos: 20 COCO photos, each shown in one file only (IMG_0100.JPG/.MOV and clip-original/-reencoded
# show the same photos on purpose): 13 used nowhere else in the repository, 6 from data/samples, 1 also used by
# tests/formats-set (see SOURCES.md for why). Each query is words of one caption of its photo; it ranks that photo
# first among the 20 scene photos, and a frame of that photo first among frames of every scene (--check).
QUERY = {
    "000000568290.jpg": "bus driving trees",
    "000000433998.jpg": "pitch baseball game",
    "000000475678.jpg": "bags luggage",
    "000000359219.jpg": "pizzas oven fork",
    "000000231460.jpg": "hanging city",
    "000000408805.jpg": "yellow walls microwave",
    "000000255165.jpg": "two computer monitor",
    "000000460229.jpg": "stop sign truck",
    "000000442450.jpg": "woods dog",
    "000000234748.jpg": "man talking phone",
    "000000397133.jpg": "person pots pans",
    "000000229358.jpg": "bathroom himself mirror",
    "000000553664.jpg": "red laptop sitting table",
    "000000519208.jpg": "man standing elephant",
    "000000174375.jpg": "tennis racquet court",
    "000000099053.jpg": "noodles broccoli sauce",
    "000000213148.jpg": "sandwich keyboard",
    "000000174632.jpg": "diorama toys",
    "000000159269.jpg": "beach ocean",  # "patio beach" ranked a laptop clip first on the indexer's own frames
    "000000114174.jpg": "table food lounging",
}


def photo(name):
    return Image.open(COCO / "images" / name).convert("RGB")


# ---------------------------------------------------------------- drawing frames

def cover_box(w, h, aspect):
    """The largest box of the given aspect (w/h) centred in a w x h picture: (width, height)."""
    return (h * aspect, h) if w / h > aspect else (w, w / aspect)


MOTIONS = {  # scale of the box (1 = the largest box of the output's aspect) and where it goes, for t in 0..1
    "zoom-in": lambda t: (1 - 0.15 * t, 0.5, 0.5),
    "zoom-out": lambda t: (0.85 + 0.15 * t, 0.5, 0.5),
    "pan-right": lambda t: (0.85, t, 0.5),
    "pan-left": lambda t: (0.85, 1 - t, 0.5),
    "pan-down": lambda t: (0.85, 0.5, t),
    "pan-up": lambda t: (0.85, 0.5, 1 - t),
    "live-zoom": lambda t: (1 - 0.06 * t, 0.5, 0.5),  # the Live Photo's slight zoom
    "still": lambda t: (1.0, 0.5, 0.5),
}


def scene_frames(name, size, n, motion):
    """n frames of size (w, h) showing COCO photo `name` with a pan or zoom: a box of the output's aspect moves over
    the photo (fx, fy: where the box sits in the room left around it, 0 = left/top, 1 = right/bottom) and is resampled
    to the output size at fractional positions (bicubic), after the photo is brought down (Lanczos) to about the
    box's size so that nothing aliases."""
    im = photo(name)
    w_out, h_out = size
    bw, bh = cover_box(im.width, im.height, w_out / h_out)
    smallest = min(MOTIONS[motion](i / max(1, n - 1))[0] for i in range(n))
    f = w_out / (bw * smallest)
    if f < 1:
        im = im.resize((round(im.width * f), round(im.height * f)), Image.LANCZOS)
        bw, bh = cover_box(im.width, im.height, w_out / h_out)
    if motion == "still":
        frame = im.resize(size, Image.LANCZOS, box=((im.width - bw) / 2, (im.height - bh) / 2,
                                                    (im.width + bw) / 2, (im.height + bh) / 2))
        for _ in range(n):
            yield frame
        return
    for i in range(n):
        s, fx, fy = MOTIONS[motion](i / max(1, n - 1))
        w, h = bw * s, bh * s
        x0, y0 = (im.width - w) * fx, (im.height - h) * fy
        yield im.transform(size, Image.Transform.EXTENT, (x0, y0, x0 + w, y0 + h), Image.Resampling.BICUBIC)


def black_frames(size, n):
    frame = Image.new("RGB", size, (0, 0, 0))
    for _ in range(n):
        yield frame


def title_frames(size, n, text):
    frame = Image.new("RGB", size, (255, 255, 255))
    ImageDraw.Draw(frame).text((size[0] / 2, size[1] / 2), text, fill=(20, 20, 20),
                               font=ImageFont.truetype(FONT, size[1] // 6), anchor="mm")
    for _ in range(n):
        yield frame


# ---------------------------------------------------------------- encoding

def encode(path, frames, size, fps, codec_args, fmt, meta_args=()):
    """Pipes RGB frames into ffmpeg, which converts them to 4:2:0 BT.709 and encodes them."""
    cmd = FFMPEG + ["-f", "rawvideo", "-pix_fmt", "rgb24", "-s", "%dx%d" % size, "-framerate", str(fps), "-i", "-",
                    "-map_metadata", "-1", "-vf", "scale=out_color_matrix=bt709:out_range=tv:flags=%s,format=yuv420p"
                    % SWS] + COLOUR + list(codec_args) + ["-fflags", "+bitexact", "-flags:v", "+bitexact",
                                                          "-f", fmt] + list(meta_args) + [str(path)]
    with tempfile.TemporaryFile() as err:
        p = subprocess.Popen(cmd, stdin=subprocess.PIPE, stderr=err, env=ENV)
        count = 0
        for frame in frames:
            assert frame.size == size, (frame.size, size)
            p.stdin.write(frame.tobytes())
            count += 1
        p.stdin.close()
        if p.wait() != 0:
            err.seek(0)
            raise SystemExit("ffmpeg failed on %s: %s" % (path, err.read().decode(errors="replace")))
    return count


def x264(crf, keyint, preset="medium"):
    return ["-c:v", "libx264", "-preset", preset, "-crf", str(crf), "-profile:v", "high", "-threads", "1",
            "-x264-params", "keyint=%d:min-keyint=%d:scenecut=40:rc-lookahead=40" % (keyint, min(keyint, 25))]


def x265(crf, keyint):
    return ["-c:v", "libx265", "-preset", "medium", "-crf", str(crf), "-tag:v", "hvc1",
            "-x265-params", "pools=1:frame-threads=1:keyint=%d:min-keyint=%d:log-level=error" % (keyint, keyint // 2)]


def apple_tags(created_utc, created_local, location=None, extra=()):
    """QuickTime metadata as an iPhone writes it: mdta keys (com.apple.quicktime.*), written by ffmpeg with
    -movflags use_metadata_tags. created_utc goes to mvhd/tkhd/mdhd afterwards (exiftool), not to the keys."""
    args = ["-movflags", "use_metadata_tags",
            "-metadata", "com.apple.quicktime.make=Apple", "-metadata", "com.apple.quicktime.model=iPhone 12",
            "-metadata", "com.apple.quicktime.software=14.6",
            "-metadata", "com.apple.quicktime.creationdate=" + created_local]
    if location:
        args += ["-metadata", "com.apple.quicktime.location.ISO6709=" + location]
    for key, value in extra:
        args += ["-metadata", "%s=%s" % (key, value)]
    return args


def set_quicktime_dates(path, utc):
    """mvhd, tkhd and mdhd creation/modification dates, in UTC as QuickTime wants them."""
    stamp = utc.replace("-", ":").replace("T", " ").rstrip("Z")
    run("exiftool", "-q", "-overwrite_original", "-api", "QuickTimeUTC=1",
        *["-QuickTime:%s=%s" % (tag, stamp) for tag in ("CreateDate", "ModifyDate", "TrackCreateDate",
                                                          "TrackModifyDate", "MediaCreateDate", "MediaModifyDate")],
        path)


# ---------------------------------------------------------------- the files

SIZE = (640, 360)


def scenes_video(size, fps, scenes, lead=None):
    """Frames for a list of (photo, seconds, motion) scenes, optionally after a lead ('black' or a title), and the
    scene table (start, end in seconds)."""
    table, gens, t = [], [], 0
    if lead:
        kind, seconds = lead[0], lead[1]
        n = round(seconds * fps)
        gens.append(black_frames(size, n) if kind == "black" else title_frames(size, n, lead[2]))
        t += n
    for name, seconds, motion in scenes:
        n = round(seconds * fps)
        gens.append(scene_frames(name, size, n, motion))
        table.append({"start": t / fps, "end": (t + n) / fps, "photo": name})
        t += n

    def frames():
        for g in gens:
            yield from g
    return frames(), table, t


def build_files():
    """Writes files/ and returns {file: {"scenes": [...], "what": ..., extras}}."""
    out = {}

    # 1. Four scenes of six seconds, H.264 in MP4, creation time in mvhd and GPS as udta (c)xyz (as Android writes it).
    frames, table, n = scenes_video(SIZE, 25, [
        ("000000568290.jpg", 6, "pan-right"), ("000000433998.jpg", 6, "zoom-in"),
        ("000000475678.jpg", 6, "pan-down"), ("000000359219.jpg", 6, "zoom-out")])
    path = FILES / "scenes-h264.mp4"
    encode(path, frames, SIZE, 25, x264(26, 50), "mp4", ["-metadata", "creation_time=2021-06-05T14:30:00Z"])
    # ffmpeg 5.1 writes -metadata location into an MP4 as a 3GPP 'loci' box; phones write (c)xyz, so exiftool does.
    run("exiftool", "-q", "-overwrite_original", "-UserData:GPSCoordinates=48.8584, 2.2945", path)
    out[path.name] = {"scenes": table, "what": "four scenes with hard cuts, each a slow pan or zoom over one photo; "
                                              "H.264 High in MP4, creation time in mvhd, GPS in udta \u00a9xyz"}

    # 2. Three scenes, HEVC (hvc1) in QuickTime MOV, iPhone-style metadata keys.
    frames, table, n = scenes_video(SIZE, 30, [
        ("000000231460.jpg", 6, "pan-left"), ("000000408805.jpg", 6, "zoom-in"), ("000000255165.jpg", 6, "pan-up")])
    path = FILES / "scenes-hevc.mov"
    encode(path, frames, SIZE, 30, x265(30, 60), "mov",
           apple_tags("2019-08-17T08:15:00Z", "2019-08-17T10:15:00+0200", "+41.8902+012.4922+021.000/"))
    set_quicktime_dates(path, "2019-08-17T08:15:00Z")
    out[path.name] = {"scenes": table, "what": "three scenes, HEVC Main (hvc1) in QuickTime MOV with iPhone-style "
                                              "mdta keys: creationdate with offset, ISO 6709 location, make/model"}

    # 3. A portrait phone video: coded landscape, turned upright by the track matrix (90 degrees clockwise).
    upright = (SIZE[1], SIZE[0])
    frames = (f.transpose(Image.Transpose.ROTATE_90) for f in scene_frames("000000460229.jpg", upright, 180,
                                                                          "zoom-in"))
    path = FILES / "rotated-phone.mov"
    encode(path, frames, SIZE, 30, x264(26, 60), "mov",
           apple_tags("2022-03-12T09:41:00Z", "2022-03-12T10:41:00+0100", "+52.3731+004.8926+002.000/"))
    # ffmpeg 5.1 ignores -metadata:s:v:0 rotate=90 (it writes no matrix), so exiftool writes the tkhd matrix.
    run("exiftool", "-q", "-overwrite_original", "-Rotation=90", path)
    set_quicktime_dates(path, "2022-03-12T09:41:00Z")
    out[path.name] = {"scenes": [{"start": 0.0, "end": 6.0, "photo": "000000460229.jpg"}],
                      "what": "portrait phone video: 640x360 coded, tkhd matrix rotates 90 degrees clockwise, so it "
                              "shows 360x640 with the photo upright (decoded without the rotation it lies on its "
                              "side); H.264 in MOV"}

    # 4. Live Photo: the still (the COCO JPEG's own coded image, with iPhone EXIF and an Apple MakerNote carrying
    # the content identifier) and its motion clip (H.264 in MOV, same identifier as an mdta key).
    live = "000000442450.jpg"
    live_photo_jpeg(FILES / "IMG_0100.JPG", live)
    im = photo(live)
    size = (im.width - im.width % 2, im.height - im.height % 2)
    path = FILES / "IMG_0100.MOV"
    encode(path, scene_frames(live, size, 90, "live-zoom"), size, 30, x264(26, 90), "mov",
           apple_tags("2023-07-14T18:05:12Z", "2023-07-14T20:05:12+0200",
                      extra=[("com.apple.quicktime.content.identifier", LIVE_PHOTO_ID)]))
    set_quicktime_dates(path, "2023-07-14T18:05:12Z")
    out["IMG_0100.JPG"] = {"scenes": [{"start": None, "end": None, "photo": live}],
                           "what": "Live Photo still: the COCO JPEG's coded image unchanged, with EXIF (Apple, "
                                   "iPhone 12, DateTimeOriginal + offset) and an Apple MakerNote whose tag 0x0011 "
                                   "(exiftool: MediaGroupUUID, formerly ContentIdentifier) pairs it with IMG_0100.MOV"}
    out[path.name] = {"scenes": [{"start": 0.0, "end": 3.0, "photo": live}],
                      "what": "Live Photo motion clip: 3 s slight zoom over the same photo, H.264 in MOV, "
                              "com.apple.quicktime.content.identifier = the JPEG's identifier"}

    # 5. Near duplicates: a clip and its smaller, worse, trimmed re-encode; two clips that open alike but are not.
    frames, table, n = scenes_video(SIZE, 25, [("000000234748.jpg", 6, "pan-right"),
                                                     ("000000397133.jpg", 6, "zoom-in")])
    original = FILES / "clip-original.mp4"
    encode(original, frames, SIZE, 25, x264(24, 50), "mp4", ["-metadata", "creation_time=2020-02-01T12:00:00Z"])
    out[original.name] = {"scenes": table, "what": "two scenes of six seconds; the original of clip-reencoded.mp4"}
    path = FILES / "clip-reencoded.mp4"
    run(*FFMPEG, "-i", original, "-map_metadata", "-1", "-vf",
        "trim=start=1:end=11,setpts=PTS-STARTPTS,scale=426:240:flags=bicubic+%s" % SWS, *COLOUR,
        "-c:v", "libx264", "-preset", "fast", "-crf", "33", "-profile:v", "main", "-threads", "1",
        "-x264-params", "keyint=75:min-keyint=25", "-fflags", "+bitexact", "-flags:v", "+bitexact", "-f", "mp4", path)
    out[path.name] = {"scenes": [{"start": 0.0, "end": 5.0, "photo": "000000234748.jpg"},
                                 {"start": 5.0, "end": 10.0, "photo": "000000397133.jpg"}],
                      "what": "clip-original.mp4 re-encoded: 426x240, CRF 33 Main, first and last second cut "
                              "(original 1-11 s), no metadata: a near duplicate of it"}
    for name, pic, motion in (("black-open-a.mp4", "000000229358.jpg", "zoom-in"),
                              ("black-open-b.mp4", "000000553664.jpg", "pan-left")):
        frames, table, n = scenes_video(SIZE, 25, [(pic, 6, motion)], lead=("black", 3))
        encode(FILES / name, frames, SIZE, 25, x264(26, 50), "mp4")
        out[name] = {"scenes": table, "black": [0.0, 3.0],
                     "what": "3 s of pure black, then 6 s of one photo; the two black-open clips share only the "
                             "black opening and are not duplicates"}
    for name, pic, motion in (("title-open-a.mp4", "000000159269.jpg", "pan-down"),
                              ("title-open-b.mp4", "000000114174.jpg", "zoom-out")):
        frames, table, n = scenes_video(SIZE, 25, [(pic, 6, motion)], lead=("title", 3, "Holiday 2019"))
        encode(FILES / name, frames, SIZE, 25, x264(26, 50), "mp4")
        out[name] = {"scenes": table, "title": {"start": 0.0, "end": 3.0, "text": "Holiday 2019"},
                     "what": "3 s of the same white title card 'Holiday 2019' (DejaVu Sans Bold), then 6 s of one "
                             "photo; the two title-open clips share only the title and are not duplicates"}

    # 6. Twenty minutes: five still scenes of four minutes, 320x180 at 5 fps, a keyframe every 10 s.
    frames, table, n = scenes_video((320, 180), 5, [
        ("000000519208.jpg", 240, "still"), ("000000174375.jpg", 240, "still"), ("000000099053.jpg", 240, "still"),
        ("000000213148.jpg", 240, "still"), ("000000174632.jpg", 240, "still")])
    path = FILES / "long-20min.mp4"
    # CRF 32 and I-frames at the P-frames' quantiser (ipratio 1.0) keep 120 keyframes under 2 MB
    encode(path, frames, (320, 180), 5,
           ["-c:v", "libx264", "-preset", "medium", "-crf", "32", "-profile:v", "high", "-threads", "1",
            "-x264-params", "keyint=50:min-keyint=50:scenecut=0:ipratio=1.0"],
           "mp4", ["-metadata", "creation_time=2018-11-03T07:00:00Z"])
    out[path.name] = {"scenes": table, "what": "20 minutes: five still scenes of 4 minutes each, 320x180, 5 fps, "
                                              "a keyframe every 10 s (scene changes fall on keyframes)"}
    return out


# ---------------------------------------------------------------- the Live Photo still

def tiff_ifds(ifds):
    """A big-endian TIFF/EXIF block from a list of IFDs, each a list of (tag, type, count, bytes) sorted by tag; an
    entry whose bytes are None is the offset of the next IFD in the list (the ExifIFD pointer)."""
    sizes = {1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 7: 1, 9: 4}
    starts, pos = [], 8
    for entries in ifds:  # where each IFD and its out-of-line data go
        starts.append(pos)
        pos += 2 + 12 * len(entries) + 4 + sum(len(v) + len(v) % 2 for t, ty, c, v in entries if v and len(v) > 4)
    blob = b"MM\0\x2a" + struct.pack(">I", 8)
    for k, entries in enumerate(ifds):
        data_pos = starts[k] + 2 + 12 * len(entries) + 4
        head, data = struct.pack(">H", len(entries)), b""
        for tag, typ, count, value in entries:
            if value is None:
                value = struct.pack(">I", starts[k + 1])
            assert len(value) == count * sizes[typ], (tag, len(value), count)
            if len(value) > 4:
                head += struct.pack(">HHII", tag, typ, count, data_pos + len(data))
                data += value + b"\0" * (len(value) % 2)
            else:
                head += struct.pack(">HHI", tag, typ, count) + value.ljust(4, b"\0")
        blob += head + b"\0\0\0\0" + data
    return blob


def ascii_entry(tag, text):
    raw = text.encode() + b"\0"
    return (tag, 2, len(raw), raw)


def apple_makernote(content_id):
    """An Apple iOS MakerNote as exiftool reads it: 'Apple iOS\\0', version 1, 'MM', then an IFD whose offsets count
    from the start of the MakerNote. Tag 0x0001 MakerNoteVersion (int32s 14), tag 0x0011 the Live Photo's content
    identifier (exiftool 12.57 calls it MediaGroupUUID; before 12.19 ContentIdentifier)."""
    raw = content_id.encode() + b"\0"
    head = b"Apple iOS\0\0\x01MM"
    ifd_len = 2 + 12 * 2 + 4
    return (head + struct.pack(">H", 2) + struct.pack(">HHI", 0x0001, 9, 1) + struct.pack(">i", 14)
            + struct.pack(">HHII", 0x0011, 2, len(raw), len(head) + ifd_len) + b"\0\0\0\0" + raw)


def live_photo_jpeg(path, name):
    """The COCO JPEG with its APPn/COM segments replaced by one EXIF APP1: the coded image is untouched."""
    src = (COCO / "images" / name).read_bytes()
    keep, i = [], 2
    while True:
        marker = src[i + 1]
        if marker == 0xDA:
            keep.append(src[i:])
            break
        length = struct.unpack(">H", src[i + 2:i + 4])[0]
        if not (0xE0 <= marker <= 0xEF or marker == 0xFE):
            keep.append(src[i:i + 2 + length])
        i += 2 + length
    w, h = Image.open(COCO / "images" / name).size
    taken = "2023:07:14 20:05:12"
    ifd0 = [ascii_entry(0x010F, "Apple"), ascii_entry(0x0110, "iPhone 12"), (0x0112, 3, 1, struct.pack(">H", 1)),
            (0x011A, 5, 1, struct.pack(">II", 72, 1)), (0x011B, 5, 1, struct.pack(">II", 72, 1)),
            (0x0128, 3, 1, struct.pack(">H", 2)), ascii_entry(0x0131, "14.6"), ascii_entry(0x0132, taken),
            (0x0213, 3, 1, struct.pack(">H", 1)), (0x8769, 4, 1, None)]
    exif = [(0x9000, 7, 4, b"0232"), ascii_entry(0x9003, taken), ascii_entry(0x9004, taken),
            ascii_entry(0x9010, "+02:00"), ascii_entry(0x9011, "+02:00"), ascii_entry(0x9012, "+02:00"),
            (0x9101, 7, 4, b"\1\2\3\0")]
    note = apple_makernote(LIVE_PHOTO_ID)
    exif += [(0x927C, 7, len(note), note), (0xA000, 7, 4, b"0100"), (0xA001, 3, 1, struct.pack(">H", 1)),
             (0xA002, 4, 1, struct.pack(">I", w)), (0xA003, 4, 1, struct.pack(">I", h))]
    payload = b"Exif\0\0" + tiff_ifds([ifd0, exif])
    path.write_bytes(src[:2] + b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload + b"".join(keep))


# ---------------------------------------------------------------- hostile inputs

def mp4_box(kind, *parts):
    payload = b"".join(parts)
    return struct.pack(">I", 8 + len(payload)) + kind + payload


def mp4_full(kind, version, flags, *parts):
    return mp4_box(kind, bytes([version]) + flags.to_bytes(3, "big"), *parts)


MATRIX = struct.pack(">9I", 0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000)


def mp4_single_h264(annexb, width, height):
    """A minimal MP4 (ftyp, mdat, moov) around one H.264 access unit given as Annex B: ffmpeg 5.1 refuses frames
    this large (av_image_check_size), so it cannot mux the stream; this writes what its mp4 muxer would."""
    nals = [n for n in re.split(b"\x00\x00\x00\x01|\x00\x00\x01", annexb) if n]
    sps = [n for n in nals if n[0] & 0x1F == 7][0]
    pps = [n for n in nals if n[0] & 0x1F == 8][0]
    sample = b"".join(struct.pack(">I", len(n)) + n for n in nals if n[0] & 0x1F in (5, 6))
    avcc = mp4_box(b"avcC", bytes([1, sps[1], sps[2], sps[3], 0xFF, 0xE1]), struct.pack(">H", len(sps)), sps,
                   b"\x01", struct.pack(">H", len(pps)), pps, bytes([0xFD, 0xF8, 0xF8, 0]))  # 4:2:0, 8-bit
    avc1 = mp4_box(b"avc1", b"\0" * 6, struct.pack(">H", 1), b"\0" * 16, struct.pack(">HH", width, height),
                   struct.pack(">II", 0x480000, 0x480000), b"\0" * 4, struct.pack(">H", 1), b"\0" * 32,
                   struct.pack(">Hh", 24, -1), avcc)
    ftyp = mp4_box(b"ftyp", b"isom", struct.pack(">I", 512), b"isomiso2avc1mp41")
    mdat = mp4_box(b"mdat", sample)
    offset = len(ftyp) + 8
    stbl = mp4_box(b"stbl", mp4_full(b"stsd", 0, 0, struct.pack(">I", 1), avc1),
                   mp4_full(b"stts", 0, 0, struct.pack(">III", 1, 1, 1000)),
                   mp4_full(b"stss", 0, 0, struct.pack(">II", 1, 1)),
                   mp4_full(b"stsc", 0, 0, struct.pack(">IIII", 1, 1, 1, 1)),
                   mp4_full(b"stsz", 0, 0, struct.pack(">III", 0, 1, len(sample))),
                   mp4_full(b"stco", 0, 0, struct.pack(">II", 1, offset)))
    minf = mp4_box(b"minf", mp4_full(b"vmhd", 0, 1, b"\0" * 8),
                   mp4_box(b"dinf", mp4_full(b"dref", 0, 0, struct.pack(">I", 1), mp4_full(b"url ", 0, 1))), stbl)
    mdia = mp4_box(b"mdia", mp4_full(b"mdhd", 0, 0, struct.pack(">IIIIHH", 0, 0, 1000, 1000, 0x55C4, 0)),
                   mp4_full(b"hdlr", 0, 0, b"\0" * 4, b"vide", b"\0" * 12, b"VideoHandler\0"), minf)
    tkhd = mp4_full(b"tkhd", 0, 3, struct.pack(">IIIII", 0, 0, 1, 0, 1000), b"\0" * 8, struct.pack(">hhhH", 0, 0, 0, 0),
                    MATRIX, struct.pack(">II", width << 16, height << 16))
    mvhd = mp4_full(b"mvhd", 0, 0, struct.pack(">IIII", 0, 0, 1000, 1000), struct.pack(">IH", 0x10000, 0x100),
                    b"\0" * 10, MATRIX, b"\0" * 24, struct.pack(">I", 2))
    moov = mp4_box(b"moov", mvhd, mp4_box(b"trak", tkhd, mdia))
    return ftyp + mdat + moov


def top_level_boxes(data):
    boxes, i = [], 0
    while i + 8 <= len(data):
        size, kind = struct.unpack(">I4s", data[i:i + 8])
        if size == 1:
            size = struct.unpack(">Q", data[i + 8:i + 16])[0]
        boxes.append((kind.decode("latin-1"), i, size))
        i += size if size else len(data)
    return boxes


def build_hostile(tmp):
    HOSTILE.mkdir(parents=True, exist_ok=True)
    out = []
    # A whole clip, written the ordinary way (moov after mdat), cut inside mdat: no moov at all.
    whole = pathlib.Path(tmp) / "whole.mp4"
    run(*FFMPEG, "-f", "lavfi", "-i", "testsrc2=s=320x180:r=25:d=4", "-map_metadata", "-1", *COLOUR,
        "-vf", "format=yuv420p", *x264(30, 50)[:-2], "-fflags", "+bitexact", "-flags:v", "+bitexact", "-f", "mp4",
        whole)
    data = whole.read_bytes()
    boxes = top_level_boxes(data)
    kinds = [b[0] for b in boxes]
    assert kinds == ["ftyp", "free", "mdat", "moov"] or kinds == ["ftyp", "mdat", "moov"], kinds
    mdat = [b for b in boxes if b[0] == "mdat"][0]
    cut = mdat[1] + mdat[2] * 6 // 10
    (HOSTILE / "truncated-no-moov.mp4").write_bytes(data[:cut])
    out.append({"file": "truncated-no-moov.mp4", "container": "mp4", "videoCodec": "h264",
                "what": "a 4 s 320x180 H.264 clip (ffmpeg testsrc2) written without faststart (ftyp, mdat, moov), "
                        "cut at %d of %d bytes, 60 %% into mdat: no moov box, so no track, size or duration"
                        % (cut, len(data)), "expect": "refused (no moov atom); nothing indexed, no crash or hang"})
    (HOSTILE / "zero-byte.mp4").write_bytes(b"")
    out.append({"file": "zero-byte.mp4", "container": None, "videoCodec": None, "what": "an empty file",
                "expect": "refused; nothing indexed"})
    (HOSTILE / "text.mp4").write_text("This is not a video. It is a plain text file named .mp4, for tests of files "
                                      "whose name says video but whose bytes do not.\n")
    out.append({"file": "text.mp4", "container": None, "videoCodec": None, "what": "a plain text file named .mp4",
                "expect": "refused (not a video); nothing indexed"})

    # 16384 x 16384: one real H.264 frame of one colour. ffmpeg 5.1 refuses pictures this large (libavutil's
    # av_image_check_size), so the x264 command line codes it and mp4_single_h264 wraps it.
    side = 16384
    y4m = b"YUV4MPEG2 W%d H%d F1:1 Ip A1:1 C420jpeg\nFRAME\n" % (side, side)
    enc = subprocess.Popen(["x264", "--quiet", "--demuxer", "y4m", "--preset", "veryfast", "--threads", "1",
                            "--level", "6.2", "--keyint", "1", "--bframes", "0", "--ref", "1", "--rc-lookahead", "0",
                            "--crf", "30", "--colorprim", "bt709", "--transfer", "bt709", "--colormatrix", "bt709",
                            "-o", "-", "-"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           env=ENV)
    # Y, Cb, Cr of a mid blue (BT.709 limited range); fed in 64 MiB pieces while x264 reads them
    result = {}
    reader = threading.Thread(target=lambda: result.update(out=enc.stdout.read(), err=enc.stderr.read()))
    reader.start()
    enc.stdin.write(y4m)
    for value, count in ((82, side * side), (166, side * side // 4), (107, side * side // 4)):
        chunk = bytes([value]) * (1 << 26)
        while count:
            enc.stdin.write(chunk[:min(count, len(chunk))])
            count -= min(count, len(chunk))
    enc.stdin.close()
    reader.join()
    if enc.wait() != 0:
        raise SystemExit("x264 failed: " + result["err"].decode(errors="replace"))
    (HOSTILE / "huge-16384.mp4").write_bytes(mp4_single_h264(result["out"], side, side))
    out.append({"file": "huge-16384.mp4", "container": "mp4", "videoCodec": "h264", "codedWidth": side,
                "codedHeight": side, "what": "one real H.264 High 4:2:0 frame of 16384x16384 (level 6.2), one "
                                             "colour, coded by the x264 command line and muxed by build.py (ffmpeg "
                                             "5.1 refuses pictures this large: 'Picture size 16384x16384 is invalid')",
                "expect": "refused by a size limit before decoding (a decode needs ~400 MB for one 4:2:0 frame)"})

    # Ten hours of one colour: 64x64, a frame every 5 s, one keyframe, B-frames (1 fps would make 738 KB).
    path = HOSTILE / "one-colour-10h.mp4"
    run(*FFMPEG, "-f", "lavfi", "-i", "color=c=0x2a7ab0:s=64x64:r=1/5:d=36000", "-map_metadata", "-1", *COLOUR,
        "-vf", "format=yuv420p", "-c:v", "libx264", "-preset", "veryslow", "-crf", "30", "-threads", "1",
        "-x264-params", "keyint=infinite:scenecut=0:bframes=16:b-adapt=0:rc-lookahead=16",
        "-fflags", "+bitexact", "-flags:v", "+bitexact", "-f", "mp4", path)
    out.append({"file": "one-colour-10h.mp4", "container": "mp4", "videoCodec": "h264", "codedWidth": 64,
                "codedHeight": 64, "what": "36000 s (10 h) of one flat blue, 64x64, 0.2 fps (7200 frames, one "
                                           "keyframe at 0, 16 B-frames between P-frames)",
                "expect": "indexed within a frame budget (one scene, no text to find), or refused by a duration "
                          "limit; must not decode 36000 frames or hang"})
    return out


# ---------------------------------------------------------------- reading back

def iso6709(text):
    """(lat, lon) from an ISO 6709 string such as +48.8584+002.2945/ or +41.8902+012.4922+021.000/."""
    m = re.match(r"^([+-]\d+(?:\.\d+)?)([+-]\d+(?:\.\d+)?)", text or "")
    return (float(m.group(1)), float(m.group(2))) if m else (None, None)


def probe(path):
    result = subprocess.run(["ffprobe", "-v", "error", "-show_format", "-show_streams", "-of", "json", str(path)],
                            capture_output=True, text=True, env=ENV)
    return json.loads(result.stdout) if result.returncode == 0 else {"error": result.stderr.strip()}


def exif_read(path):
    return json.loads(run("exiftool", "-j", "-n", "-G1", "-a", path).stdout)[0]


def describe(path, info):
    """The expected.json entry of one file in files/: what ffprobe and exiftool read from it."""
    meta = exif_read(path)
    entry = {"file": path.name, "bytes": path.stat().st_size}
    if path.suffix.upper() == ".JPG":
        w, h = Image.open(path).size
        cid = meta.get("Apple:MediaGroupUUID")
        entry.update({"container": "jpeg", "videoCodec": None, "codedWidth": w, "codedHeight": h, "width": w,
                      "height": h, "rotation": 0, "duration": None, "fps": None, "frames": None,
                      "creationTime": None, "takenAt": meta["ExifIFD:DateTimeOriginal"].replace(":", "-", 2)
                      .replace(" ", "T") + meta["ExifIFD:OffsetTimeOriginal"],
                      "appleCreationDate": None, "make": meta["IFD0:Make"], "model": meta["IFD0:Model"],
                      "latitude": None, "longitude": None, "locationTag": None, "contentIdentifier": cid})
    else:
        p = probe(path)
        v = [s for s in p["streams"] if s["codec_type"] == "video"][0]
        tags = p["format"].get("tags", {})
        rotation = 0
        for side in v.get("side_data_list", []):
            if side.get("side_data_type") == "Display Matrix":
                rotation = (-int(side["rotation"])) % 360  # ffprobe's angle is counter-clockwise
        assert rotation == int(meta.get("Composite:Rotation", 0)) % 360, (path, rotation)
        loc, tag = None, None
        if "com.apple.quicktime.location.ISO6709" in tags:
            loc, tag = tags["com.apple.quicktime.location.ISO6709"], "mdta com.apple.quicktime.location.ISO6709"
        elif "location" in tags:
            loc, tag = tags["location"], "udta \u00a9xyz"
            assert "UserData:GPSCoordinates" in meta, path
        lat, lon = iso6709(loc)
        if lat is not None:  # exiftool must read the same place
            assert abs(meta["Composite:GPSLatitude"] - lat) < 1e-4 and abs(meta["Composite:GPSLongitude"] - lon) < 1e-4
        fmt = "mov" if "qt" in tags.get("major_brand", "") else "mp4"
        num, den = (int(x) for x in v["avg_frame_rate"].split("/"))
        width, height = int(v["width"]), int(v["height"])
        entry.update({
            "container": fmt, "videoCodec": v["codec_name"], "codecTag": v["codec_tag_string"],
            "profile": v.get("profile"), "pixelFormat": v.get("pix_fmt"),
            "codedWidth": width, "codedHeight": height,
            "width": height if rotation in (90, 270) else width, "height": width if rotation in (90, 270) else height,
            "rotation": rotation, "duration": round(float(p["format"]["duration"]), 3),
            "fps": round(num / den, 3), "frames": int(v["nb_frames"]),
            "creationTime": tags.get("creation_time"),
            "appleCreationDate": tags.get("com.apple.quicktime.creationdate"),
            "make": tags.get("com.apple.quicktime.make"), "model": tags.get("com.apple.quicktime.model"),
            "latitude": lat, "longitude": lon, "locationTag": tag, "location": loc,
            "contentIdentifier": tags.get("com.apple.quicktime.content.identifier"),
        })
    scenes = []
    for s in info["scenes"]:
        q = QUERY[s["photo"]]
        scenes.append({"start": s["start"], "end": s["end"], "photo": s["photo"], "query": q,
                       "caption": caption_for(s["photo"], q)})
    entry["scenes"] = scenes
    for extra in ("black", "title"):
        if extra in info:
            entry[extra] = info[extra]
    entry["what"] = info["what"]
    return entry


def describe_hostile(entry):
    path = HOSTILE / entry["file"]
    entry = dict(entry, bytes=path.stat().st_size)
    p = probe(path)
    if "error" in p:
        message = p["error"].splitlines()[-1] if p["error"] else ""
        entry["ffprobe"] = "error: " + message.replace(str(path), path.name)[:200]
    else:
        v = [s for s in p.get("streams", []) if s.get("codec_type") == "video"]
        entry["ffprobe"] = {"duration": round(float(p["format"]["duration"]), 3) if "duration" in p["format"] else
                            None, "width": v[0].get("width") if v else None, "height": v[0].get("height") if v
                            else None, "frames": int(v[0]["nb_frames"]) if v and "nb_frames" in v[0] else None}
    if path.stat().st_size:
        meta = exif_read(path)
        entry["exiftool"] = {k.split(":")[1]: meta[k] for k in ("QuickTime:ImageWidth", "QuickTime:ImageHeight",
                                                                "Track1:ImageWidth", "Track1:ImageHeight",
                                                                "QuickTime:Duration", "ExifTool:Error") if k in meta}
    return entry


# ---------------------------------------------------------------- checking the queries with the project's CLI

def check(retrieval):
    """Indexes (1) every scene photo, (2) three frames of every scene of every file (at 25, 50 and 75 % of the scene,
    upright, as ffmpeg decodes them), with the project's `retrieval` command and its default model, and searches
    each query (vector mode, and the default hybrid mode): the top result must be the query's own photo,
    respectively a frame of its own photo. Returns the number of failures."""
    doc = json.loads((HERE / "expected.json").read_text())
    failures = 0
    with tempfile.TemporaryDirectory(prefix="video-set-check-") as tmp:
        tmp = pathlib.Path(tmp)
        photos, frames = tmp / "photos", tmp / "frames"
        photos.mkdir()
        frames.mkdir()
        for name in QUERY:
            shutil.copy(COCO / "images" / name, photos / name)
        owner = {}
        for entry in doc["files"]:
            for k, s in enumerate(entry["scenes"]):
                stem = "%s--%d" % (entry["file"].replace(".", "_"), k)
                if s["start"] is None:
                    shutil.copy(FILES / entry["file"], frames / (stem + ".jpg"))
                    owner[stem + ".jpg"] = s["photo"]
                    continue
                for pct in (25, 50, 75):
                    out = frames / ("%s--%d.png" % (stem, pct))
                    run(*FFMPEG, "-ss", "%.3f" % (s["start"] + (s["end"] - s["start"]) * pct / 100),
                        "-i", FILES / entry["file"], "-frames:v", "1", out)
                    owner[out.name] = s["photo"]
        for folder in (photos, frames):
            db = tmp / (folder.name + "-db")
            run(retrieval, "index", folder, "--db", db, "--no-ocr")
            for name, query in QUERY.items():
                for mode in ("vector", "hybrid"):
                    res = json.loads(run(retrieval, "search", query, "--db", db, "--mode", mode, "--k", "3",
                                         "--json").stdout)["results"]
                    top = [pathlib.Path(r["path"]).name for r in res]
                    mine = [t for t in top if (t == name if folder == photos else owner.get(t) == name)]
                    ok = bool(top) and top[0] in mine
                    failures += not ok
                    print("%-4s %-6s %-6s %-26s %s" % ("ok" if ok else "FAIL", folder.name, mode, query,
                                                       "  ".join("%s %.3f" % (t, r["score"]) for t, r in
                                                                 zip(top, res))))
    print("%d failures" % failures)
    return failures


VERSIONS = {}


def main():
    if sys.argv[1:2] == ["--check"]:
        sys.exit(1 if check(sys.argv[2]) else 0)
    VERSIONS.update(package_versions())
    differ = {p: (VERSIONS.get(p), v) for p, v in BUILT_WITH.items() if VERSIONS.get(p) != v}
    if differ:
        print("note: tool versions differ from those the committed set was built with; coded bytes may differ:")
        for p, (have, built) in differ.items():
            print("  %s: have %s, built with %s" % (p, have, built))
    for name in QUERY:
        caption_for(name, QUERY[name])
    for folder in (FILES, HOSTILE):
        for f in folder.glob("*") if folder.exists() else []:
            if f.name != "README.md":
                f.unlink()
    FILES.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        info = build_files()
        hostile = build_hostile(tmp)
    order = ["scenes-h264.mp4", "scenes-hevc.mov", "rotated-phone.mov", "IMG_0100.JPG", "IMG_0100.MOV",
             "clip-original.mp4", "clip-reencoded.mp4", "black-open-a.mp4", "black-open-b.mp4", "title-open-a.mp4",
             "title-open-b.mp4", "long-20min.mp4"]
    assert sorted(order) == sorted(info), sorted(info)
    entries = [describe(FILES / name, info[name]) for name in order]
    for e in entries:
        print("%-20s %-4s %-5s %4dx%-4d rot %-3d %8s s %8d bytes  %s" % (
            e["file"], e["container"], e["videoCodec"], e["width"], e["height"], e["rotation"], e["duration"],
            e["bytes"], " | ".join(s["query"] for s in e["scenes"])))
    doc = {
        "about": "tests/video-set: one entry per file in files/ (hostile/ separately). codedWidth/codedHeight are the "
                 "coded frame size, width/height the size shown (after the track matrix); rotation is how far a "
                 "player turns the coded frame clockwise (exiftool Rotation; ffprobe's displaymatrix rotation is its "
                 "negative). duration is ffprobe's format duration in seconds. creationTime is the mvhd time as "
                 "ffprobe reads it (UTC), appleCreationDate the com.apple.quicktime.creationdate key; latitude/"
                 "longitude are read from the ISO 6709 string in locationTag. scenes: start/end in seconds, the COCO "
                 "photo shown, and query words (all in caption) that rank that photo first among all scene photos "
                 "of the set (build.py --check).",
        "tools": {p: v for p, v in VERSIONS.items() if v},
        "files": entries,
        "pairs": {"duplicates": [["clip-original.mp4", "clip-reencoded.mp4"]],
                  "not_duplicates": [["black-open-a.mp4", "black-open-b.mp4"],
                                     ["title-open-a.mp4", "title-open-b.mp4"]]},
        "live_photo": {"photo": "IMG_0100.JPG", "motion": "IMG_0100.MOV", "content_identifier": LIVE_PHOTO_ID,
                       "jpeg_tag": "EXIF MakerNote (Apple iOS) tag 0x0011, exiftool Apple:MediaGroupUUID",
                       "mov_tag": "mdta com.apple.quicktime.content.identifier"},
        "hostile": [describe_hostile(h) for h in hostile],
    }
    live = {e["file"]: e["contentIdentifier"] for e in entries if e["file"].startswith("IMG_0100")}
    assert set(live.values()) == {LIVE_PHOTO_ID}, live
    (HERE / "expected.json").write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n")
    total = sum(f.stat().st_size for f in HERE.rglob("*") if f.is_file())
    print("tests/video-set: %d bytes in all" % total)


if __name__ == "__main__":
    main()
