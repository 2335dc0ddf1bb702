#!/usr/bin/python3
"""Builds random-weight CLIP models in the Hugging Face ONNX layout.

`tiny` (the default) writes data/models/tiny-random-clip, which every test can load without ../shared.
Its shapes are deliberately unlike the usual CLIP export, so the loader is exercised on what real
exports vary in:
  - text graph: int32 `input_ids`, no `attention_mask`, one 2-D output named `embeddings` (not text_embeds);
  - vision graph: `pixel_values` -> `image_embeds`, 40 px crop of a 48 px resize, patch 8;
  - configs in the older bare-number form (`"size": 48`, `"crop_size": 40`), context 77, 24 dimensions.
Reference vectors for the sample photos and a few texts are written beside it, computed here by PyTorch
with the CLIP recipe done in PIL, so the C# pipeline is checked against an independent implementation.

`vit-b32` writes benchmarks-data/vit-b32-random (about 600 MB, never committed): CLIP ViT-B/32's sizes
(224 px, patch 32, 12 x 768 vision, 12 x 512 text, 512 dimensions) in the standard export layout (int64
input_ids + attention_mask -> text_embeds), to measure realistic encoder throughput.

Build-time only (Debian's python3 with python3-torch, python3-onnx, python3-pil):
    /usr/bin/python3 tools/make_tiny_model.py [tiny|vit-b32]
"""
import json
import math
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
from PIL import Image, ImageOps
from torch import nn

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "samples"
VOCAB = ROOT.parent / "shared" / "golden" / "clip-vocab"
VOCAB_SIZE = 49408
MEAN = [0.48145466, 0.4578275, 0.40821073]
STD = [0.26862954, 0.26130258, 0.27577711]
TEXTS = ["a photo of a cat", "a bowl of noodles with broccoli", "", "A bike parked under a traffic light."]


@dataclass(frozen=True)
class Preset:
    out: Path
    text_width: int
    text_heads: int
    text_layers: int
    vision_width: int
    vision_heads: int
    vision_layers: int
    projection: int
    resize: int
    crop: int
    patch: int
    context: int = 77
    standard_layout: bool = False  # int64 ids + attention_mask -> text_embeds, object-form sizes
    references: bool = False
    seed: int = 20261125


PRESETS = {
    "tiny": Preset(ROOT / "data" / "models" / "tiny-random-clip", 24, 2, 2, 24, 2, 2, 24, 48, 40, 8, references=True),
    "vit-b32": Preset(ROOT / "benchmarks-data" / "vit-b32-random", 512, 8, 12, 768, 12, 12, 512, 224, 224, 32,
                      standard_layout=True),
}


class QuickGelu(nn.Module):
    def forward(self, x):
        return x * torch.sigmoid(1.702 * x)


class Attention(nn.Module):
    """Plain multi-head self-attention (torch's fused kernel does not export to ONNX)."""

    def __init__(self, width, heads):
        super().__init__()
        self.width, self.heads = width, heads
        self.qkv = nn.Linear(width, width * 3)
        self.out = nn.Linear(width, width)

    def forward(self, x, mask=None):
        batch, length, _ = x.shape
        head = self.width // self.heads
        q, k, v = self.qkv(x).reshape(batch, length, 3, self.heads, head).permute(2, 0, 3, 1, 4)
        scores = q @ k.transpose(-1, -2) / math.sqrt(head)
        if mask is not None:
            scores = scores + mask
        return self.out((scores.softmax(-1) @ v).transpose(1, 2).reshape(batch, length, self.width))


class Block(nn.Module):
    def __init__(self, width, heads):
        super().__init__()
        self.ln1 = nn.LayerNorm(width)
        self.attn = Attention(width, heads)
        self.ln2 = nn.LayerNorm(width)
        self.mlp = nn.Sequential(nn.Linear(width, width * 4), QuickGelu(), nn.Linear(width * 4, width))

    def forward(self, x, mask=None):
        x = x + self.attn(self.ln1(x), mask)
        return x + self.mlp(self.ln2(x))


class TextTower(nn.Module):
    def __init__(self, p: Preset):
        super().__init__()
        self.tokens = nn.Embedding(VOCAB_SIZE, p.text_width)
        self.positions = nn.Parameter(torch.randn(p.context, p.text_width) * 0.02)
        self.blocks = nn.ModuleList(Block(p.text_width, p.text_heads) for _ in range(p.text_layers))
        self.ln = nn.LayerNorm(p.text_width)
        self.projection = nn.Linear(p.text_width, p.projection, bias=False)

    def forward(self, input_ids, attention_mask=None):
        ids = input_ids.long()
        length = ids.shape[1]
        x = self.tokens(ids) + self.positions[:length]
        mask = torch.full((length, length), float("-inf")).triu(1)
        if attention_mask is not None:
            mask = mask + (1.0 - attention_mask[:, None, None, :].float()) * -1e9
        for block in self.blocks:
            x = block(x, mask)
        x = self.ln(x)
        # Pooled at the end token, which has the highest id (CLIP's argmax rule).
        return self.projection(x[torch.arange(x.shape[0]), ids.argmax(dim=-1)])


class VisionTower(nn.Module):
    def __init__(self, p: Preset):
        super().__init__()
        w = p.vision_width
        self.patches = nn.Conv2d(3, w, p.patch, p.patch, bias=False)
        self.cls = nn.Parameter(torch.randn(w) * 0.02)
        self.positions = nn.Parameter(torch.randn((p.crop // p.patch) ** 2 + 1, w) * 0.02)
        self.ln_pre = nn.LayerNorm(w)
        self.blocks = nn.ModuleList(Block(w, p.vision_heads) for _ in range(p.vision_layers))
        self.ln_post = nn.LayerNorm(w)
        self.projection = nn.Linear(w, p.projection, bias=False)

    def forward(self, pixel_values):
        x = self.patches(pixel_values).flatten(2).transpose(1, 2)
        x = torch.cat([self.cls.expand(x.shape[0], 1, -1), x], dim=1) + self.positions
        x = self.ln_pre(x)
        for block in self.blocks:
            x = block(x)
        return self.projection(self.ln_post(x[:, 0]))


def preprocess(path, p: Preset):
    """CLIP's recipe in PIL, independent of the C# code: upright RGB, shorter side to p.resize with
    antialiased bicubic (floor rule), centre crop, scale, normalise, CHW."""
    image = ImageOps.exif_transpose(Image.open(path)).convert("RGB")
    w, h = image.size
    short, long = (w, h) if w <= h else (h, w)
    size_long = int(p.resize * long / short)
    size = (p.resize, size_long) if w <= h else (size_long, p.resize)
    image = image.resize(size, Image.BICUBIC)
    left, top = (size[0] - p.crop) // 2, (size[1] - p.crop) // 2
    image = image.crop((left, top, left + p.crop, top + p.crop))
    pixels = (np.asarray(image, dtype=np.float32) / 255.0 - MEAN) / STD
    return torch.from_numpy(pixels.transpose(2, 0, 1).astype(np.float32))


def tokenize(text, vocab, ranks):
    """Plain BPE over lower-cased ASCII words: exact for the simple texts used here (the full CLIP
    tokenizer is the C# one, checked against OpenAI's ids by its own golden tests)."""
    ids = [vocab["<|startoftext|>"]]
    for word in re.findall(r"[a-z]+|[0-9]|[^\sa-z0-9]+", " ".join(text.lower().split())):
        parts = list(word[:-1]) + [word[-1] + "</w>"]
        while len(parts) > 1:
            rank, i = min((ranks.get(pair, math.inf), i) for i, pair in enumerate(zip(parts, parts[1:])))
            if rank == math.inf:
                break
            parts[i:i + 2] = [parts[i] + parts[i + 1]]
        ids.extend(vocab[part] for part in parts)
    return ids + [vocab["<|endoftext|>"]]


def export(p: Preset, text, vision):
    onnx_dir = p.out / "onnx"
    onnx_dir.mkdir(parents=True, exist_ok=True)
    with torch.no_grad():
        if p.standard_layout:
            ids, mask = torch.ones(2, 7, dtype=torch.int64), torch.ones(2, 7, dtype=torch.int64)
            torch.onnx.export(text, (ids, mask), onnx_dir / "text_model.onnx",
                              input_names=["input_ids", "attention_mask"], output_names=["text_embeds"],
                              opset_version=14, dynamic_axes={"input_ids": {0: "batch", 1: "sequence"},
                                                              "attention_mask": {0: "batch", 1: "sequence"},
                                                              "text_embeds": {0: "batch"}})
        else:
            torch.onnx.export(text, (torch.ones(2, 7, dtype=torch.int32),), onnx_dir / "text_model.onnx",
                              input_names=["input_ids"], output_names=["embeddings"], opset_version=14,
                              dynamic_axes={"input_ids": {0: "batch", 1: "sequence"}, "embeddings": {0: "batch"}})
        torch.onnx.export(vision, (torch.zeros(2, 3, p.crop, p.crop),), onnx_dir / "vision_model.onnx",
                          input_names=["pixel_values"], output_names=["image_embeds"], opset_version=14,
                          dynamic_axes={"pixel_values": {0: "batch"}, "image_embeds": {0: "batch"}})


def write_configs(p: Preset):
    config = {
        "architectures": ["CLIPModel"], "model_type": "clip", "projection_dim": p.projection,
        "text_config": {"hidden_size": p.text_width, "num_attention_heads": p.text_heads,
                        "num_hidden_layers": p.text_layers, "max_position_embeddings": p.context,
                        "vocab_size": VOCAB_SIZE, "bos_token_id": 49406, "eos_token_id": 49407},
        "vision_config": {"hidden_size": p.vision_width, "image_size": p.crop, "patch_size": p.patch,
                          "num_attention_heads": p.vision_heads, "num_hidden_layers": p.vision_layers},
    }
    sizes = ({"crop_size": {"height": p.crop, "width": p.crop}, "size": {"shortest_edge": p.resize}}
             if p.standard_layout else {"crop_size": p.crop, "size": p.resize})
    preprocessor = {**sizes, "do_center_crop": True, "do_normalize": True, "do_resize": True,
                    "image_mean": MEAN, "image_std": STD, "resample": 3}
    (p.out / "config.json").write_text(json.dumps(config, indent=2) + "\n")
    (p.out / "preprocessor_config.json").write_text(json.dumps(preprocessor, indent=2) + "\n")
    shutil.copyfile(VOCAB / "vocab.json", p.out / "vocab.json")
    shutil.copyfile(VOCAB / "merges.txt", p.out / "merges.txt")


def write_references(p: Preset, text, vision):
    vocab = json.loads((VOCAB / "vocab.json").read_text())
    merges = [line for line in (VOCAB / "merges.txt").read_text().splitlines()[1:] if line]
    ranks = {tuple(m.split()): i for i, m in enumerate(merges)}
    photos = sorted(f.name for f in SAMPLES.glob("*.jpg"))
    normalised = lambda t: (t / t.norm(dim=-1, keepdim=True)).tolist()
    with torch.no_grad():
        ids = [tokenize(t, vocab, ranks) for t in TEXTS]
        text_vectors = [normalised(text(torch.tensor([i], dtype=torch.int32)))[0] for i in ids]
        image_vectors = normalised(vision(torch.stack([preprocess(SAMPLES / f, p) for f in photos])))
    reference = {
        "model": p.out.name, "dimension": p.projection,
        "note": "computed by tools/make_model.py with PyTorch; images preprocessed with PIL",
        "texts": [{"text": t, "ids": i, "vector": v} for t, i, v in zip(TEXTS, ids, text_vectors)],
        "images": [{"image": f"../../samples/{f}", "vector": v} for f, v in zip(photos, image_vectors)],
    }
    (p.out / "reference_embeddings.json").write_text(json.dumps(reference, indent=1) + "\n")


def main():
    name = sys.argv[1] if len(sys.argv) > 1 else "tiny"
    p = PRESETS[name]
    torch.manual_seed(p.seed)
    text, vision = TextTower(p).eval(), VisionTower(p).eval()
    p.out.mkdir(parents=True, exist_ok=True)
    write_configs(p)
    export(p, text, vision)
    if p.references:
        write_references(p, text, vision)
    size = sum(f.stat().st_size for f in p.out.rglob("*") if f.is_file())
    print(f"wrote {p.out}: {size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
