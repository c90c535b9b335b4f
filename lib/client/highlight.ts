/**
 * Syntax highlighting for fenced code in messages: highlight.js core with a few common
 * languages. Import this module only with a dynamic `import()` (CodeBlock does), so neither
 * highlight.js nor its theme reach the main bundle.
 */
import hljs from "highlight.js/lib/core";
import bash from "highlight.js/lib/languages/bash";
import css from "highlight.js/lib/languages/css";
import diff from "highlight.js/lib/languages/diff";
import go from "highlight.js/lib/languages/go";
import java from "highlight.js/lib/languages/java";
import javascript from "highlight.js/lib/languages/javascript";
import json from "highlight.js/lib/languages/json";
import python from "highlight.js/lib/languages/python";
import rust from "highlight.js/lib/languages/rust";
import sql from "highlight.js/lib/languages/sql";
import typescript from "highlight.js/lib/languages/typescript";
import xml from "highlight.js/lib/languages/xml";
import yaml from "highlight.js/lib/languages/yaml";
import "highlight.js/styles/github-dark.css";

const LANGUAGES = { bash, css, diff, go, java, javascript, json, python, rust, sql, typescript, xml, yaml };
for (const [name, language] of Object.entries(LANGUAGES)) hljs.registerLanguage(name, language);

/** One piece of highlighted code: plain text, or a token with highlight.js classes around its parts. */
export type CodeToken = string | { className: string; children: CodeToken[] };

/** Longest code we highlight; longer blocks stay plain (highlighting is synchronous). */
const MAX_HIGHLIGHT = 20_000;

/**
 * `code` as tokens: in `language` when it is one we know (aliases such as `ts`, `sh`, `html`
 * included), else auto-detected among ours; null when nothing fits. The tokens are read back
 * from highlight.js's escaped HTML by the DOM parser and carry only text and class names.
 */
export function highlightCode(code: string, language: string | null): { language: string; tokens: CodeToken[] } | null {
  if (code.length > MAX_HIGHLIGHT) return null;
  // The registered name (`typescript` for `ts`), so the block says which language it was read as.
  const known = language ? (Object.keys(LANGUAGES).find((name) => hljs.getLanguage(name) === hljs.getLanguage(language)) ?? null) : null;
  if (language && !known) return null;
  const result = known ? hljs.highlight(code, { language: known, ignoreIllegals: true }) : hljs.highlightAuto(code);
  if (!result.language || (!known && result.relevance < 5)) return null;
  const doc = new DOMParser().parseFromString(`<pre>${result.value}</pre>`, "text/html");
  const root = doc.body.firstElementChild;
  return root ? { language: result.language, tokens: tokensOf(root) } : null;
}

function tokensOf(node: Element): CodeToken[] {
  const out: CodeToken[] = [];
  node.childNodes.forEach((child) => {
    if (child.nodeType === Node.TEXT_NODE) out.push(child.textContent ?? "");
    else if (child instanceof Element) out.push({ className: child.getAttribute("class") ?? "", children: tokensOf(child) });
  });
  return out;
}
