#!/usr/bin/python3
"""Builds the replica tokenizers the tests load, in the tokenizer.json shapes real exports ship.

Run with Debian's python3 (python3-sentencepiece, python3-protobuf) from the project root, beside ../shared:
    /usr/bin/python3 tests/replicas/build_tokenizers.py
then the reference ids with Hugging Face's own tokenizers (the npm package, the Rust library immich uses):
    (cd tests/replicas && npm install --no-save tokenizers@0.23.2 && node reference_ids.mjs)

  clip-bpe/         byte-level BPE as openai/clip-vit-* ships it (NFC, whitespace, lowercase; CLIP's split; </w>),
                    a subset of the real CLIP vocabulary: the byte alphabet and the first 6,000 merges
  siglip-unigram/   SentencePiece unigram as SigLIP / T5 ship it (Precompiled nmt_nfkc charsmap, Metaspace, "$A </s>")
  gemma-bpe/        SentencePiece BPE with byte fallback as Gemma / SigLIP2 ship it ("<bos> $A")
  bert-wordpiece/   BERT WordPiece (BertNormalizer, BertPreTokenizer, "[CLS] $A [SEP]") over the bundled MiniLM vocab.txt
Each folder also keeps the SentencePiece .model it came from, where there is one, for the .model loader's tests.
"""
import io
import json
import os
import pathlib

import sentencepiece as spm
from sentencepiece import sentencepiece_model_pb2 as model_pb2

ROOT = pathlib.Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
OUT = pathlib.Path(__file__).resolve().parent / "tokenizers"

# A few sentences beyond English so the vocabularies hold some non-ASCII pieces; the rest must come from byte
# fallback or the unknown token, which is what the tests want to see.
EXTRA = [
    "Die Hunde spielen im Schnee über der Straße.", "El niño está jugando en la playa con su perro.",
    "Une femme marche dans la rue près du café.", "一只狗在海滩上奔跑。", "我们去吃火锅吧。", "猫在沙发上睡觉。",
]


def corpus():
    lines = []
    for line in (SHARED / "datasets" / "flickr8k-224" / "captions.txt").read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) == 2:
            lines.append(parts[1].strip())
    return lines[:20000] + EXTRA * 50


def train(model_type, vocab_size, **extra):
    stream = io.BytesIO()
    spm.SentencePieceTrainer.train(sentence_iterator=iter(corpus()), model_writer=stream, model_type=model_type,
                                   vocab_size=vocab_size, character_coverage=0.9995, num_threads=2,
                                   minloglevel=2, **extra)
    proto = model_pb2.ModelProto()
    proto.ParseFromString(stream.getvalue())
    return stream.getvalue(), proto


def added(token_id, content, normalized=False):
    return {"id": token_id, "content": content, "single_word": False, "lstrip": False, "rstrip": False,
            "normalized": normalized, "special": True}


def template(prefix, suffix, ids):
    single = [{"SpecialToken": {"id": t, "type_id": 0}} for t in prefix] + [{"Sequence": {"id": "A", "type_id": 0}}] + \
             [{"SpecialToken": {"id": t, "type_id": 0}} for t in suffix]
    pair = single + [{"Sequence": {"id": "B", "type_id": 1}}] + [{"SpecialToken": {"id": t, "type_id": 1}} for t in suffix]
    return {"type": "TemplateProcessing", "single": single, "pair": pair,
            "special_tokens": {t: {"id": t, "ids": [ids[t]], "tokens": [t]} for t in prefix + suffix}}


def write(name, tokenizer, config, model_bytes=None, model_name=None):
    folder = OUT / name
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "tokenizer.json").write_text(json.dumps(tokenizer, ensure_ascii=False, indent=1), encoding="utf-8")
    (folder / "tokenizer_config.json").write_text(json.dumps(config, indent=1), encoding="utf-8")
    if model_bytes is not None:
        (folder / model_name).write_bytes(model_bytes)


def clip_bpe():
    vocab_json = json.loads((SHARED / "golden" / "clip-vocab" / "vocab.json").read_text(encoding="utf-8"))
    merges = [line for line in (SHARED / "golden" / "clip-vocab" / "merges.txt").read_text(encoding="utf-8").splitlines()
              if line and not line.startswith("#version")][:6000]
    # The real file's first 512 entries are the byte alphabet, alone and with </w>, in CLIP's order.
    ordered = sorted(vocab_json.items(), key=lambda kv: kv[1])[:512]
    vocab = {token: index for index, (token, _) in enumerate(ordered)}
    for merge in merges:
        left, right = merge.split(" ")
        vocab.setdefault(left + right, len(vocab))
    start, end = len(vocab), len(vocab) + 1
    vocab["<|startoftext|>"], vocab["<|endoftext|>"] = start, end
    tokenizer = {
        "version": "1.0", "truncation": None, "padding": None,
        "added_tokens": [added(start, "<|startoftext|>", True), added(end, "<|endoftext|>")],
        "normalizer": {"type": "Sequence", "normalizers": [
            {"type": "NFC"}, {"type": "Replace", "pattern": {"Regex": "\\s+"}, "content": " "}, {"type": "Lowercase"}]},
        "pre_tokenizer": {"type": "Sequence", "pretokenizers": [
            {"type": "Split", "pattern": {"Regex": "<\\|startoftext\\|>|<\\|endoftext\\|>|'s|'t|'re|'ve|'m|'ll|'d|[\\p{L}]+|[\\p{N}]|[^\\s\\p{L}\\p{N}]+"},
             "behavior": "Removed", "invert": True},
            {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True, "use_regex": False}]},
        "post_processor": {"type": "RobertaProcessing", "sep": ["<|endoftext|>", end], "cls": ["<|startoftext|>", start],
                           "trim_offsets": False, "add_prefix_space": False},
        "decoder": {"type": "ByteLevel", "add_prefix_space": True, "trim_offsets": True, "use_regex": True},
        "model": {"type": "BPE", "dropout": None, "unk_token": "<|endoftext|>", "continuing_subword_prefix": "",
                  "end_of_word_suffix": "</w>", "fuse_unk": False, "byte_fallback": False, "ignore_merges": False,
                  "vocab": vocab, "merges": [m.split(" ") for m in merges]},
    }
    write("clip-bpe", tokenizer, {"tokenizer_class": "CLIPTokenizer", "pad_token": "<|endoftext|>", "model_max_length": 77})


def siglip_unigram():
    data, proto = train("unigram", 2000, pad_id=0, eos_id=1, unk_id=2, bos_id=-1, pad_piece="<pad>", eos_piece="</s>",
                        unk_piece="<unk>", normalization_rule_name="nmt_nfkc")
    pieces = [[p.piece, p.score] for p in proto.pieces]
    import base64
    tokenizer = {
        "version": "1.0", "truncation": None, "padding": None,
        "added_tokens": [added(0, "<pad>"), added(1, "</s>"), added(2, "<unk>")],
        "normalizer": {"type": "Sequence", "normalizers": [
            {"type": "Precompiled", "precompiled_charsmap": base64.b64encode(proto.normalizer_spec.precompiled_charsmap).decode()},
            {"type": "Strip", "strip_left": False, "strip_right": True},
            {"type": "Replace", "pattern": {"Regex": " {2,}"}, "content": "\u2581"}]},
        "pre_tokenizer": {"type": "Metaspace", "replacement": "\u2581", "prepend_scheme": "always", "split": True},
        "post_processor": template([], ["</s>"], {"</s>": 1}),
        "decoder": {"type": "Metaspace", "replacement": "\u2581", "prepend_scheme": "always", "split": True},
        "model": {"type": "Unigram", "unk_id": 2, "vocab": pieces, "byte_fallback": False},
    }
    write("siglip-unigram", tokenizer, {"tokenizer_class": "SiglipTokenizer", "pad_token": "</s>", "model_max_length": 64},
          data, "spiece.model")


def gemma_bpe():
    data, proto = train("bpe", 1500, pad_id=0, eos_id=1, bos_id=2, unk_id=3, pad_piece="<pad>", eos_piece="<eos>",
                        bos_piece="<bos>", unk_piece="<unk>", byte_fallback=True, normalization_rule_name="identity",
                        add_dummy_prefix=False, split_digits=True)
    vocab = {p.piece: i for i, p in enumerate(proto.pieces)}
    # Hugging Face's SentencePieceExtractor: every split of a piece into two pieces, ranked by the merged piece's score.
    merges = []
    for piece in sorted(vocab, key=lambda p: -proto.pieces[vocab[p]].score):
        local = [(piece[:i], piece[i:]) for i in range(1, len(piece)) if piece[:i] in vocab and piece[i:] in vocab]
        merges.extend(sorted(local, key=lambda lr: (vocab[lr[0]], vocab[lr[1]])))
    tokenizer = {
        "version": "1.0", "truncation": None, "padding": None,
        "added_tokens": [added(0, "<pad>"), added(1, "<eos>"), added(2, "<bos>"), added(3, "<unk>")],
        "normalizer": {"type": "Replace", "pattern": {"String": " "}, "content": "\u2581"},
        "pre_tokenizer": {"type": "Split", "pattern": {"String": " "}, "behavior": "MergedWithPrevious", "invert": False},
        "post_processor": template(["<bos>"], [], {"<bos>": 2}),
        "decoder": {"type": "Sequence", "decoders": [{"type": "ByteFallback"}, {"type": "Fuse"}]},
        "model": {"type": "BPE", "dropout": None, "unk_token": "<unk>", "continuing_subword_prefix": None,
                  "end_of_word_suffix": None, "fuse_unk": True, "byte_fallback": True, "ignore_merges": False,
                  "vocab": vocab, "merges": [list(m) for m in merges]},
    }
    write("gemma-bpe", tokenizer, {"tokenizer_class": "GemmaTokenizer", "pad_token": "<pad>", "model_max_length": 64},
          data, "tokenizer.model")


def bert_wordpiece():
    words = (ROOT / "data" / "models" / "minilm-mobilenetv2" / "vocab.txt").read_text(encoding="utf-8").splitlines()
    vocab = {w: i for i, w in enumerate(words)}
    specials = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
    tokenizer = {
        "version": "1.0", "truncation": {"direction": "Right", "max_length": 128, "strategy": "LongestFirst", "stride": 0},
        "padding": None,
        "added_tokens": [added(vocab[t], t) for t in specials],
        "normalizer": {"type": "BertNormalizer", "clean_text": True, "handle_chinese_chars": True, "strip_accents": None, "lowercase": True},
        "pre_tokenizer": {"type": "BertPreTokenizer"},
        "post_processor": template(["[CLS]"], ["[SEP]"], vocab),
        "decoder": {"type": "WordPiece", "prefix": "##", "cleanup": True},
        "model": {"type": "WordPiece", "unk_token": "[UNK]", "continuing_subword_prefix": "##", "max_input_chars_per_word": 100, "vocab": vocab},
    }
    write("bert-wordpiece", tokenizer, {"tokenizer_class": "BertTokenizer", "pad_token": "[PAD]", "model_max_length": 128})


def sentencepiece_reference():
    """The ids the SentencePiece library itself gives with each .model, the start token in front where the model has
    one (Gemma), else the end token behind (T5, SigLIP): the reference for exports that ship only the .model."""
    texts = json.loads((pathlib.Path(__file__).resolve().parent / "texts.json").read_text(encoding="utf-8"))
    result = {"texts": texts, "reference": "sentencepiece (python) " + spm.__version__, "models": {}}
    for folder, file in (("siglip-unigram", "spiece.model"), ("gemma-bpe", "tokenizer.model")):
        sp = spm.SentencePieceProcessor(model_file=str(OUT / folder / file))
        ids = []
        for text in texts:
            body = sp.encode(text)
            ids.append(([sp.bos_id()] + body) if sp.bos_id() >= 0 else (body + [sp.eos_id()]))
        result["models"][f"{folder}/{file}"] = ids
    (OUT / "sentencepiece_ids.json").write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    clip_bpe()
    siglip_unigram()
    gemma_bpe()
    bert_wordpiece()
    sentencepiece_reference()
    for folder in sorted(p for p in OUT.iterdir() if p.is_dir()):
        print(folder.name, sum(f.stat().st_size for f in folder.iterdir()), "bytes")
