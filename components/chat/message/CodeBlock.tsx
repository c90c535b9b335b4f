"use client";

/**
 * A fenced code block of a message: shown as plain text at once, then highlighted when the
 * highlighter (loaded lazily, its own chunk) has arrived; a "Copy code" button copies the code.
 * The highlighted tokens become React elements (spans with classes), never an HTML string.
 */
import { useTranslations } from "next-intl";
import { useEffect, useState, type ReactNode } from "react";
import type { CodeToken } from "@/lib/client/highlight";

type Highlighted = { language: string; tokens: CodeToken[] };

function render(tokens: readonly CodeToken[]): ReactNode[] {
  return tokens.map((t, i) => (typeof t === "string" ? t : <span key={i} className={t.className}>{render(t.children)}</span>));
}

export function CodeBlock({ code, language }: { code: string; language: string | null }) {
  const [highlighted, setHighlighted] = useState<{ code: string; result: Highlighted | null } | null>(null);
  const t = useTranslations("messages.code");
  const [copied, setCopied] = useState(false);

  useEffect(() => {
    let live = true;
    import("@/lib/client/highlight").then(
      ({ highlightCode }) => live && setHighlighted({ code, result: highlightCode(code, language) }),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [code, language]);

  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 2000);
    return () => clearTimeout(timer);
  }, [copied]);

  const result = highlighted?.code === code ? highlighted.result : null;
  return (
    <div className="group/code relative my-1" data-testid="code-block" data-language={result?.language}>
      {/* The dark theme mirrors the slate palette (slate-900 turns light): there the block keeps
          github-dark's own surface and text, which its token colours are made for (AA contrast). */}
      {/* Focusable: a long line scrolls sideways, and keyboard users must be able to scroll it too. */}
      <pre tabIndex={0} className="overflow-x-auto rounded-md bg-slate-900 p-3 pr-16 font-mono text-[13px] leading-5 text-slate-100 focus-visible:outline-2 focus-visible:outline-indigo-400 dark:border dark:border-[#30363d] dark:bg-[#0d1117] dark:text-[#e6edf3]">
        <code data-highlighted={result ? "true" : undefined}>{result ? render(result.tokens) : code}</code>
      </pre>
      <button
        type="button"
        onClick={() => void navigator.clipboard?.writeText(code).then(() => setCopied(true), () => undefined)}
        aria-label={copied ? t("copiedLabel") : t("copyLabel")}
        className="absolute top-1.5 right-1.5 rounded-md bg-slate-700/80 px-2 py-1 text-xs font-medium text-slate-100 hover:bg-slate-600 focus-visible:outline-2 focus-visible:outline-indigo-400 dark:bg-[#30363d] dark:text-[#e6edf3] dark:hover:bg-[#484f58]"
      >
        {copied ? t("copied") : t("copy")}
      </button>
    </div>
  );
}
