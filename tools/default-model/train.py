#!/usr/bin/python3
"""Trains the default model's projection heads on frozen features (build time only; Debian's python3-torch).

    train.py texts --shared SHARED WORK
        Writes the text lists whose features `retrieval features --texts` exports: the captions of the
        Flickr8k photos at hand and of coco-train-mini, and the ImageNet class prompts.
    train.py augment --shared SHARED --seed N WORK
        Writes seeded augmented views of the Flickr8k train photos into WORK/augmented.
    train.py fit --shared SHARED --seed N WORK
        Reads WORK/*.npy (see build.sh), picks the settings by Flickr8k dev + coco-train-mini, trains the
        heads on the Flickr8k train photos and the class prototypes, and writes WORK/head.npz for
        `compose.py model`. Prints the selection table and the chosen settings' recall on every split.

Deterministic: one thread, fixed seeds, deterministic kernels; the same inputs give the same head.
"""
import argparse
import itertools
import json
import sys
from pathlib import Path

import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).resolve().parent))
from compose import POOLED_WIDTH, CLASSES, TEXT_WIDTH, classifier_weights  # noqa: E402

AUGMENTED_VIEWS = 6
TEMPLATES = {
    "name": "{}",
    "photo": "a photo of a {}.",
    "ensemble": ["a photo of a {}.", "a picture of a {}.", "a close-up photo of the {}.", "a {} in the scene."],
}


def read_captions(path):
    captions = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if "\t" in line:
            key, text = line.split("\t", 1)
            if text.strip():
                captions.setdefault(key.split("#")[0], []).append(" ".join(text.split()))
    return captions


def texts(args):
    shared, work = Path(args.shared), Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    flickr = read_captions(shared / "datasets/flickr8k-224/captions.txt")
    photos = sorted(p.name for p in (shared / "datasets/flickr8k-224/images-partial").iterdir())
    coco = read_captions(shared / "datasets/coco-train-mini/captions.txt")
    for name, source, names in (("flickr", flickr, photos), ("coco", coco, sorted(coco))):
        rows = [(photo, caption) for photo in names for caption in source[photo]]
        (work / f"{name}-captions.txt").write_text("".join(f"{c}\n" for _, c in rows), encoding="utf-8")
        (work / f"{name}-captions.tsv").write_text("".join(f"{p}\t{c}\n" for p, c in rows), encoding="utf-8")
    classes = (shared / "models/mobilenetv2/imagenet_classes.txt").read_text().splitlines()
    prompts = [template.format(name) for template in itertools.chain(*(t if isinstance(t, list) else [t] for t in TEMPLATES.values())) for name in classes]
    (work / "class-prompts.txt").write_text("".join(f"{p}\n" for p in prompts), encoding="utf-8")
    print(f"texts in {work}: {len(prompts)} class prompts")


def load_features(path):
    """Rows of a `retrieval features` export, with the engine's normalisation undone (see compose.py)."""
    rows = np.load(path).astype(np.float64)
    return (rows / rows[:, -1:]).astype(np.float32), Path(str(path) + ".txt").read_text(encoding="utf-8").splitlines()


def unit(x):
    return x / np.maximum(np.linalg.norm(x, axis=-1, keepdims=True), 1e-12)


class Data:
    def __init__(self, shared, work):
        shared, work = Path(shared), Path(work)
        images, names = load_features(work / "flickr-images.npy")
        coco_images, coco_names = load_features(work / "coco-images.npy")
        self.classes = (shared / "models/mobilenetv2/imagenet_classes.txt").read_text().splitlines()
        prompts, prompt_texts = load_features(work / "class-prompts.npy")
        self.prompts = {}
        offset = 0
        for key, template in TEMPLATES.items():
            count = len(template) if isinstance(template, list) else 1
            block = prompts[offset:offset + count * CLASSES, :TEXT_WIDTH].reshape(count, CLASSES, TEXT_WIDTH)
            self.prompts[key] = unit(block.mean(axis=0))
            offset += count * CLASSES
        assert offset == len(prompt_texts)
        self.prototypes = unit(classifier_weights(shared / "models/mobilenetv2"))
        self.splits = {}
        for split in ("train", "dev", "test"):
            wanted = set((shared / f"datasets/flickr8k-224/{split}.txt").read_text().split())
            self.splits[split] = self._split(images, names, work / "flickr", wanted)
        self.splits["coco"] = self._split(coco_images, coco_names, work / "coco", set(coco_names))
        # Each train photo's pooled features: [original, augmented views...] (see `augment`).
        augmented, augmented_names = load_features(work / "augmented.npy")
        train_names = [n for n in names if n in set((shared / "datasets/flickr8k-224/train.txt").read_text().split())]
        row = {n: i for i, n in enumerate(augmented_names)}
        self.views = np.stack([self.splits["train"]["pooled"]] + [
            augmented[[row[f"{Path(n).stem}~{k}.png"] for n in train_names], :POOLED_WIDTH] for k in range(AUGMENTED_VIEWS)], axis=1)

    @staticmethod
    def _split(images, names, prefix, wanted):
        captions, _ = load_features(str(prefix) + "-captions.npy")
        owners = [line.split("\t", 1)[0] for line in Path(str(prefix) + "-captions.tsv").read_text(encoding="utf-8").splitlines()]
        keep = [i for i, n in enumerate(names) if n in wanted]
        index = {names[i]: k for k, i in enumerate(keep)}
        rows = [j for j, owner in enumerate(owners) if owner in index]
        return {
            "pooled": images[keep, :POOLED_WIDTH],
            "logits": images[keep, POOLED_WIDTH:POOLED_WIDTH + CLASSES],
            "text": captions[rows, :TEXT_WIDTH],
            "owner": np.array([index[owners[j]] for j in rows]),
        }


class Head(torch.nn.Module):
    """One linear projection per tower into a shared `width`-dimensional space."""

    def __init__(self, width):
        super().__init__()
        self.image = torch.nn.Linear(POOLED_WIDTH, width)
        self.text = torch.nn.Linear(TEXT_WIDTH, width)
        self.log_scale = torch.nn.Parameter(torch.tensor(np.log(1 / 0.07), dtype=torch.float32))

    def forward(self, pooled, text):
        image = self.image(torch.nn.functional.normalize(pooled, dim=-1))
        return torch.nn.functional.normalize(image, dim=-1), torch.nn.functional.normalize(self.text(text), dim=-1)

    def loss(self, image, text):
        logits = self.log_scale.clamp(max=np.log(100)).exp() * image @ text.T
        target = torch.arange(len(image))
        return (torch.nn.functional.cross_entropy(logits, target) + torch.nn.functional.cross_entropy(logits.T, target)) / 2


class Ensemble:
    """Heads trained apart (each its own seed); their concatenated, per-part normalised outputs, scaled by
    1/sqrt(heads), score the mean of the heads' cosines in one dot product."""

    def __init__(self, heads):
        self.heads = heads

    def __call__(self, pooled, text):
        with torch.no_grad():
            parts = [head(pooled, text) for head in self.heads]
        scale = 1 / np.sqrt(len(self.heads))
        return (scale * np.hstack([p[0].numpy() for p in parts]), scale * np.hstack([p[1].numpy() for p in parts]))

    def weights(self, side):
        layers = [getattr(head, side) for head in self.heads]
        return (np.hstack([l.weight.detach().numpy().T for l in layers]), np.hstack([l.bias.detach().numpy() for l in layers]))


def fit_ensemble(data, settings, seed):
    return Ensemble([fit_head(data, settings, seed * 1000 + k) for k in range(settings["heads"])])


def fit_head(data, settings, seed):
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    train = data.splits["train"]
    head = Head(settings["width"])
    optimizer = torch.optim.AdamW(head.parameters(), lr=settings["lr"], weight_decay=settings["weight_decay"])
    views, text = torch.tensor(data.views), torch.tensor(train["text"])
    prototypes = torch.tensor(data.prototypes)
    prompts = torch.tensor(data.prompts[settings["template"]])
    by_photo = [np.flatnonzero(train["owner"] == p) for p in range(len(views))]
    batch = settings["batch"]
    for _ in range(settings["epochs"]):
        order = rng.permutation(len(views))
        class_order = rng.permutation(CLASSES)
        for step in range(max(1, len(order) // batch)):
            photos = order[step * batch:(step + 1) * batch]
            captions = np.array([rng.choice(by_photo[p]) for p in photos])
            view = np.where(rng.random(len(photos)) < settings["original_view"], 0, rng.integers(1, views.shape[1], len(photos)))
            loss = head.loss(*head(views[photos, view], text[captions]))
            if settings["class_pairs"] > 0:
                classes = class_order[step * batch:(step + 1) * batch] if step * batch < CLASSES else rng.choice(CLASSES, batch, replace=False)
                loss = loss + settings["class_pairs"] * head.loss(*head(prototypes[classes], prompts[classes]))
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
    return head


def probabilities(logits, temperature):
    scaled = logits / temperature
    p = np.exp(scaled - scaled.max(axis=1, keepdims=True))
    return p / p.sum(axis=1, keepdims=True)


def label_route(data, split, settings):
    """The zero-training route, centred on the training photos and captions (centring spreads the cosines
    that the shared "a photo of" direction squeezes together): (image side, text side)."""
    classes = data.prompts[settings["template"]]
    train = data.splits["train"]
    image_center = settings["center"] * unit(probabilities(train["logits"], settings["temperature"]) @ classes).mean(axis=0)
    text_center = settings["center"] * train["text"].mean(axis=0)
    image = unit(unit(probabilities(split["logits"], settings["temperature"]) @ classes) - image_center)
    return image, unit(split["text"] - text_center), image_center, text_center


def embed(ensemble, data, split, settings):
    image, text = ensemble(torch.tensor(split["pooled"]), torch.tensor(split["text"]))
    label_image, label_text, _, _ = label_route(data, split, settings)
    w = np.sqrt(settings["label_weight"])
    return np.hstack([image, w * label_image]), np.hstack([text, w * label_text])


def recall(images, texts, owner):
    """Text->image and image->text Recall@1/5/10 (percent) and median ranks, the standard protocol."""
    scores = texts @ images.T
    correct = scores[np.arange(len(texts)), owner]
    t2i_rank = (scores > correct[:, None]).sum(axis=1) + 1
    i2t_rank = np.array([((scores[:, p] > scores[owner == p, p].max()).sum() + 1) for p in range(len(images))])
    result = {}
    for name, ranks in (("text_to_image", t2i_rank), ("image_to_text", i2t_rank)):
        for k in (1, 5, 10):
            result[f"{name}_r{k}"] = 100.0 * np.mean(ranks <= k)
        result[f"{name}_median"] = float(np.median(ranks))
    return result


def score(r):
    return np.mean([r[f"{d}_r{k}"] for d in ("text_to_image", "image_to_text") for k in (1, 5, 10)])


def selection_score(head, data, settings):
    return np.mean([score(recall(*embed(head, data, data.splits[s], settings), data.splits[s]["owner"])) for s in ("dev", "coco")])


def fit(args):
    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True)
    data = Data(args.shared, args.work)
    best = {"width": 256, "heads": 3, "lr": 1e-3, "weight_decay": 0.1, "batch": 128, "epochs": 20, "class_pairs": 1.0,
            "original_view": 0.3, "template": "photo", "temperature": 1.0, "label_weight": 0.5, "center": 1.0}
    grid = {"epochs": [15, 20, 30], "width": [128, 256], "class_pairs": [0.5, 1.0], "template": list(TEMPLATES)}
    # One axis at a time around the current best (a coordinate search; the full grid is 36 trainings).
    for axis, values in grid.items():
        results = []
        for value in values:
            settings = {**best, axis: value}
            results.append((selection_score(fit_ensemble(data, settings, args.seed), data, settings), value))
            print(f"{axis}={value}: selection score {results[-1][0]:.2f}", flush=True)
        best[axis] = max(results, key=lambda r: r[0])[1]
    head = fit_ensemble(data, best, args.seed)
    for axis, values in (("temperature", [0.5, 1.0, 2.0]), ("center", [0.0, 0.5, 1.0]), ("label_weight", [0.0, 0.25, 0.5, 0.75, 1.0])):
        results = [(selection_score(head, data, {**best, axis: v}), v) for v in values]
        print(f"{axis}: " + ", ".join(f"{v}: {s:.2f}" for s, v in results), flush=True)
        best[axis] = max(results, key=lambda r: r[0])[1]
    print("chosen:", json.dumps(best))
    report = {split: recall(*embed(head, data, data.splits[split], best), data.splits[split]["owner"]) for split in ("dev", "test", "coco")}
    for split, r in report.items():
        print(f"{split:5} text->image R@1/5/10 {r['text_to_image_r1']:.1f}/{r['text_to_image_r5']:.1f}/{r['text_to_image_r10']:.1f}"
              f"  image->text {r['image_to_text_r1']:.1f}/{r['image_to_text_r5']:.1f}/{r['image_to_text_r10']:.1f}")
    _, _, image_center, text_center = label_route(data, data.splits["train"], best)
    (image_w, image_b), (text_w, text_b) = head.weights("image"), head.weights("text")
    np.savez(Path(args.work) / "head.npz", image_w=image_w, image_b=image_b, text_w=text_w, text_b=text_b,
             heads=np.int64(best["heads"]), class_vectors=data.prompts[best["template"]],
             image_center=image_center.astype(np.float32), text_center=text_center.astype(np.float32),
             label_temperature=np.float32(best["temperature"]), label_weight=np.float32(best["label_weight"]))
    (Path(args.work) / "head.json").write_text(json.dumps({"settings": best, "seed": args.seed, "python_recall": report}, indent=2) + "\n")


def augment(args):
    """Seeded views of each Flickr8k train photo: a mirror image and five random crops (half to all of the
    area, aspect 3:4 to 4:3, mirrored at random), as PNG so no new JPEG loss is added."""
    from PIL import Image, ImageOps
    shared, out = Path(args.shared), Path(args.work) / "augmented"
    out.mkdir(parents=True, exist_ok=True)
    train = set((shared / "datasets/flickr8k-224/train.txt").read_text().split())
    rng = np.random.default_rng(args.seed)
    for path in sorted((shared / "datasets/flickr8k-224/images-partial").iterdir()):
        if path.name not in train:
            continue
        image = ImageOps.exif_transpose(Image.open(path)).convert("RGB")
        width, height = image.size
        views = [ImageOps.mirror(image)]
        for _ in range(AUGMENTED_VIEWS - 1):
            area, aspect = rng.uniform(0.5, 1.0) * width * height, np.exp(rng.uniform(np.log(3 / 4), np.log(4 / 3)))
            w, h = int(round(min(width, np.sqrt(area * aspect)))), int(round(min(height, np.sqrt(area / aspect))))
            x, y = rng.integers(0, width - w + 1), rng.integers(0, height - h + 1)
            view = image.crop((x, y, x + w, y + h))
            views.append(ImageOps.mirror(view) if rng.random() < 0.5 else view)
        for k, view in enumerate(views):
            view.save(out / f"{path.stem}~{k}.png")
    print(f"{len(list(out.iterdir()))} views in {out}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    for name in ("texts", "augment", "fit"):
        command = commands.add_parser(name)
        command.add_argument("--shared", required=True)
        if name != "texts":
            command.add_argument("--seed", type=int, default=1)
        command.add_argument("work")
    args = parser.parse_args()
    {"texts": texts, "augment": augment, "fit": fit}[args.command](args)


if __name__ == "__main__":
    main()
