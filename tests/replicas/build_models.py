#!/usr/bin/python3
"""Builds tiny random-weight replica exports in every layout the loader reads, with their reference vectors.

Run from the project root with Debian's python3 (python3-torch, python3-onnx, python3-pil), after build_tokenizers.py:
    /usr/bin/python3 tests/replicas/build_models.py models      # the graphs, configs, test images and cleaned texts
    (cd tests/replicas && node model_ids.mjs)                    # the ids each model's runtime feeds it (tokenizers, npm)
    /usr/bin/python3 tests/replicas/build_models.py reference   # the vectors PyTorch gives on those ids and images

  immich-clip     immich layout; CLIP byte-level BPE tokenizer.json, context 24; shortest + crop, bicubic, OpenAI mean/std;
                  text int32 "text" [1, 24], image "image" [1, 3, 48, 48], output "embedding" (normalised); batch fixed at 1
  immich-siglip   immich layout; Unigram tokenizer.json, clean "canonicalize", context 16, last-token pooling (no mask,
                  so the padding counts); squash + bilinear, mean/std 0.5, 40 px; batch fixed at 1
  immich-bytes    immich layout whose visual graph takes uint8 RGB [1, 48, 48, 3] and normalises it itself
  immich-mclip    immich layout, M-CLIP style: "input_ids" + "attention_mask" int32 [1, 20], WordPiece, mean pooling
  xenova-clip     transformers.js layout: onnx/text_model.onnx + vision_model.onnx with _quantized (int8 weights) and _fp16
                  variants; input_ids int64 + attention_mask, dynamic batch and length; preprocessor_config.json with
                  {shortest_edge: 40}, crop 32, resample 3; outputs text_embeds / image_embeds, not normalised
Reference preprocessing is Pillow's: immich's resize_pil / crop_pil / to_numpy / normalize for immich models, Hugging
Face's CLIPImageProcessor rules for the transformers.js one, after EXIF orientation (ImageOps.exif_transpose).
"""
import json
import math
import pathlib
import string
import sys

import numpy as np
import onnx
import torch
from onnx import numpy_helper
from PIL import Image, ImageOps

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SHARED = ROOT.parent / "shared"
MODELS = HERE / "models"
IMAGES = HERE / "images"
TOKENIZERS = HERE / "tokenizers"
OPENAI_MEAN, OPENAI_STD = [0.48145466, 0.4578275, 0.40821073], [0.26862954, 0.26130258, 0.27577711]

SPECS = {
    "immich-clip": dict(layout="immich", tokenizer="clip-bpe", context=24, size=48, width=32, dim=24, pool="argmax", inputs="text",
                        resize="shortest", interpolation="bicubic", mean=OPENAI_MEAN, std=OPENAI_STD, clean=None, patch=4),
    "immich-siglip": dict(layout="immich", tokenizer="siglip-unigram", context=16, size=40, width=32, dim=20, pool="last", inputs="text",
                          resize="squash", interpolation="bilinear", mean=[0.5] * 3, std=[0.5] * 3, clean="canonicalize", patch=4),
    "immich-bytes": dict(layout="immich", tokenizer="clip-bpe", context=24, size=48, width=32, dim=24, pool="argmax", inputs="text",
                         resize="shortest", interpolation="bicubic", mean=OPENAI_MEAN, std=OPENAI_STD, clean=None, patch=4, uint8=True),
    "immich-mclip": dict(layout="immich", tokenizer="bert-wordpiece", context=20, size=48, width=16, dim=24, pool="mean", inputs="mclip",
                         resize="shortest", interpolation="bicubic", mean=OPENAI_MEAN, std=OPENAI_STD, clean=None, patch=8),
    "xenova-clip": dict(layout="hf", tokenizer="clip-bpe", context=20, size=40, crop=32, width=32, dim=16, pool="argmax", inputs="hf",
                        resample=3, mean=OPENAI_MEAN, std=OPENAI_STD, patch=4),
}


class TextTower(torch.nn.Module):
    def __init__(self, vocab, context, width, dim, pool):
        super().__init__()
        self.pool = pool
        self.token = torch.nn.Embedding(vocab, width)
        self.position = torch.nn.Parameter(torch.randn(context, width) * 0.1)
        self.qkv = torch.nn.Linear(width, 3 * width)
        self.out = torch.nn.Linear(width, width)
        self.mlp = torch.nn.Sequential(torch.nn.Linear(width, 2 * width), torch.nn.GELU(), torch.nn.Linear(2 * width, width))
        self.norm = torch.nn.LayerNorm(width)
        self.projection = torch.nn.Linear(width, dim, bias=False)

    def forward(self, ids, mask=None):
        ids = ids.long()
        length = ids.shape[1]
        x = self.token(ids) + self.position[:length]
        q, k, v = self.qkv(x).chunk(3, dim=-1)
        scores = q @ k.transpose(1, 2) / math.sqrt(q.shape[-1])
        if self.pool == "argmax":  # CLIP: causal, pooled at the end token (the largest id)
            scores = scores + torch.triu(torch.full((length, length), -1e4), diagonal=1)
        if mask is not None:
            scores = scores + (1.0 - mask[:, None, :].float()) * -1e4
        x = x + self.out(torch.softmax(scores, dim=-1) @ v)
        x = self.norm(x + self.mlp(x))
        if self.pool == "argmax":
            pooled = x[torch.arange(x.shape[0]), ids.argmax(dim=-1)]
        elif self.pool == "last":
            pooled = x[:, -1]
        else:
            m = mask[:, :, None].float()
            pooled = (x * m).sum(1) / m.sum(1)
        return self.projection(pooled)


class VisionTower(torch.nn.Module):
    """Patches, a per-patch MLP, then every patch's features in one projection: position and fine detail both count,
    so a wrong crop, filter or orientation shows in the vector, not only in the mean colour."""

    def __init__(self, width, dim, patch, size):
        super().__init__()
        self.patches = torch.nn.Conv2d(3, width, patch, stride=patch)
        self.mlp = torch.nn.Sequential(torch.nn.Linear(width, 2 * width), torch.nn.GELU(), torch.nn.Linear(2 * width, width))
        self.norm = torch.nn.LayerNorm(width)
        self.projection = torch.nn.Linear(width * (size // patch) ** 2, dim, bias=False)

    def forward(self, pixels):
        x = self.patches(pixels).flatten(2).transpose(1, 2)
        x = self.norm(x + self.mlp(x)).flatten(1)
        return self.projection(x)


class TakesBytes(torch.nn.Module):
    """immich's graphs that normalise their own input: uint8 RGB, channels last."""

    def __init__(self, inner, mean, std):
        super().__init__()
        self.inner = inner
        self.register_buffer("mean", torch.tensor(mean).view(1, 3, 1, 1))
        self.register_buffer("std", torch.tensor(std).view(1, 3, 1, 1))

    def forward(self, rgb):
        x = rgb.permute(0, 3, 1, 2).float() / 255.0
        return self.inner((x - self.mean) / self.std)


class Normalised(torch.nn.Module):
    def __init__(self, inner):
        super().__init__()
        self.inner = inner

    def forward(self, *args):
        y = self.inner(*args)
        return y / y.norm(dim=-1, keepdim=True)


def towers(name, spec):
    torch.manual_seed(sum(map(ord, name)))
    vocab = len(json.loads((TOKENIZERS / spec["tokenizer"] / "tokenizer.json").read_text(encoding="utf-8"))["model"]["vocab"])
    vocab += 8  # room for added tokens past the model's vocabulary
    text = TextTower(vocab, spec["context"], spec["width"], spec["dim"], spec["pool"]).eval()
    vision = VisionTower(spec["width"], spec["dim"], spec["patch"], spec.get("crop", spec["size"])).eval()
    return text, vision


def export(module, args, path, input_names, output_name, dynamic):
    path.parent.mkdir(parents=True, exist_ok=True)
    axes = None
    if dynamic:
        axes = {n: {0: "batch", 1: "sequence"} if n != "pixel_values" else {0: "batch"} for n in input_names}
        axes[output_name] = {0: "batch"}
    torch.onnx.export(module, args, str(path), input_names=input_names, output_names=[output_name], dynamic_axes=axes, opset_version=14)


def quantize(path, out):
    """The transformers.js _quantized shape: int8 weights with a scale, dequantized in the graph (MatMul/Gemm/Conv/Gather inputs)."""
    model = onnx.load(str(path))
    graph = model.graph
    for init in list(graph.initializer):
        w = numpy_helper.to_array(init)
        if w.dtype != np.float32 or w.ndim < 2 or w.size < 64:
            continue
        scale = np.float32(np.abs(w).max() / 127.0)
        q = np.clip(np.round(w / scale), -127, 127).astype(np.int8)  # on_int8_grid's grid
        graph.initializer.remove(init)
        graph.initializer.extend([numpy_helper.from_array(q, init.name + "_q"), numpy_helper.from_array(np.array(scale, np.float32), init.name + "_scale"),
                                  numpy_helper.from_array(np.array(0, np.int8), init.name + "_zero")])
        graph.node.insert(0, onnx.helper.make_node("DequantizeLinear", [init.name + "_q", init.name + "_scale", init.name + "_zero"], [init.name]))
    onnx.save(model, str(out))


def on_int8_grid(w):
    scale = np.float32(np.abs(w).max() / 127.0)
    return np.clip(np.round(w / scale), -127, 127).astype(np.float32) * scale


def dequantized(module):
    """A copy of the tower whose large weights sit on the int8 grid quantize() uses (per tensor, max |w| / 127)."""
    import copy
    copy_ = copy.deepcopy(module)
    with torch.no_grad():
        for param in copy_.parameters():
            if param.ndim >= 2 and param.numel() >= 64:
                param.copy_(torch.from_numpy(on_int8_grid(param.numpy())))
    return copy_


def half(path, out):
    """The _fp16 shape: every float tensor in float16, inputs and outputs included (token ids stay integers)."""
    model = onnx.load(str(path))
    graph = model.graph
    for init in graph.initializer:
        if init.data_type == onnx.TensorProto.FLOAT:
            init.CopyFrom(numpy_helper.from_array(numpy_helper.to_array(init).astype(np.float16), init.name))
    for node in graph.node:
        for attr in node.attribute:
            if attr.type == onnx.AttributeProto.TENSOR and attr.t.data_type == onnx.TensorProto.FLOAT:
                attr.t.CopyFrom(numpy_helper.from_array(numpy_helper.to_array(attr.t).astype(np.float16)))
        if node.op_type == "Cast":
            for attr in node.attribute:
                if attr.name == "to" and attr.i == onnx.TensorProto.FLOAT:
                    attr.i = onnx.TensorProto.FLOAT16
    for value in list(graph.input) + list(graph.output):
        if value.type.tensor_type.elem_type == onnx.TensorProto.FLOAT:
            value.type.tensor_type.elem_type = onnx.TensorProto.FLOAT16
    del graph.value_info[:]
    onnx.save(model, str(out))


def build(name, spec):
    folder = MODELS / name
    text, vision = towers(name, spec)
    context, size = spec["context"], spec["size"]
    tok = TOKENIZERS / spec["tokenizer"]
    if spec["layout"] == "immich":
        (folder / "textual").mkdir(parents=True, exist_ok=True)
        (folder / "visual").mkdir(parents=True, exist_ok=True)
        kwargs = {"clean": spec["clean"]} if spec["clean"] else {}
        config = {"embed_dim": spec["dim"], "vision_cfg": {"image_size": size, "patch_size": spec["patch"], "width": spec["width"]},
                  "text_cfg": {"context_length": context, "width": spec["width"], "tokenizer_kwargs": kwargs}}
        (folder / "config.json").write_text(json.dumps(config, indent=1))
        (folder / "visual" / "preprocess_cfg.json").write_text(json.dumps({"size": [size, size], "mode": "RGB", "mean": spec["mean"], "std": spec["std"],
                                                                           "interpolation": spec["interpolation"], "resize_mode": spec["resize"], "fill_color": 0}, indent=1))
        for f in ("tokenizer.json", "tokenizer_config.json"):
            (folder / "textual" / f).write_bytes((tok / f).read_bytes())
        ids = torch.zeros(1, context, dtype=torch.int32)
        if spec["inputs"] == "mclip":
            export(Normalised(text), (ids, torch.ones(1, context, dtype=torch.int32)), folder / "textual" / "model.onnx", ["input_ids", "attention_mask"], "embedding", False)
        else:
            export(Normalised(text), (ids,), folder / "textual" / "model.onnx", ["text"], "embedding", False)
        if spec.get("uint8"):
            export(Normalised(TakesBytes(vision, spec["mean"], spec["std"])), (torch.zeros(1, size, size, 3, dtype=torch.uint8),), folder / "visual" / "model.onnx", ["image"], "embedding", False)
        else:
            export(Normalised(vision), (torch.zeros(1, 3, size, size),), folder / "visual" / "model.onnx", ["image"], "embedding", False)
    else:
        crop = spec["crop"]
        (folder / "onnx").mkdir(parents=True, exist_ok=True)
        (folder / "config.json").write_text(json.dumps({"model_type": "clip", "projection_dim": spec["dim"],
                                                        "text_config": {"max_position_embeddings": context}, "vision_config": {"image_size": crop}}, indent=1))
        (folder / "preprocessor_config.json").write_text(json.dumps({"crop_size": {"height": crop, "width": crop}, "do_center_crop": True, "do_normalize": True,
                                                                     "do_rescale": True, "do_resize": True, "image_mean": spec["mean"], "image_std": spec["std"],
                                                                     "resample": spec["resample"], "rescale_factor": 1 / 255, "size": {"shortest_edge": size}}, indent=1))
        for f in ("tokenizer.json", "tokenizer_config.json"):
            (folder / f).write_bytes((tok / f).read_bytes())
        export(text, (torch.zeros(2, 7, dtype=torch.long), torch.ones(2, 7, dtype=torch.long)), folder / "onnx" / "text_model.onnx", ["input_ids", "attention_mask"], "text_embeds", True)
        export(vision, (torch.zeros(2, 3, crop, crop),), folder / "onnx" / "vision_model.onnx", ["pixel_values"], "image_embeds", True)
        # The quantized graphs come from the towers with their weights already on the int8 grid, so re-quantizing them in
        # the graph is exact and the same towers give the reference.
        qtext, qvision = dequantized(text), dequantized(vision)
        export(qtext, (torch.zeros(2, 7, dtype=torch.long), torch.ones(2, 7, dtype=torch.long)), folder / "onnx" / ".text_q.onnx", ["input_ids", "attention_mask"], "text_embeds", True)
        export(qvision, (torch.zeros(2, 3, crop, crop),), folder / "onnx" / ".vision_q.onnx", ["pixel_values"], "image_embeds", True)
        for tower, source in (("text_model", ".text_q"), ("vision_model", ".vision_q")):
            quantize(folder / "onnx" / f"{source}.onnx", folder / "onnx" / f"{tower}_quantized.onnx")
            (folder / "onnx" / f"{source}.onnx").unlink()
            half(folder / "onnx" / f"{tower}.onnx", folder / "onnx" / f"{tower}_fp16.onnx")
    torch.save({"text": text.state_dict(), "vision": vision.state_dict()}, HERE / f".{name}.pt")


def test_images():
    """Real photos in every EXIF orientation, the shared tricky images, and a 12 MP JPEG."""
    IMAGES.mkdir(exist_ok=True)
    photo = Image.open(SHARED / "datasets" / "coco-train-mini" / sorted((SHARED / "datasets" / "coco-train-mini").glob("**/*.jpg"))[0].relative_to(SHARED / "datasets" / "coco-train-mini")).convert("RGB")
    photo = photo.resize((photo.width * 300 // max(photo.size), photo.height * 300 // max(photo.size)), Image.Resampling.LANCZOS)
    # What the camera stored for each orientation: the upright picture transformed the inverse way.
    inverse = {1: None, 2: Image.Transpose.FLIP_LEFT_RIGHT, 3: Image.Transpose.ROTATE_180, 4: Image.Transpose.FLIP_TOP_BOTTOM,
               5: Image.Transpose.TRANSPOSE, 6: Image.Transpose.ROTATE_90, 7: Image.Transpose.TRANSVERSE, 8: Image.Transpose.ROTATE_270}
    for orientation, op in inverse.items():
        stored = photo if op is None else photo.transpose(op)
        exif = Image.Exif()
        exif[0x0112] = orientation
        stored.save(IMAGES / f"orientation-{orientation}.jpg", quality=92, exif=exif.tobytes())
    for f in ("alpha.png", "landscape.jpg", "small_gray.bmp"):
        (IMAGES / f).write_bytes((SHARED / "golden" / "images" / f).read_bytes())
    big = photo.resize((4000, 3000), Image.Resampling.BICUBIC)
    big.save(IMAGES / "large-12mp.jpg", quality=80)


def cleaned_texts():
    texts = json.loads((HERE / "texts.json").read_text(encoding="utf-8"))
    punctuation = str.maketrans("", "", string.punctuation)
    out = {}
    for name, spec in SPECS.items():
        cleaned = []
        for t in texts:
            if spec["layout"] == "immich":  # immich's clean_text
                t = " ".join(t.split())
                if spec.get("clean") == "canonicalize":
                    t = t.translate(punctuation).lower()
            cleaned.append(t)
        pad = json.loads((TOKENIZERS / spec["tokenizer"] / "tokenizer_config.json").read_text())["pad_token"]
        out[name] = {"tokenizer": f"tokenizers/{spec['tokenizer']}/tokenizer.json", "context": spec["context"], "pad_token": pad,
                     "pad_to_context": spec["layout"] == "immich", "texts": cleaned}
    (HERE / "models" / "texts.json").write_text(json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8")


def reference_preprocess(spec, path):
    image = ImageOps.exif_transpose(Image.open(path))
    image = image.convert("RGB")
    if spec["layout"] == "immich":
        size = spec["size"]
        resample = {"bicubic": Image.Resampling.BICUBIC, "bilinear": Image.Resampling.BILINEAR}[spec["interpolation"]]
        if spec["resize"] == "squash":
            image = image.resize((size, size), resample=resample)
        else:
            if image.width < image.height:
                image = image.resize((size, int((image.height / image.width) * size)), resample=resample)
            else:
                image = image.resize((int((image.width / image.height) * size), size), resample=resample)
            left, upper = int((image.size[0] / 2) - (size / 2)), int((image.size[1] / 2) - (size / 2))
            image = image.crop((left, upper, left + size, upper + size))
        x = np.asarray(image, dtype=np.float32) / 255.0
        mean, std = np.array(spec["mean"], np.float32), np.array(spec["std"], np.float32)
        x *= 1.0 / std
        x -= mean / std
    else:
        size, crop = spec["size"], spec["crop"]
        w, h = image.size
        short, long = (w, h) if w <= h else (h, w)
        new_long = int(size * long / short)
        image = image.resize((size, new_long) if w <= h else (new_long, size), resample=Image.Resampling.BICUBIC)
        top, left = (image.height - crop) // 2, (image.width - crop) // 2
        image = image.crop((left, top, left + crop, top + crop))
        x = np.asarray(image, dtype=np.float32) * np.float32(1 / 255)
        x = (x - np.array(spec["mean"], np.float32)) / np.array(spec["std"], np.float32)
    return torch.from_numpy(x.transpose(2, 0, 1)[None].copy())


def reference():
    ids = json.loads((HERE / "models" / "ids.json").read_text(encoding="utf-8"))
    images = sorted(p.name for p in IMAGES.iterdir())
    for name, spec in SPECS.items():
        text, vision = towers(name, spec)
        state = torch.load(HERE / f".{name}.pt")
        text.load_state_dict(state["text"])
        vision.load_state_dict(state["vision"])
        variants = {"": (text, vision)}
        if spec["layout"] == "hf":
            variants["quantized"] = (dequantized(text), dequantized(vision))
            halved = (towers(name, spec)[0], towers(name, spec)[1])
            halved[0].load_state_dict({k: v.half().float() for k, v in state["text"].items()})
            halved[1].load_state_dict({k: v.half().float() for k, v in state["vision"].items()})
            variants["fp16"] = halved
        result = {"texts": [], "images": {}}
        entry = ids[name]
        with torch.no_grad():
            for variant, (t, v) in variants.items():
                key = variant or "plain"
                vectors = []
                for row, mask in zip(entry["ids"], entry["masks"]):
                    y = t(torch.tensor([row]), torch.tensor([mask])) if spec["inputs"] in ("mclip", "hf") else t(torch.tensor([row]))
                    vectors.append(torch.nn.functional.normalize(y, dim=-1)[0].tolist())
                result.setdefault("text_vectors", {})[key] = vectors
                image_vectors = {}
                for image in images:
                    y = v(reference_preprocess(spec, IMAGES / image))
                    image_vectors[image] = torch.nn.functional.normalize(y, dim=-1)[0].tolist()
                result.setdefault("image_vectors", {})[key] = image_vectors
        result["ids"] = entry["ids"]
        result["texts"] = json.loads((HERE / "texts.json").read_text(encoding="utf-8"))
        (MODELS / name / "reference.json").write_text(json.dumps(result))
        print(name, "reference vectors for", len(result["texts"]), "texts and", len(images), "images")


if __name__ == "__main__":
    if sys.argv[1:] == ["models"]:
        for n, s in SPECS.items():
            build(n, s)
        test_images()
        cleaned_texts()
        print("built", ", ".join(SPECS))
    elif sys.argv[1:] == ["reference"]:
        reference()
    else:
        sys.exit(__doc__)
