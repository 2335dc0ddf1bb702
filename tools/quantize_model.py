#!/usr/bin/python3
"""Dynamic int8 quantization of a model folder's ONNX graphs, the way ONNX Runtime's quantize_dynamic does it.

Every MatMul whose second input is a constant weight becomes
    DynamicQuantizeLinear(x) -> MatMulInteger(x_q, W_q, x_zero, W_zero) -> Cast -> Mul(x_scale * W_scale)
with W quantized symmetrically to int8, one scale per output column. ONNX Runtime fuses that pattern into
its DynamicQuantizeMatMul kernel (u8 x s8, VNNI where the CPU has it). Activations are quantized per
batch at run time, so no calibration data is needed. Every Gather from a constant 2-D table (a word
embedding) reads int8 rows and scales them by their own row's scale. Everything else (convolution, layer
norm, softmax) stays float32.

    /usr/bin/python3 tools/quantize_model.py SOURCE_FOLDER TARGET_FOLDER
Build-time only (Debian's python3-onnx and numpy); the product only loads the result.
"""
import shutil
import sys
from pathlib import Path

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper


def _int8_columns(node, w, graph):
    """Adds W as symmetric int8 with one scale per output column; returns the initializers' name prefix."""
    scale = np.maximum(np.abs(w).max(axis=0), 1e-12) / 127.0
    w_q = np.clip(np.round(w / scale), -127, 127).astype(np.int8)
    base = f"{node.name or node.output[0]}_q"
    graph.initializer.extend([
        numpy_helper.from_array(w_q, f"{base}_W"),
        numpy_helper.from_array(scale.astype(np.float32), f"{base}_W_scale"),
    ])
    return base


def _matmul(node, w, graph):
    base = _int8_columns(node, w, graph)
    graph.initializer.append(numpy_helper.from_array(np.zeros(w.shape[1], dtype=np.int8), f"{base}_W_zero"))
    x, y = node.input[0], node.output[0]
    return [
        helper.make_node("DynamicQuantizeLinear", [x], [f"{base}_x", f"{base}_x_scale", f"{base}_x_zero"], f"{base}_dql"),
        helper.make_node("MatMulInteger", [f"{base}_x", f"{base}_W", f"{base}_x_zero", f"{base}_W_zero"],
                         [f"{base}_int"], f"{base}_mmi"),
        helper.make_node("Cast", [f"{base}_int"], [f"{base}_float"], f"{base}_cast", to=TensorProto.FLOAT),
        helper.make_node("Mul", [f"{base}_x_scale", f"{base}_W_scale"], [f"{base}_scale"], f"{base}_scale_mul"),
        helper.make_node("Mul", [f"{base}_float", f"{base}_scale"], [y], f"{base}_out_mul"),
    ]


def _weight_only(node, w, graph):
    # Cast and Mul of constants: ONNX Runtime folds them into a float weight when it loads the graph, so the
    # file holds int8 but inference is float32, and a text's vector does not depend on its batch neighbours
    # (DynamicQuantizeLinear takes one activation scale for the whole batch).
    base = _int8_columns(node, w, graph)
    return [
        helper.make_node("Cast", [f"{base}_W"], [f"{base}_W_float"], f"{base}_cast", to=TensorProto.FLOAT),
        helper.make_node("Mul", [f"{base}_W_float", f"{base}_W_scale"], [f"{base}_W_dequantized"], f"{base}_scale_mul"),
        helper.make_node("MatMul", [node.input[0], f"{base}_W_dequantized"], [node.output[0]], f"{base}_matmul"),
    ]


def _gather(node, table, graph):
    # One scale per row: a word's vector keeps its own range, so rare and frequent words lose alike.
    scale = np.maximum(np.abs(table).max(axis=1, keepdims=True), 1e-12) / 127.0
    t_q = np.clip(np.round(table / scale), -127, 127).astype(np.int8)
    base = f"{node.name or node.output[0]}_q"
    graph.initializer.extend([
        numpy_helper.from_array(t_q, f"{base}_table"),
        numpy_helper.from_array(scale.astype(np.float32), f"{base}_table_scale"),
    ])
    ids, y = node.input[1], node.output[0]
    return [
        helper.make_node("Gather", [f"{base}_table", ids], [f"{base}_rows"], f"{base}_gather_rows", axis=0),
        helper.make_node("Gather", [f"{base}_table_scale", ids], [f"{base}_scales"], f"{base}_gather_scales", axis=0),
        helper.make_node("Cast", [f"{base}_rows"], [f"{base}_float"], f"{base}_cast", to=TensorProto.FLOAT),
        helper.make_node("Mul", [f"{base}_float", f"{base}_scales"], [y], f"{base}_out_mul"),
    ]


def quantize(model, weights_only=False, min_gather_rows=1000):
    """Quantizes `model` in place; returns (MatMuls, Gathers) quantized. Small tables stay float.
    weights_only: int8 weights in the file, float32 arithmetic (batch-independent results)."""
    graph = model.graph
    weights = {init.name: init for init in graph.initializer}
    nodes, counts = [], [0, 0]
    for node in graph.node:
        weight = weights.get(node.input[1]) if node.op_type == "MatMul" else None
        table = weights.get(node.input[0]) if node.op_type == "Gather" else None
        if weight is not None and len(weight.dims) == 2:
            nodes.extend((_weight_only if weights_only else _matmul)(node, numpy_helper.to_array(weight).astype(np.float32), graph))
            counts[0] += 1
        elif (table is not None and len(table.dims) == 2 and table.dims[0] >= min_gather_rows
              and next((a.i for a in node.attribute if a.name == "axis"), 0) == 0):
            nodes.extend(_gather(node, numpy_helper.to_array(table).astype(np.float32), graph))
            counts[1] += 1
        else:
            nodes.append(node)
    del graph.node[:]
    graph.node.extend(nodes)
    used = {name for node in graph.node for name in node.input}
    kept = [init for init in graph.initializer if init.name in used]
    del graph.initializer[:]
    graph.initializer.extend(kept)
    return tuple(counts)


def main():
    source, target = Path(sys.argv[1]), Path(sys.argv[2])
    shutil.copytree(source, target, dirs_exist_ok=True)
    for graph in ("text_model.onnx", "vision_model.onnx"):
        model = onnx.load(str(source / "onnx" / graph))
        matmuls, gathers = quantize(model)
        onnx.checker.check_model(model)
        onnx.save(model, str(target / "onnx" / graph))
        size = (target / "onnx" / graph).stat().st_size
        print(f"{graph}: {matmuls} MatMuls and {gathers} embedding tables quantized, {size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
