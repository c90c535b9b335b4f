/** The generated-checked tables of a doc: the rows between `<!-- api-doc:<marker>:start -->` and its end marker. */
export function tableRows(doc: string, marker: string): string[][] {
  const start = doc.indexOf(`<!-- api-doc:${marker}:start -->`);
  const end = doc.indexOf(`<!-- api-doc:${marker}:end -->`);
  if (start < 0 || end < start) throw new Error(`the doc lacks the api-doc:${marker} markers`);
  return doc
    .slice(start, end)
    .split("\n")
    .filter((l) => l.startsWith("| `"))
    .map((l) => l.split(/(?<!\\)\|/).slice(1, -1).map((c) => c.trim()));
}
