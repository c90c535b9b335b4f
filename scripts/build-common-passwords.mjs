#!/usr/bin/env node
// Writes data/common-passwords.txt: the 10,000 most common passwords (lower case, no duplicates),
// in zxcvbn-ts's frequency order, from the installed @zxcvbn-ts/language-common (MIT).
import fs from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { dictionary } = require("@zxcvbn-ts/language-common");
const N = 10_000;
const seen = new Set();
for (const p of dictionary.passwords) {
  seen.add(String(p).toLowerCase());
  if (seen.size === N) break;
}
fs.writeFileSync(new URL("../data/common-passwords.txt", import.meta.url), [...seen].join("\n") + "\n");
console.log(`data/common-passwords.txt: ${seen.size} passwords`);
