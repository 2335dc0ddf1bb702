// The ids each replica model's runtime feeds its text graph, from Hugging Face's own tokenizers (npm), on the texts
// build_models.py cleaned as that runtime cleans them: immich pads to the context and truncates at it
// (OpenClipTextualEncoder), transformers.js truncates only.
//   npm install --no-save tokenizers@0.23.2 && node model_ids.mjs
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { Tokenizer } = require("tokenizers");
const models = JSON.parse(readFileSync("models/texts.json", "utf8"));
const result = {};
for (const [name, spec] of Object.entries(models)) {
  const tokenizer = Tokenizer.fromFile(spec.tokenizer);
  if (spec.pad_to_context) {
    tokenizer.setPadding({ maxLength: spec.context, padToken: spec.pad_token, padId: tokenizer.tokenToId(spec.pad_token) });
  }
  tokenizer.setTruncation(spec.context);
  const ids = [], masks = [];
  for (const text of spec.texts) {
    const encoding = await tokenizer.encode(text);
    ids.push(Array.from(encoding.getIds()));
    masks.push(Array.from(encoding.getAttentionMask()));
  }
  result[name] = { ids, masks };
}
writeFileSync("models/ids.json", JSON.stringify(result));
console.log("wrote models/ids.json:", Object.keys(result).join(", "));
