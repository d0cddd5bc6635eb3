#!/usr/bin/env python3
"""Checks an animated PNG independently of Lessonbook's encoder.

Reads the chunks itself (CRC-32 of every chunk, acTL before the image data, fcTL/fdAT
sequence numbers counting up from 0 without gaps, every fcTL region inside the image, the
first frame covering the whole image, each frame's data inflating to exactly its filtered
rows), then decodes the frames with Pillow. Prints one JSON object:

    {"frames": N, "plays": 0, "width": W, "height": H, "color_type": 3 or 6,
     "delays_ms": [...], "regions": [[x, y, w, h], ...], "default_image": true,
     "pillow_frames": N, "pillow_delays_ms": [...]}

With --extract DIR, also writes every frame as Pillow composes it to DIR/frame-<k>.png
and the default image to DIR/default.png. Exits 1 with a message on the first problem.
"""
import json
import struct
import sys
import zlib


def fail(message):
    print(f"check_apng: {message}", file=sys.stderr)
    sys.exit(1)


def chunks(data):
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        fail("not a PNG signature")
    pos = 8
    while pos < len(data):
        if pos + 12 > len(data):
            fail(f"truncated chunk at byte {pos}")
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        (crc,) = struct.unpack(">I", data[pos + 8 + length:pos + 12 + length])
        if zlib.crc32(kind + body) & 0xFFFFFFFF != crc:
            fail(f"bad CRC in {kind.decode()} chunk at byte {pos}")
        yield kind.decode(), body
        pos += 12 + length


def opaque(frame):
    """The frame as plain RGB, without the transparency key Pillow would carry over."""
    rgb = frame.convert("RGB")
    rgb.info.pop("transparency", None)
    return rgb


def main():
    args = sys.argv[1:]
    extract = None
    if "--extract" in args:
        i = args.index("--extract")
        extract = args[i + 1]
        del args[i:i + 2]
    if len(args) != 1:
        fail("usage: check_apng.py FILE [--extract DIR]")
    path = args[0]
    data = open(path, "rb").read()
    found = list(chunks(data))
    if not found or found[0][0] != "IHDR":
        fail("IHDR is not the first chunk")
    if found[-1][0] != "IEND":
        fail("IEND is not the last chunk")
    width, height, depth, color_type = struct.unpack(">IIBB", found[0][1][:10])
    channels = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}[color_type]
    kinds = [k for k, _ in found]
    if "acTL" not in kinds:
        fail("no acTL chunk: not an animated PNG")
    if kinds.index("acTL") > kinds.index("IDAT"):
        fail("acTL comes after IDAT")
    frame_count, plays = struct.unpack(">II", found[kinds.index("acTL")][1])
    expected_seq = 0
    regions, delays = [], []
    current = None
    frame_data = []
    default_image = kinds.index("fcTL") > kinds.index("IDAT")

    def finish_frame():
        if current is None:
            return
        x, y, w, h = current
        raw = zlib.decompress(b"".join(frame_data))
        if len(raw) != h * (1 + w * channels * depth // 8):
            fail(f"frame {len(regions) - 1} inflates to {len(raw)} bytes, expected {h * (1 + w * channels)}")

    for kind, body in found:
        if kind in ("fcTL", "fdAT"):
            (seq,) = struct.unpack(">I", body[:4])
            if seq != expected_seq:
                fail(f"{kind} has sequence number {seq}, expected {expected_seq}")
            expected_seq += 1
        if kind == "fcTL":
            finish_frame()
            _, w, h, x, y, num, den, dispose, blend = struct.unpack(">IIIIIHHBB", body)
            if w == 0 or h == 0 or x + w > width or y + h > height:
                fail(f"frame {len(regions)} region {x},{y} {w}x{h} leaves the {width}x{height} image")
            if not regions and (x, y, w, h) != (0, 0, width, height):
                fail("the first frame does not cover the whole image")
            if dispose > 2 or blend > 1:
                fail(f"frame {len(regions)} has dispose {dispose}, blend {blend}")
            regions.append([x, y, w, h])
            delays.append(round(1000 * num / (den or 100)))
            current = (x, y, w, h)
            frame_data = []
        elif kind == "fdAT":
            if current is None:
                fail("fdAT before any fcTL")
            frame_data.append(body[4:])
        elif kind == "IDAT" and current is not None:
            frame_data.append(body)
    finish_frame()
    if len(regions) != frame_count:
        fail(f"acTL announces {frame_count} frames, found {len(regions)}")

    from PIL import Image, ImageSequence
    image = Image.open(path)
    image.load()
    pillow_frames, pillow_delays = 0, []
    # Pillow counts a default image that is not part of the animation as its frame 0.
    for k, frame in enumerate(ImageSequence.Iterator(image)):
        if default_image and k == 0:
            if extract:
                opaque(frame).save(f"{extract}/default.png")
            continue
        if extract:
            opaque(frame).save(f"{extract}/frame-{pillow_frames}.png")
        pillow_frames += 1
        pillow_delays.append(int(frame.info.get("duration", 0)))
    print(json.dumps({"frames": frame_count, "plays": plays, "width": width, "height": height,
                      "color_type": color_type, "delays_ms": delays, "regions": regions,
                      "default_image": default_image, "pillow_frames": pillow_frames,
                      "pillow_delays_ms": pillow_delays}))


main()
