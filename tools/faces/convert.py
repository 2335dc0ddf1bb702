#!/usr/bin/python3
"""Converts face-api.js's face models (TF.js weights manifests + shards) to ONNX, op by op (build time only).

    convert.py MODEL_DIR OUT_DIR

MODEL_DIR is the `model/` folder of the npm package @vladmandic/face-api (1.7.15; `fetch.sh` beside this file
packs it); OUT_DIR receives one folder per net, in the layout of immich's face packs plus a landmark net:

    detection/model.onnx    SSD MobileNetV1 (face-api's ssd_mobilenetv1_model)
    landmarks/model.onnx    68-point landmark net (face_landmark_68_model)
    recognition/model.onnx  128-d ResNet-29 descriptor, dlib's weights (face_recognition_model)

Each graph is written from face-api's own forward pass (src/ssdMobilenetv1, src/faceFeatureExtractor,
src/faceLandmarkNet, src/faceRecognitionNet), one ONNX op for each TF.js op, in the same order where float
rounding could tell. Inputs are NHWC float32 RGB in 0..255, exactly the tensor face-api builds with
`toBatchTensor` (padding and resizing stay with the caller: see README.md); the normalisation is in the graph.

Weights: TF.js stores most of them as uint8 codes q with a per-tensor (scale, min); TF.js decodes them as
float32(q * scale + min), computed in double. We keep the codes (uint8, laid out for ONNX) plus a 256-entry
table of those exact float32 values per tensor, and the graph looks the weights up (Cast + Gather on
initializers, which ONNX Runtime folds when it loads the model). So the weights are bit-identical to the ones
TF.js runs with, and the files stay at the size of the TF.js shards. Small or unquantised tensors are stored as
float32.

Needs only python3 with onnx and numpy (Debian: python3-onnx, python3-numpy).
"""
import argparse
import json
import math
import sys
from pathlib import Path

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

OPSET = 13
LUT_MIN_ELEMENTS = 1024  # smaller quantised tensors are stored as float32

# face-api.js constants (src/ssdMobilenetv1/mobileNetV1.ts, src/faceRecognitionNet, src/faceFeatureExtractor)
BN_EPSILON = 0.0010000000474974513
MEAN_RGB = [122.782, 117.001, 104.298]


# ---------------------------------------------------------------------------------------------- TF.js weights

class Weight:
    """One TF.js weight: its float32 values as TF.js decodes them, and, when uint8-quantised, its codes and table."""

    def __init__(self, name, values, codes=None, table=None):
        self.name, self.values, self.codes, self.table = name, values, codes, table

    @property
    def shape(self):
        return self.values.shape


def load_weights(model_dir: Path, model: str) -> dict:
    """Reads MODEL-weights_manifest.json and its shards the way tf.io.decodeWeights does."""
    manifest = json.loads((model_dir / f"{model}-weights_manifest.json").read_text())
    weights = {}
    for group in manifest:
        buf = b"".join((model_dir / p).read_bytes() for p in group["paths"])
        offset = 0
        for entry in group["weights"]:
            name, shape, dtype = entry["name"], entry["shape"], entry["dtype"]
            count = math.prod(shape)
            q = entry.get("quantization")
            if q is None:
                np_dtype = {"float32": np.float32, "int32": np.int32}[dtype]
                values = np.frombuffer(buf, np_dtype, count, offset).reshape(shape).copy()
                offset += count * 4
                weights[name] = Weight(name, values)
                continue
            if q["dtype"] == "float16":
                values = np.frombuffer(buf, np.float16, count, offset).astype(np.float32).reshape(shape)
                offset += count * 2
                weights[name] = Weight(name, values)
                continue
            code_dtype = {"uint8": np.uint8, "uint16": np.uint16}[q["dtype"]]
            codes = np.frombuffer(buf, code_dtype, count, offset).reshape(shape).copy()
            offset += count * codes.itemsize
            exact = codes.astype(np.float64) * q["scale"] + q["min"]  # double, as in JS
            if dtype == "int32":
                weights[name] = Weight(name, np.floor(exact + 0.5).astype(np.int32))  # Math.round
                continue
            values = exact.astype(np.float32)
            table = None
            if q["dtype"] == "uint8":
                table = (np.arange(256, dtype=np.float64) * q["scale"] + q["min"]).astype(np.float32)
                assert np.array_equal(table[codes], values)
            weights[name] = Weight(name, values, codes if table is not None else None, table)
        if offset != len(buf):
            sys.exit(f"{model}: manifest covers {offset} of {len(buf)} bytes")
    return weights


# ---------------------------------------------------------------------------------------------- graph builder

def same_pads(size: int, kernel: int, stride: int):
    """TensorFlow's 'same' padding along one axis: (before, after, output size)."""
    out = -(-size // stride)
    total = max((out - 1) * stride + kernel - size, 0)
    return total // 2, total - total // 2, out


class Graph:
    def __init__(self, name, weights):
        self.name, self.weights = name, weights
        self.nodes, self.inits, self.used = [], [], set()
        self.counter = 0

    def fresh(self, hint):
        self.counter += 1
        return f"{hint}_{self.counter}"

    def op(self, op_type, inputs, hint=None, **attrs):
        out = self.fresh(hint or op_type.lower())
        self.nodes.append(helper.make_node(op_type, inputs, [out], name=out, **attrs))
        return out

    def const(self, array, hint="const"):
        name = self.fresh(hint)
        self.inits.append(numpy_helper.from_array(np.ascontiguousarray(array), name))
        return name

    def weight(self, key, perm=None, shape=None):
        """A TF.js weight as a graph value, transposed (perm) and/or reshaped (shape) for ONNX."""
        w = self.weights[key]
        self.used.add(key)
        hint = key.replace("/", "_")

        def lay(a):
            a = a.transpose(perm) if perm is not None else a
            return a.reshape(shape) if shape is not None else a

        if w.codes is not None and w.codes.size >= LUT_MIN_ELEMENTS:
            codes = self.const(lay(w.codes), hint + "_codes")
            table = self.const(w.table, hint + "_table")
            index = self.op("Cast", [codes], hint + "_index", to=TensorProto.INT32)
            return self.op("Gather", [table, index], hint, axis=0)
        return self.const(lay(w.values).astype(np.float32), hint)

    def scalar(self, value):
        return self.const(np.array(value, dtype=np.float32), "scalar")

    def int64s(self, values):
        return self.const(np.array(values, dtype=np.int64), "shape")

    # -- layers (NCHW inside) -----------------------------------------------------------------------------

    def conv(self, x, hw, key, stride, padding, depthwise=False, bias=None):
        """tf.conv2d / tf.depthwiseConv2d with TF.js's filter layout (HWIO / HWC1); returns (y, (h, w))."""
        kh, kw, cin, cout = self.weights[key].shape
        if depthwise:
            filt = self.weight(key, perm=(2, 3, 0, 1))  # [C, 1, kh, kw]
            group = cin
        else:
            filt = self.weight(key, perm=(3, 2, 0, 1))  # [O, I, kh, kw]
            group = 1
        h, w = hw
        if padding == "same":
            top, bottom, oh = same_pads(h, kh, stride)
            left, right, ow = same_pads(w, kw, stride)
        else:
            top = bottom = left = right = 0
            oh, ow = (h - kh) // stride + 1, (w - kw) // stride + 1
        inputs = [x, filt] + ([self.weight(bias)] if bias else [])
        y = self.op("Conv", inputs, "conv", kernel_shape=[kh, kw], strides=[stride, stride],
                    pads=[top, left, bottom, right], group=group)
        return y, (oh, ow)

    def add_bias(self, x, key):
        """tf.add(x, bias[C]) on NHWC == x + bias[1, C, 1, 1] on NCHW."""
        c = self.weights[key].shape[0]
        return self.op("Add", [x, self.weight(key, shape=(1, c, 1, 1))])

    def mul_channel(self, x, key):
        c = self.weights[key].shape[0]
        return self.op("Mul", [x, self.weight(key, shape=(1, c, 1, 1))])

    def clip6(self, x):
        return self.op("Clip", [x, self.scalar(0.0), self.scalar(6.0)], "relu6")

    def relu(self, x):
        return self.op("Relu", [x])

    def nhwc_input(self, size):
        """The graph input: [N, size, size, 3] float32 RGB 0..255, moved to NCHW."""
        self.input = helper.make_tensor_value_info("input", TensorProto.FLOAT, ["N", size, size, 3])
        return self.op("Transpose", ["input"], "nchw", perm=[0, 3, 1, 2])

    def normalise_mean_rgb(self, x):
        """face-api's normalize(x, meanRgb).div(255)."""
        mean = self.const(np.array(MEAN_RGB, dtype=np.float32).reshape(1, 3, 1, 1), "mean_rgb")
        return self.op("Div", [self.op("Sub", [x, mean]), self.scalar(255.0)])

    def model(self, outputs, doc):
        # The TF graph's own shape and scalar constants (int32 stacks, Preprocessor/mul/x ...) are left out, as
        # face-api leaves them; any other weight left out would be a conversion error.
        unused = {k for k in set(self.weights) - self.used
                  if self.weights[k].values.dtype != np.int32 and self.weights[k].values.size > 1}
        if unused:
            sys.exit(f"{self.name}: weights not used: {sorted(unused)}")
        graph = helper.make_graph(self.nodes, self.name, [self.input], outputs, self.inits)
        m = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)],
                              producer_name="RetrievalEngine tools/faces/convert.py")
        m.ir_version = 7  # readable by every ONNX Runtime from 1.8 on
        m.doc_string = doc
        onnx.checker.check_model(m, full_check=True)
        return m


# ---------------------------------------------------------------------------------------------- SSD MobileNetV1

def build_ssd(weights) -> onnx.ModelProto:
    g = Graph("ssd_mobilenetv1", weights)
    x = g.nhwc_input(512)
    x = g.op("Sub", [g.op("Div", [x, g.scalar(127.5)]), g.scalar(1.0)], "normalised")
    hw = (512, 512)

    def pointwise(x, hw, prefix, idx, stride):  # pointwiseConvLayer: conv 'same' + bn offset, relu6
        y, hw = g.conv(x, hw, f"{prefix}/Conv2d_{idx}_pointwise/weights", stride, "same")
        y = g.add_bias(y, f"{prefix}/Conv2d_{idx}_pointwise/convolution_bn_offset")
        return g.clip6(y), hw

    def depthwise(x, hw, idx, stride):  # depthwiseConvLayer: depthwise 'same' + batchNorm, relu6
        p = f"MobilenetV1/Conv2d_{idx}_depthwise"
        y, hw = g.conv(x, hw, f"{p}/depthwise_weights", stride, "same", depthwise=True)
        y = g.op("BatchNormalization", [y, g.weight(f"{p}/BatchNorm/gamma"), g.weight(f"{p}/BatchNorm/beta"),
                                        g.weight(f"{p}/BatchNorm/moving_mean"),
                                        g.weight(f"{p}/BatchNorm/moving_variance")], "bn", epsilon=BN_EPSILON)
        return g.clip6(y), hw

    x, hw = pointwise(x, hw, "MobilenetV1", 0, 2)
    conv11 = None
    for idx in range(1, 14):
        x, hw = depthwise(x, hw, idx, 2 if idx in (2, 4, 6, 12) else 1)
        x, hw = pointwise(x, hw, "MobilenetV1", idx, 1)
        if idx == 11:
            conv11, conv11_hw = x, hw
    features = [(conv11, conv11_hw), (x, hw)]
    p = x
    for idx in range(8):
        p, phw = pointwise(p, hw if idx == 0 else phw, "Prediction", idx, 2 if idx % 2 else 1)
        if idx % 2:
            features.append((p, phw))

    boxes, classes = [], []
    for i, (f, _) in enumerate(features):  # boxPredictionLayer: 1x1 conv + bias, reshaped in NHWC order
        pre = f"Prediction/BoxPredictor_{i}"
        enc, _ = g.conv(f, (1, 1), f"{pre}/BoxEncodingPredictor/weights", 1, "same",
                        bias=f"{pre}/BoxEncodingPredictor/biases")
        cls, _ = g.conv(f, (1, 1), f"{pre}/ClassPredictor/weights", 1, "same", bias=f"{pre}/ClassPredictor/biases")
        enc = g.op("Transpose", [enc], "nhwc", perm=[0, 2, 3, 1])
        cls = g.op("Transpose", [cls], "nhwc", perm=[0, 2, 3, 1])
        boxes.append(g.op("Reshape", [enc, g.int64s([0, -1, 4])]))
        classes.append(g.op("Reshape", [cls, g.int64s([0, -1, 3])]))
    enc = g.op("Concat", boxes, "box_encodings", axis=1)    # [N, 5118, 4]
    cls = g.op("Concat", classes, "class_logits", axis=1)   # [N, 5118, 3]

    # outputLayer.decodeBoxesLayer: the anchor terms are constants, computed in float32 as TF.js computes them
    anchors = weights["Output/extra_dim"].values.reshape(-1, 4)
    g.used.add("Output/extra_dim")
    size0 = anchors[:, 2] - anchors[:, 0]
    size1 = anchors[:, 3] - anchors[:, 1]
    center0 = anchors[:, 0] + size0 / np.float32(2)
    center1 = anchors[:, 1] + size1 / np.float32(2)
    n_anchors = anchors.shape[0]

    def column(t, j):
        s = g.op("Slice", [t, g.int64s([j]), g.int64s([j + 1]), g.int64s([2])])
        return g.op("Reshape", [s, g.int64s([0, n_anchors])])

    def row(a):
        return g.const(a.reshape(1, n_anchors).astype(np.float32), "anchor")

    v = [column(enc, j) for j in range(4)]
    div0 = g.op("Div", [g.op("Mul", [g.op("Exp", [g.op("Div", [v[2], g.scalar(5.0)])]), row(size0)]), g.scalar(2.0)])
    add0 = g.op("Add", [g.op("Mul", [g.op("Div", [v[0], g.scalar(10.0)]), row(size0)]), row(center0)])
    div1 = g.op("Div", [g.op("Mul", [g.op("Exp", [g.op("Div", [v[3], g.scalar(5.0)])]), row(size1)]), g.scalar(2.0)])
    add1 = g.op("Add", [g.op("Mul", [g.op("Div", [v[1], g.scalar(10.0)]), row(size1)]), row(center1)])
    corners = [g.op("Sub", [add0, div0]), g.op("Sub", [add1, div1]), g.op("Add", [add0, div0]), g.op("Add", [add1, div1])]
    corners = [g.op("Unsqueeze", [c, g.int64s([2])]) for c in corners]
    g.nodes.append(helper.make_node("Concat", corners, ["boxes"], name="boxes", axis=2))
    score_logit = g.op("Reshape", [g.op("Slice", [cls, g.int64s([1]), g.int64s([2]), g.int64s([2])]),
                                   g.int64s([0, n_anchors])])
    g.nodes.append(helper.make_node("Sigmoid", [score_logit], ["scores"], name="scores"))
    outputs = [helper.make_tensor_value_info("boxes", TensorProto.FLOAT, ["N", n_anchors, 4]),
               helper.make_tensor_value_info("scores", TensorProto.FLOAT, ["N", n_anchors])]
    return g.model(outputs, "face-api.js SSD MobileNetV1 face detector. input: [N,512,512,3] RGB 0..255, the "
                            "photo scaled so its longer side is 512 and zero-padded at the right or bottom. "
                            "boxes: [ymin,xmin,ymax,xmax] relative to the 512 square; scores: face probability.")


# ---------------------------------------------------------------------------------------------- 68-point landmarks

def build_landmarks(weights) -> onnx.ModelProto:
    g = Graph("face_landmark_68", weights)
    x = g.normalise_mean_rgb(g.nhwc_input(112))
    hw = (112, 112)

    def sep(x, hw, prefix, stride):  # depthwiseSeparableConv: separableConv2d 'same' + bias
        y, hw = g.conv(x, hw, f"{prefix}/depthwise_filter", stride, "same", depthwise=True)
        y, hw = g.conv(y, hw, f"{prefix}/pointwise_filter", 1, "valid")
        return g.add_bias(y, f"{prefix}/bias"), hw

    for block in range(4):  # denseBlock4
        p = f"dense{block}"
        if block == 0:
            out1, hw = g.conv(x, hw, f"{p}/conv0/filters", 2, "same")
            out1 = g.add_bias(out1, f"{p}/conv0/bias")
        else:
            out1, hw = sep(x, hw, f"{p}/conv0", 2)
        out1 = g.relu(out1)
        out2, _ = sep(out1, hw, f"{p}/conv1", 1)
        in3 = g.relu(g.op("Add", [out1, out2]))
        out3, _ = sep(in3, hw, f"{p}/conv2", 1)
        in4 = g.relu(g.op("Add", [out1, g.op("Add", [out2, out3])]))
        out4, _ = sep(in4, hw, f"{p}/conv3", 1)
        x = g.relu(g.op("Add", [out1, g.op("Add", [out2, g.op("Add", [out3, out4])])]))
    assert hw == (7, 7)
    x = g.op("AveragePool", [x], "avgpool", kernel_shape=[7, 7], strides=[2, 2])  # -> [N, 256, 1, 1]
    x = g.op("Reshape", [x, g.int64s([0, -1])])
    x = g.op("MatMul", [x, g.weight("fc/weights")])
    g.nodes.append(helper.make_node("Add", [x, g.weight("fc/bias")], ["landmarks"], name="landmarks"))
    outputs = [helper.make_tensor_value_info("landmarks", TensorProto.FLOAT, ["N", 136])]
    return g.model(outputs, "face-api.js 68-point face landmark net. input: [N,112,112,3] RGB 0..255, the face "
                            "box zero-padded to a square (centred) and scaled to 112. landmarks: x0,y0,x1,y1,... "
                            "relative to the 112 square.")


# ---------------------------------------------------------------------------------------------- recognition

def build_recognition(weights) -> onnx.ModelProto:
    g = Graph("face_recognition", weights)
    x = g.normalise_mean_rgb(g.nhwc_input(150))
    hw = (150, 150)
    channels = 3

    def conv_layer(x, hw, prefix, stride, relu, padding="same"):  # convLayer: conv + bias, scale, [relu]
        y, hw = g.conv(x, hw, f"{prefix}/conv/filters", stride, padding)
        y = g.add_bias(y, f"{prefix}/conv/bias")
        y = g.add_bias(g.mul_channel(y, f"{prefix}/scale/weights"), f"{prefix}/scale/biases")
        return (g.relu(y) if relu else y), hw

    def residual(x, hw, prefix):
        out, _ = conv_layer(x, hw, f"{prefix}/conv1", 1, True)
        out, _ = conv_layer(out, hw, f"{prefix}/conv2", 1, False)
        return g.relu(g.op("Add", [out, x])), hw

    def residual_down(x, hw, c_in, prefix):
        out, ohw = conv_layer(x, hw, f"{prefix}/conv1", 2, True, "valid")
        out, _ = conv_layer(out, ohw, f"{prefix}/conv2", 1, False)
        c_out = g.weights[f"{prefix}/conv2/conv/filters"].shape[3]
        pooled = g.op("AveragePool", [x], "avgpool", kernel_shape=[2, 2], strides=[2, 2])
        phw = (hw[0] // 2, hw[1] // 2)
        if phw != ohw:  # face-api appends a zero row and a zero column to the convolution's output
            assert (ohw[0] + 1, ohw[1] + 1) == phw, (ohw, phw)
            out = g.op("Pad", [out, g.int64s([0, 0, 0, 0, 0, 0, 1, 1]), g.scalar(0.0)], "pad", mode="constant")
        if c_out != c_in:  # ... and zero channels to the pooled input
            pooled = g.op("Pad", [pooled, g.int64s([0, 0, 0, 0, 0, c_out - c_in, 0, 0]), g.scalar(0.0)], "pad",
                          mode="constant")
        return g.relu(g.op("Add", [pooled, out])), phw, c_out

    x, hw = conv_layer(x, hw, "conv32_down", 2, True, "valid")
    x = g.op("MaxPool", [x], "maxpool", kernel_shape=[3, 3], strides=[2, 2])
    hw = ((hw[0] - 3) // 2 + 1, (hw[1] - 3) // 2 + 1)
    channels = 32
    for name in ["conv32_1", "conv32_2", "conv32_3", "conv64_down", "conv64_1", "conv64_2", "conv64_3",
                 "conv128_down", "conv128_1", "conv128_2", "conv256_down", "conv256_1", "conv256_2",
                 "conv256_down_out"]:
        if name.endswith("down") or name.endswith("down_out"):
            x, hw, channels = residual_down(x, hw, channels, name)
        else:
            x, hw = residual(x, hw, name)
    x = g.op("ReduceMean", [x], "mean", axes=[2, 3], keepdims=0)  # [N, 256]
    g.nodes.append(helper.make_node("MatMul", [x, g.weight("fc")], ["embedding"], name="embedding"))
    outputs = [helper.make_tensor_value_info("embedding", TensorProto.FLOAT, ["N", 128])]
    return g.model(outputs, "face-api.js face recognition net (dlib's ResNet-29 descriptor). input: [N,150,150,3] "
                            "RGB 0..255, the aligned face box zero-padded to a square (centred) and scaled to 150. "
                            "embedding: 128 values, not normalised (dlib: same person below Euclidean 0.6).")


NETS = {
    "detection": ("ssd_mobilenetv1_model", build_ssd),
    "landmarks": ("face_landmark_68_model", build_landmarks),
    "recognition": ("face_recognition_model", build_recognition),
}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("model_dir", type=Path, help="the model/ folder of @vladmandic/face-api")
    ap.add_argument("out_dir", type=Path)
    args = ap.parse_args()
    for folder, (model, build) in NETS.items():
        m = build(load_weights(args.model_dir, model))
        out = args.out_dir / folder / "model.onnx"
        out.parent.mkdir(parents=True, exist_ok=True)
        onnx.save(m, str(out))
        print(f"{out}: {out.stat().st_size:,} bytes, {len(m.graph.node)} nodes")


if __name__ == "__main__":
    main()
