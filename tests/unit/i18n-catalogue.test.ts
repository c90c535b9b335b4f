/**
 * The message catalogues (docs/i18n.md): every language has exactly the keys of English, each
 * message parses as ICU, and a translation uses the same arguments (names and kinds: plain,
 * plural, select, number, date, time) as the English message, so no value goes missing or is
 * formatted differently in one language.
 */
import { readFileSync } from "node:fs";
import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { describe, expect, it } from "vitest";
import { DEFAULT_LOCALE, LOCALES } from "@/lib/shared/locales";

type Catalogue = { [key: string]: string | Catalogue };

function load(locale: string): Catalogue {
  return JSON.parse(readFileSync(new URL(`../../messages/${locale}.json`, import.meta.url), "utf8")) as Catalogue;
}

function flatten(cat: Catalogue, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(cat)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === "string") out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

const KIND: Partial<Record<TYPE, string>> = { [TYPE.argument]: "arg", [TYPE.number]: "number", [TYPE.date]: "date", [TYPE.time]: "time", [TYPE.plural]: "plural", [TYPE.select]: "select", [TYPE.tag]: "tag" };

/** "name:kind" for every argument and rich-text tag of a message, nested ones included. */
function argumentsOf(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const el of elements) {
    const kind = KIND[el.type];
    if (kind && "value" in el && typeof el.value === "string") into.add(`${el.value}:${kind}`);
    if (el.type === TYPE.plural || el.type === TYPE.select) for (const option of Object.values(el.options)) argumentsOf(option.value, into);
    if (el.type === TYPE.tag) argumentsOf(el.children, into);
  }
  return into;
}

const reference = flatten(load(DEFAULT_LOCALE));

describe("message catalogues", () => {
  it("English is not empty and every English message is valid ICU", () => {
    expect(reference.size).toBeGreaterThan(50);
    for (const [key, message] of reference) expect(() => parse(message), key).not.toThrow();
  });

  for (const locale of LOCALES.filter((l) => l !== DEFAULT_LOCALE)) {
    it(`${locale} has exactly the keys of English`, () => {
      const keys = [...flatten(load(locale)).keys()].sort();
      expect(keys).toEqual([...reference.keys()].sort());
    });

    it(`${locale} uses the same ICU arguments as English in every message, and none is left empty`, () => {
      const translated = flatten(load(locale));
      for (const [key, english] of reference) {
        const message = translated.get(key);
        if (message === undefined) continue; // reported by the key test
        expect(message.trim(), key).not.toBe("");
        expect([...argumentsOf(parse(message))].sort(), key).toEqual([...argumentsOf(parse(english))].sort());
      }
    });
  }

  it("a mismatch is caught: a missing argument or a plain argument for a plural differ", () => {
    const sig = (m: string) => [...argumentsOf(parse(m))].sort();
    expect(sig("{count, plural, one {# Antwort} other {# Antworten}}")).toEqual(sig("{count, plural, one {# reply} other {# replies}}"));
    expect(sig("{count} Antworten")).not.toEqual(sig("{count, plural, one {# reply} other {# replies}}"));
    expect(sig("Antworten")).not.toEqual(sig("{count} replies"));
  });
});
