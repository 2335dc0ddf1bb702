// The reference ids of every replica tokenizer, from Hugging Face's own tokenizers (the npm package, the Rust library):
//   npm install --no-save tokenizers@0.23.2 && node reference_ids.mjs
// Each text is encoded with special tokens, untruncated and truncated to CONTEXT, as a model's tokenizer runs it.
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { Tokenizer } = require("tokenizers");
const CONTEXT = 16;
const texts = JSON.parse(readFileSync("texts.json", "utf8"));
const result = { context: CONTEXT, reference: "tokenizers (npm) " + require("tokenizers/package.json").version, texts, tokenizers: {} };
for (const name of readdirSync("tokenizers").sort()) {
  const full = Tokenizer.fromFile(`tokenizers/${name}/tokenizer.json`);
  const cut = Tokenizer.fromFile(`tokenizers/${name}/tokenizer.json`);
  cut.setTruncation(CONTEXT);
  const ids = [], truncated = [];
  for (const text of texts) {
    ids.push(Array.from((await full.encode(text)).getIds()));
    truncated.push(Array.from((await cut.encode(text)).getIds()));
  }
  result.tokenizers[name] = { ids, truncated };
}
writeFileSync("tokenizers/reference_ids.json", JSON.stringify(result, null, 1).replace(/\[\s+([\d,\s]+?)\s+\]/g, (_, inner) => "[" + inner.replace(/\s+/g, "") + "]"));
console.log("wrote tokenizers/reference_ids.json:", Object.keys(result.tokenizers).join(", "));
