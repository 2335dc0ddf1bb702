#!/usr/bin/python3
"""Dynamic int8 quantization of a model folder's ONNX graphs, the way ONNX Runtime's quantize_dynamic does it.

Every MatMul whose second input is a constant weight becomes
    DynamicQuantizeLinear(x) -> MatMulInteger(x_q, W_q, x_zero, W_zero) -> Cast -> Mul(x_scale * W_scale)
with W quantized symmetrically to int8, one scale per output column. ONNX Runtime fuses that pattern into
its DynamicQuantizeMatMul kernel (u8 x s8, VNNI where the CPU has it). Activations are quantized per
batch at run time, so no calibration data is needed. Everything else (convolution, layer norm, softmax)
stays float32.

    /usr/bin/python3 tools/quantize_model.py SOURCE_FOLDER TARGET_FOLDER
Build-time only (Debian's python3-onnx and numpy); the product only loads the result.
"""
import shutil
import sys
from pathlib import Path

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper


def quantize_graph(source: Path, target: Path):
    model = onnx.load(str(source))
    graph = model.graph
    weights = {init.name: init for init in graph.initializer}
    nodes, quantized = [], 0
    for node in graph.node:
        weight = weights.get(node.input[1]) if node.op_type == "MatMul" else None
        if weight is None or len(weight.dims) != 2:
            nodes.append(node)
            continue
        w = numpy_helper.to_array(weight).astype(np.float32)
        scale = np.maximum(np.abs(w).max(axis=0), 1e-12) / 127.0
        w_q = np.clip(np.round(w / scale), -127, 127).astype(np.int8)
        base = f"{node.name or node.output[0]}_q"
        graph.initializer.extend([
            numpy_helper.from_array(w_q, f"{base}_W"),
            numpy_helper.from_array(scale.astype(np.float32), f"{base}_W_scale"),
            numpy_helper.from_array(np.zeros(w.shape[1], dtype=np.int8), f"{base}_W_zero"),
        ])
        x, y = node.input[0], node.output[0]
        nodes.extend([
            helper.make_node("DynamicQuantizeLinear", [x], [f"{base}_x", f"{base}_x_scale", f"{base}_x_zero"], f"{base}_dql"),
            helper.make_node("MatMulInteger", [f"{base}_x", f"{base}_W", f"{base}_x_zero", f"{base}_W_zero"],
                             [f"{base}_int"], f"{base}_mmi"),
            helper.make_node("Cast", [f"{base}_int"], [f"{base}_float"], f"{base}_cast", to=TensorProto.FLOAT),
            helper.make_node("Mul", [f"{base}_x_scale", f"{base}_W_scale"], [f"{base}_scale"], f"{base}_scale_mul"),
            helper.make_node("Mul", [f"{base}_float", f"{base}_scale"], [y], f"{base}_out_mul"),
        ])
        quantized += 1
    del graph.node[:]
    graph.node.extend(nodes)
    used = {name for node in graph.node for name in node.input}
    kept = [init for init in graph.initializer if init.name in used]
    del graph.initializer[:]
    graph.initializer.extend(kept)
    onnx.checker.check_model(model)
    onnx.save(model, str(target))
    return quantized


def main():
    source, target = Path(sys.argv[1]), Path(sys.argv[2])
    shutil.copytree(source, target, dirs_exist_ok=True)
    for graph in ("text_model.onnx", "vision_model.onnx"):
        count = quantize_graph(source / "onnx" / graph, target / "onnx" / graph)
        size = (target / "onnx" / graph).stat().st_size
        print(f"{graph}: {count} MatMuls quantized, {size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
