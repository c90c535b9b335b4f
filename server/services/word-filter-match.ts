/**
 * Word filter matching without user-supplied regular expressions (no ReDoS): the message is
 * split into words once (a linear scan), and each term — one or more words, each optionally
 * starting or ending with `*` — is compared word by word. Case-insensitive, NFKC-normalised.
 */
export interface FilterTerm {
  term: string;
  mode: "BLOCK" | "MASK";
}

interface TokenPattern {
  text: string;
  prefix: boolean; // "*bad": the word may have anything before
  suffix: boolean; // "bad*": anything after
}

interface CompiledTerm extends FilterTerm {
  tokens: TokenPattern[];
}

interface Word {
  norm: string;
  start: number;
  end: number;
}

const WORD = /[\p{L}\p{N}]+/gu;

const norm = (s: string) => s.normalize("NFKC").toLowerCase();

function compileTerm(t: FilterTerm): CompiledTerm | null {
  const tokens = norm(t.term)
    .split(/[^\p{L}\p{N}*]+/u)
    .filter((w) => /[\p{L}\p{N}]/u.test(w))
    .map((w) => ({ text: w.replace(/\*/g, ""), prefix: w.startsWith("*"), suffix: w.endsWith("*") }));
  return tokens.length ? { ...t, tokens } : null;
}

function tokenMatches(p: TokenPattern, word: string): boolean {
  if (p.prefix && p.suffix) return word.includes(p.text);
  if (p.prefix) return word.endsWith(p.text);
  if (p.suffix) return word.startsWith(p.text);
  return word === p.text;
}

export type FilterResult = { blocked: string } | { blocked: null; body: string };

export class WordMatcher {
  private readonly terms: CompiledTerm[];
  /** Single exact words, looked up directly (the common case). */
  private readonly exact = new Map<string, CompiledTerm>();
  private readonly scanned: CompiledTerm[] = [];

  constructor(terms: FilterTerm[]) {
    this.terms = terms.map(compileTerm).filter((t): t is CompiledTerm => t !== null);
    for (const t of this.terms) {
      const only = t.tokens[0];
      if (t.tokens.length === 1 && only && !only.prefix && !only.suffix) {
        const prev = this.exact.get(only.text);
        if (!prev || t.mode === "BLOCK") this.exact.set(only.text, t);
      } else {
        this.scanned.push(t);
      }
    }
  }

  get size(): number {
    return this.terms.length;
  }

  /** Block (the first blocking term found) or mask every masked span. */
  apply(body: string): FilterResult {
    if (this.terms.length === 0) return { blocked: null, body };
    const words: Word[] = [];
    for (const m of body.matchAll(WORD)) words.push({ norm: norm(m[0]), start: m.index, end: m.index + m[0].length });
    const spans: [number, number][] = [];
    for (let i = 0; i < words.length; i++) {
      const w = words[i]!;
      const hit = this.exact.get(w.norm);
      if (hit) {
        if (hit.mode === "BLOCK") return { blocked: hit.term };
        spans.push([w.start, w.end]);
      }
      for (const t of this.scanned) {
        if (i + t.tokens.length > words.length) continue;
        if (!t.tokens.every((p, k) => tokenMatches(p, words[i + k]!.norm))) continue;
        if (t.mode === "BLOCK") return { blocked: t.term };
        spans.push([w.start, words[i + t.tokens.length - 1]!.end]);
      }
    }
    if (spans.length === 0) return { blocked: null, body };
    // Rebuild with one asterisk per character (code point) of each span.
    let out = "";
    let pos = 0;
    spans.sort((a, b) => a[0] - b[0]);
    for (const [s, e] of spans) {
      if (e <= pos) continue;
      const from = Math.max(s, pos);
      out += body.slice(pos, from) + "*".repeat([...body.slice(from, e)].length);
      pos = e;
    }
    out += body.slice(pos);
    return { blocked: null, body: out };
  }
}
