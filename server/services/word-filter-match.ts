/**
 * Word filter matching without user-supplied regular expressions (no ReDoS): the message is
 * split into words once (a linear scan), and each term — one or more words, each optionally
 * starting or ending with `*` — is compared word by word.
 *
 * Both sides are folded the same way before comparing (`fold`): compatibility decomposition
 * (NFKD, so full-width and ligature forms become plain letters), invisible characters removed
 * (format characters such as zero-width space, soft hyphen, word joiner; combining marks, so
 * "ba\u0301d" is "bad"; the Hangul fillers), lower case. The message is folded code point by
 * code point with each folded unit remembering where it came from, so a masked span covers the
 * original characters, hidden ones included.
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
/** Characters that draw nothing and are dropped before matching. */
const INVISIBLE = /[\p{Cf}\p{M}\u115F\u1160\u3164\uFFA0]/gu;
const ASCII_ONLY = /^[\u0000-\u007F]*$/;

/** Folded non-ASCII code points, remembered (bounded): normalising each one anew dominated the cost. */
const pieces = new Map<string, string>();
const PIECES_MAX = 20_000;

function foldPiece(cp: string): string {
  if (cp.length === 1 && cp.charCodeAt(0) < 0x80) return cp.toLowerCase();
  let piece = pieces.get(cp);
  if (piece === undefined) {
    piece = cp.normalize("NFKD").toLowerCase().replace(INVISIBLE, "");
    if (pieces.size >= PIECES_MAX) pieces.clear();
    pieces.set(cp, piece);
  }
  return piece;
}

/** A term or a message folded for matching, with the original [start, end) of each folded UTF-16 unit. */
export interface Folded {
  text: string;
  from: number[];
  to: number[];
}

export function fold(s: string): Folded {
  if (ASCII_ONLY.test(s)) {
    const idx = Array.from({ length: s.length }, (_, i) => i);
    return { text: s.toLowerCase(), from: idx, to: idx.map((i) => i + 1) };
  }
  let text = "";
  const from: number[] = [];
  const to: number[] = [];
  let i = 0;
  for (const cp of s) {
    const piece = foldPiece(cp);
    for (let k = 0; k < piece.length; k++) {
      from.push(i);
      to.push(i + cp.length);
    }
    text += piece;
    i += cp.length;
  }
  return { text, from, to };
}

const norm = (s: string) => fold(s).text;

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
    const folded = fold(body);
    const words: Word[] = [];
    for (const m of folded.text.matchAll(WORD)) words.push({ norm: m[0], start: folded.from[m.index]!, end: folded.to[m.index + m[0].length - 1]! });
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
