#!/usr/bin/python3
"""Builds data/models/tiny-random-clip: a tiny random-weight CLIP in the Hugging Face ONNX layout.

Every test can load it without ../shared. Its shapes are deliberately unlike the usual CLIP export, so
the loader is exercised on what real exports vary in:
  - text graph: int32 `input_ids`, no `attention_mask`, one 2-D output named `embeddings` (not text_embeds);
  - vision graph: `pixel_values` -> `image_embeds`, 40 px crop of a 48 px resize, patch 8;
  - configs in the older bare-number form (`"size": 48`, `"crop_size": 40`), context 77, 24 dimensions.
Reference vectors for the sample photos and a few texts are written beside it, computed here by PyTorch
with the CLIP recipe done in PIL, so the C# pipeline is checked against an independent implementation.

Build-time only (Debian's python3 with python3-torch, python3-onnx, python3-pil):
    /usr/bin/python3 tools/make_tiny_model.py
"""
import json
import math
import shutil
from pathlib import Path

import numpy as np
import torch
from PIL import Image, ImageOps
from torch import nn

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "data" / "models" / "tiny-random-clip"
SAMPLES = ROOT / "data" / "samples"
VOCAB = ROOT.parent / "shared" / "golden" / "clip-vocab"

SEED = 20261125
VOCAB_SIZE = 49408
CONTEXT = 77
WIDTH = 24
HEADS = 2
LAYERS = 2
PROJECTION = 24
IMAGE_RESIZE = 48
IMAGE_CROP = 40
PATCH = 8
MEAN = [0.48145466, 0.4578275, 0.40821073]
STD = [0.26862954, 0.26130258, 0.27577711]
TEXTS = ["a photo of a cat", "a bowl of noodles with broccoli", "", "A bike parked under a traffic light."]


class QuickGelu(nn.Module):
    def forward(self, x):
        return x * torch.sigmoid(1.702 * x)


class Attention(nn.Module):
    """Plain multi-head self-attention (torch's fused kernel does not export to ONNX)."""

    def __init__(self):
        super().__init__()
        self.qkv = nn.Linear(WIDTH, WIDTH * 3)
        self.out = nn.Linear(WIDTH, WIDTH)

    def forward(self, x, mask=None):
        batch, length, _ = x.shape
        q, k, v = self.qkv(x).reshape(batch, length, 3, HEADS, WIDTH // HEADS).permute(2, 0, 3, 1, 4)
        scores = q @ k.transpose(-1, -2) / math.sqrt(WIDTH // HEADS)
        if mask is not None:
            scores = scores + mask
        return self.out((scores.softmax(-1) @ v).transpose(1, 2).reshape(batch, length, WIDTH))


class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.ln1 = nn.LayerNorm(WIDTH)
        self.attn = Attention()
        self.ln2 = nn.LayerNorm(WIDTH)
        self.mlp = nn.Sequential(nn.Linear(WIDTH, WIDTH * 4), QuickGelu(), nn.Linear(WIDTH * 4, WIDTH))

    def forward(self, x, mask=None):
        h = self.ln1(x)
        x = x + self.attn(h, mask)
        return x + self.mlp(self.ln2(x))


class TextTower(nn.Module):
    def __init__(self):
        super().__init__()
        self.tokens = nn.Embedding(VOCAB_SIZE, WIDTH)
        self.positions = nn.Parameter(torch.randn(CONTEXT, WIDTH) * 0.02)
        self.blocks = nn.ModuleList(Block() for _ in range(LAYERS))
        self.ln = nn.LayerNorm(WIDTH)
        self.projection = nn.Linear(WIDTH, PROJECTION, bias=False)

    def forward(self, input_ids):
        ids = input_ids.long()
        length = ids.shape[1]
        x = self.tokens(ids) + self.positions[:length]
        causal = torch.full((length, length), float("-inf")).triu(1)
        for block in self.blocks:
            x = block(x, causal)
        x = self.ln(x)
        # Pooled at the end token, which has the highest id (CLIP's argmax rule).
        pooled = x[torch.arange(x.shape[0]), ids.argmax(dim=-1)]
        return self.projection(pooled)


class VisionTower(nn.Module):
    def __init__(self):
        super().__init__()
        self.patches = nn.Conv2d(3, WIDTH, PATCH, PATCH, bias=False)
        count = (IMAGE_CROP // PATCH) ** 2
        self.cls = nn.Parameter(torch.randn(WIDTH) * 0.02)
        self.positions = nn.Parameter(torch.randn(count + 1, WIDTH) * 0.02)
        self.ln_pre = nn.LayerNorm(WIDTH)
        self.blocks = nn.ModuleList(Block() for _ in range(LAYERS))
        self.ln_post = nn.LayerNorm(WIDTH)
        self.projection = nn.Linear(WIDTH, PROJECTION, bias=False)

    def forward(self, pixel_values):
        x = self.patches(pixel_values).flatten(2).transpose(1, 2)
        x = torch.cat([self.cls.expand(x.shape[0], 1, -1), x], dim=1) + self.positions
        x = self.ln_pre(x)
        for block in self.blocks:
            x = block(x)
        return self.projection(self.ln_post(x[:, 0]))


def preprocess(path):
    """CLIP's recipe in PIL, independent of the C# code: upright RGB, shorter side to IMAGE_RESIZE with
    antialiased bicubic (floor rule), centre crop, scale, normalise, CHW."""
    image = ImageOps.exif_transpose(Image.open(path)).convert("RGB")
    w, h = image.size
    short, long = (w, h) if w <= h else (h, w)
    size_long = int(IMAGE_RESIZE * long / short)
    size = (IMAGE_RESIZE, size_long) if w <= h else (size_long, IMAGE_RESIZE)
    image = image.resize(size, Image.BICUBIC)
    left, top = (size[0] - IMAGE_CROP) // 2, (size[1] - IMAGE_CROP) // 2
    image = image.crop((left, top, left + IMAGE_CROP, top + IMAGE_CROP))
    pixels = (np.asarray(image, dtype=np.float32) / 255.0 - MEAN) / STD
    return torch.from_numpy(pixels.transpose(2, 0, 1).astype(np.float32))


def tokenize(text, vocab, merges):
    """The golden-verified ids come from the C# tokenizer's tests; here only simple ASCII texts are used,
    for which plain BPE over lower-cased words is exact."""
    ranks = {tuple(m.split()): i for i, m in enumerate(merges)}
    ids = [vocab["<|startoftext|>"]]
    import re
    for word in re.findall(r"[a-z]+|[0-9]|[^\sa-z0-9]+", " ".join(text.lower().split())):
        parts = list(word[:-1]) + [word[-1] + "</w>"]
        while len(parts) > 1:
            pairs = [(ranks.get((a, b), math.inf), i) for i, (a, b) in enumerate(zip(parts, parts[1:]))]
            rank, i = min(pairs)
            if rank == math.inf:
                break
            parts[i:i + 2] = [parts[i] + parts[i + 1]]
        ids.extend(vocab[p] for p in parts)
    return ids + [vocab["<|endoftext|>"]]


def normalised(t):
    return (t / t.norm(dim=-1, keepdim=True)).tolist()


def main():
    torch.manual_seed(SEED)
    text, vision = TextTower().eval(), VisionTower().eval()
    OUT.joinpath("onnx").mkdir(parents=True, exist_ok=True)
    shutil.copyfile(VOCAB / "vocab.json", OUT / "vocab.json")
    shutil.copyfile(VOCAB / "merges.txt", OUT / "merges.txt")

    with torch.no_grad():
        torch.onnx.export(text, (torch.ones(2, 7, dtype=torch.int32),), OUT / "onnx" / "text_model.onnx",
                          input_names=["input_ids"], output_names=["embeddings"], opset_version=14,
                          dynamic_axes={"input_ids": {0: "batch", 1: "sequence"}, "embeddings": {0: "batch"}})
        torch.onnx.export(vision, (torch.zeros(2, 3, IMAGE_CROP, IMAGE_CROP),), OUT / "onnx" / "vision_model.onnx",
                          input_names=["pixel_values"], output_names=["image_embeds"], opset_version=14,
                          dynamic_axes={"pixel_values": {0: "batch"}, "image_embeds": {0: "batch"}})

    config = {
        "architectures": ["CLIPModel"], "model_type": "clip", "projection_dim": PROJECTION,
        "text_config": {"hidden_size": WIDTH, "num_attention_heads": HEADS, "num_hidden_layers": LAYERS,
                        "max_position_embeddings": CONTEXT, "vocab_size": VOCAB_SIZE,
                        "bos_token_id": 49406, "eos_token_id": 49407},
        "vision_config": {"hidden_size": WIDTH, "image_size": IMAGE_CROP, "patch_size": PATCH,
                          "num_attention_heads": HEADS, "num_hidden_layers": LAYERS},
    }
    preprocessor = {"crop_size": IMAGE_CROP, "do_center_crop": True, "do_normalize": True, "do_resize": True,
                    "image_mean": MEAN, "image_std": STD, "resample": 3, "size": IMAGE_RESIZE,
                    "feature_extractor_type": "CLIPFeatureExtractor"}
    (OUT / "config.json").write_text(json.dumps(config, indent=2) + "\n")
    (OUT / "preprocessor_config.json").write_text(json.dumps(preprocessor, indent=2) + "\n")

    vocab = json.loads((VOCAB / "vocab.json").read_text())
    merges = [line for line in (VOCAB / "merges.txt").read_text().splitlines()[1:] if line]
    photos = sorted(p.name for p in SAMPLES.glob("*.jpg"))
    with torch.no_grad():
        text_ids = [tokenize(t, vocab, merges) for t in TEXTS]
        text_vectors = [normalised(text(torch.tensor([ids], dtype=torch.int32)))[0] for ids in text_ids]
        image_vectors = normalised(vision(torch.stack([preprocess(SAMPLES / p) for p in photos])))
    reference = {
        "model": OUT.name, "dimension": PROJECTION,
        "note": "computed by tools/make_tiny_model.py with PyTorch; images preprocessed with PIL",
        "texts": [{"text": t, "ids": i, "vector": v} for t, i, v in zip(TEXTS, text_ids, text_vectors)],
        "images": [{"image": f"../../samples/{p}", "vector": v} for p, v in zip(photos, image_vectors)],
    }
    (OUT / "reference_embeddings.json").write_text(json.dumps(reference, indent=1) + "\n")
    print(f"wrote {OUT}: {sum(f.stat().st_size for f in OUT.rglob('*') if f.is_file()) / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
