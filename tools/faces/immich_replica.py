#!/usr/bin/python3
"""Builds an immich-layout face pack replica from the shipped face-api nets (data/models/faces/face-api).

immich's face packs (buffalo_l, antelopev2: insightface's SCRFD detector + ArcFace recognizer) cannot be downloaded
here, and their weights are for non-commercial research only. This replica has their exact interfaces, so the engine's
SCRFD + ArcFace pipeline runs on it unchanged, and it has real weights (ours: Apache-2.0 / MIT / public domain), so
what it finds means something:

  detection/model.onnx    SCRFD's interface: "input.1" [1, 3, 640, 640], RGB (x - 127.5) / 128; nine outputs, for
                          strides 8, 16, 32 with two anchors a cell (12800, 3200, 800 rows): scores [n, 1], box distances
                          [n, 4] (left, top, right, bottom from the anchor centre, in strides), key points [n, 10] (from
                          the centre, in strides). Inside: the input de-normalised, resized to 512 (linear), face-api's
                          SSD MobileNetV1 run on it, and each of its 5,118 anchors written into one SCRFD slot of its
                          level (3,072 of the 32 x 32 level into stride 8, 1,536 into stride 16, the rest into stride 32,
                          spread evenly over the grid; the other slots score 0): decoding gives exactly the SSD's boxes
                          and scores. SSD has no key points: they are fixed proportions of the box (where a frontal
                          face's eyes, nose tip and mouth corners lie, KEY_POINTS below).
  recognition/model.onnx  ArcFace's interface: "input.1" [N, 3, 112, 112], RGB (x - 127.5) / 127.5 -> [N, 512]. Inside:
                          de-normalised, the square face-api's alignment would read for ArcFace's template points cut
                          from the 112 crop (CROP below, bilinear) at 150, dlib's descriptor net, its 128 numbers
                          zero-padded to 512. So the descriptor says who the face is, as dlib's does.

Usage (Debian 12's python3 with python3-onnx and python3-numpy; deterministic):
    /usr/bin/python3 tools/faces/immich_replica.py OUT_FOLDER [--without-key-points] [FACE_API_FOLDER]
--without-key-points writes a detector with SCRFD's six outputs of its models without key points (scores and boxes only),
which the engine must refuse: it aligns faces by their key points.
"""
import pathlib
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

ROOT = pathlib.Path(__file__).resolve().parents[2]
SIZE = 640  # the detector's input, as immich prepares insightface's detector
SSD_SIZE = 512
STRIDES = (8, 16, 32)
ANCHORS = 2
SSD_ANCHORS = 5118
SSD_LEVELS = (3072, 1536, SSD_ANCHORS - 3072 - 1536)  # 32x32x3, 16x16x6, then 8x8 .. 1x1 (x6)

# ArcFace's 112 x 112 template (insightface face_align.arcface_dst): eye on the image's left, other eye, nose tip,
# mouth's left and right corners.
ARCFACE = np.array([[38.2946, 51.6963], [73.5318, 51.5014], [56.0252, 71.7366], [41.5493, 92.3655], [70.7299, 92.2041]])
# face-api's alignment square for the template points (FaceAlignment.DlibBox: side = mean eye-mouth distance / 0.45), moved
# up to end at the crop's bottom: x 6.72 .. 105.24, y 13.5 .. 112.
SIDE = 98.52
CROP = (6.72, 112.0 - SIDE, 6.72 + SIDE, 112.0)  # x0, y0, x1, y1
# The square that crop stands for in a detected box: its width, centred, its top 0.15 of the box's height down.
SQUARE_TOP = 0.15


def key_point_matrix():
    """[4, 10]: (x1, y1, x2, y2) -> five key points, those of the template placed so that CROP is the box's square."""
    m = np.zeros((4, 10), np.float32)
    for i, (tx, ty) in enumerate(ARCFACE):
        u, v = (tx - CROP[0]) / SIDE, (ty - CROP[1]) / SIDE  # within the square, in its sides
        # x = x1 + u w; y = y1 + SQUARE_TOP h + v w, with w = x2 - x1, h = y2 - y1.
        m[:, 2 * i] = [1 - u, 0, u, 0]
        m[:, 2 * i + 1] = [-v, 1 - SQUARE_TOP, v, SQUARE_TOP]
    return m


def const(name, array):
    return helper.make_node("Constant", [], [name], value=numpy_helper.from_array(np.asarray(array), name))


def slots():
    """Per stride: the SSD anchor each slot reads (SSD_ANCHORS: none, an all-zero row) and the slots' anchor centres."""
    out, first = [], 0
    for stride, count in zip(STRIDES, SSD_LEVELS):
        cells = SIZE // stride
        n = cells * cells * ANCHORS
        index = np.full(n, SSD_ANCHORS, np.int64)
        index[(np.arange(count) * n) // count] = first + np.arange(count)
        ys, xs = np.mgrid[:cells, :cells]
        centres = np.repeat(np.stack([xs, ys], -1).reshape(-1, 2) * stride, ANCHORS, axis=0).astype(np.float32)
        out.append((stride, index, centres))
        first += count
    return out


def detector(face_api, key_points=True):
    ssd = onnx.load(str(face_api / "detection" / "model.onnx"))
    g = ssd.graph
    nodes = [
        const("r_scale", np.float32(128.0)), const("r_mean", np.float32(127.5)),
        helper.make_node("Mul", ["input.1", "r_scale"], ["r_scaled"]),
        helper.make_node("Add", ["r_scaled", "r_mean"], ["r_pixels"]),
        const("r_roi", np.zeros(0, np.float32)), const("r_no_scales", np.zeros(0, np.float32)),
        const("r_size", np.array([1, 3, SSD_SIZE, SSD_SIZE], np.int64)),
        helper.make_node("Resize", ["r_pixels", "r_roi", "r_no_scales", "r_size"], ["r_small"], mode="linear", coordinate_transformation_mode="half_pixel"),
        helper.make_node("Transpose", ["r_small"], ["input"], perm=[0, 2, 3, 1]),
    ]
    nodes += list(g.node)
    # SSD boxes: ymin, xmin, ymax, xmax relative to its square -> x1, y1, x2, y2 in the 640 input, plus a zero row.
    nodes += [
        const("r_order", np.array([1, 0, 3, 2], np.int64)), const("r_px", np.float32(SIZE)),
        const("r_rows", np.array([SSD_ANCHORS, 4], np.int64)), const("r_flat", np.array([SSD_ANCHORS, 1], np.int64)),
        const("r_zero_box", np.zeros((1, 4), np.float32)), const("r_zero_score", np.zeros((1, 1), np.float32)),
        helper.make_node("Gather", ["boxes", "r_order"], ["r_xy"], axis=2),
        helper.make_node("Mul", ["r_xy", "r_px"], ["r_xy_px"]),
        helper.make_node("Reshape", ["r_xy_px", "r_rows"], ["r_box_rows"]),
        helper.make_node("Concat", ["r_box_rows", "r_zero_box"], ["r_all_boxes"], axis=0),
        helper.make_node("Reshape", ["scores", "r_flat"], ["r_score_rows"]),
        helper.make_node("Concat", ["r_score_rows", "r_zero_score"], ["r_all_scores"], axis=0),
        const("r_kp", key_point_matrix()),
    ]
    outputs = {"score": [], "box": [], "kps": []}
    for stride, index, centres in slots():
        s, n = f"s{stride}", len(index)
        nodes += [
            const(f"{s}_index", index), const(f"{s}_centres", centres), const(f"{s}_centres5", np.tile(centres, 5)),
            const(f"{s}_per_stride", np.float32(1.0 / stride)),
            helper.make_node("Gather", ["r_all_scores", f"{s}_index"], [f"score_{stride}"], axis=0),
            helper.make_node("Gather", ["r_all_boxes", f"{s}_index"], [f"{s}_boxes"], axis=0),
            helper.make_node("Split", [f"{s}_boxes"], [f"{s}_lt", f"{s}_rb"], axis=1),
            helper.make_node("Sub", [f"{s}_centres", f"{s}_lt"], [f"{s}_d_lt"]),
            helper.make_node("Sub", [f"{s}_rb", f"{s}_centres"], [f"{s}_d_rb"]),
            helper.make_node("Concat", [f"{s}_d_lt", f"{s}_d_rb"], [f"{s}_d"], axis=1),
            helper.make_node("Mul", [f"{s}_d", f"{s}_per_stride"], [f"bbox_{stride}"]),
            helper.make_node("MatMul", [f"{s}_boxes", "r_kp"], [f"{s}_points"]),
            helper.make_node("Sub", [f"{s}_points", f"{s}_centres5"], [f"{s}_kd"]),
            helper.make_node("Mul", [f"{s}_kd", f"{s}_per_stride"], [f"kps_{stride}"]),
        ]
        for kind, width in (("score", 1), ("bbox", 4), ("kps", 10))[:3 if key_points else 2]:
            outputs["box" if kind == "bbox" else kind].append(helper.make_tensor_value_info(f"{kind}_{stride}", TensorProto.FLOAT, [n, width]))
    graph = helper.make_graph(nodes, "scrfd_replica", [helper.make_tensor_value_info("input.1", TensorProto.FLOAT, [1, 3, SIZE, SIZE])],
                              outputs["score"] + outputs["box"] + outputs["kps"], initializer=list(g.initializer))
    return finish(graph, ssd)


def recognizer(face_api):
    dlib = onnx.load(str(face_api / "recognition" / "model.onnx"))
    g = dlib.graph
    x0, y0, x1, y1 = (v / 111.0 for v in CROP)  # tf_crop_and_resize's roi is in (length - 1) units
    nodes = [
        const("r_scale", np.float32(127.5)), const("r_mean", np.float32(127.5)),
        helper.make_node("Mul", ["input.1", "r_scale"], ["r_scaled"]),
        helper.make_node("Add", ["r_scaled", "r_mean"], ["r_pixels"]),
        const("r_roi", np.array([0, 0, y0, x0, 1, 1, y1, x1], np.float32)), const("r_no_scales", np.zeros(0, np.float32)),
        helper.make_node("Shape", ["input.1"], ["r_shape"]),
        const("r_batch_start", np.array([0], np.int64)), const("r_batch_end", np.array([1], np.int64)),
        helper.make_node("Slice", ["r_shape", "r_batch_start", "r_batch_end"], ["r_batch"]),
        const("r_chw", np.array([3, 150, 150], np.int64)),
        helper.make_node("Concat", ["r_batch", "r_chw"], ["r_size"], axis=0),
        helper.make_node("Resize", ["r_pixels", "r_roi", "r_no_scales", "r_size"], ["r_chip"], mode="linear",
                         coordinate_transformation_mode="tf_crop_and_resize", extrapolation_value=0.0),
        helper.make_node("Transpose", ["r_chip"], ["input"], perm=[0, 2, 3, 1]),
    ]
    nodes += list(g.node)
    nodes += [
        const("r_pads", np.array([0, 0, 0, 512 - 128], np.int64)),
        helper.make_node("Pad", ["embedding", "r_pads"], ["683"]),
    ]
    graph = helper.make_graph(nodes, "arcface_replica", [helper.make_tensor_value_info("input.1", TensorProto.FLOAT, ["N", 3, 112, 112])],
                              [helper.make_tensor_value_info("683", TensorProto.FLOAT, ["N", 512])], initializer=list(g.initializer))
    return finish(graph, dlib)


def finish(graph, source):
    model = helper.make_model(graph, opset_imports=list(source.opset_import), producer_name="retrieval tools/faces/immich_replica.py")
    model.ir_version = source.ir_version
    onnx.checker.check_model(model)
    return model


def main():
    args = sys.argv[1:]
    key_points = "--without-key-points" not in args
    args = [a for a in args if a != "--without-key-points"]
    if len(args) not in (1, 2):
        sys.exit(__doc__)
    out = pathlib.Path(args[0])
    face_api = pathlib.Path(args[1]) if len(args) == 2 else ROOT / "data" / "models" / "faces" / "face-api"
    for name, build in (("detection", lambda f: detector(f, key_points)), ("recognition", recognizer)):
        (out / name).mkdir(parents=True, exist_ok=True)
        part = out / name / "model.onnx.part"
        onnx.save(build(face_api), str(part))
        part.replace(out / name / "model.onnx")
    print(out)


if __name__ == "__main__":
    main()
