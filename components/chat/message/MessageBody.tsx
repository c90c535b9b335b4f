/**
 * A message body as a markdown subset: bold, italic, strike, inline code, code blocks, quotes,
 * lists and links (autolinked too). Rendered by react-markdown into React elements, never into
 * HTML strings, with these safety rules:
 * - raw HTML is never parsed into elements: it shows as the literal text the author typed;
 * - only http, https and mailto links become links, opening in a new tab with
 *   rel="noopener noreferrer"; any other URL leaves plain text;
 * - no images (their alt text shows instead), headings show as bold text, and every element
 *   outside the allowlist is unwrapped to its text.
 */
import { memo, useMemo, type ReactNode } from "react";
import Markdown, { type Components, type ExtraProps } from "react-markdown";
import remarkGfm from "remark-gfm";
import type { MentionedUser } from "@/lib/shared/types";
import { CodeBlock } from "./CodeBlock";
import { MENTION_TAG, MentionPill, rehypeMentionPills } from "./MentionPill";

const SAFE_PROTOCOLS = new Set(["http:", "https:", "mailto:"]);

/** The URL unchanged if absolute with a safe scheme, else "" (the link then renders as text). */
export function safeUrl(value: string): string {
  try {
    return SAFE_PROTOCOLS.has(new URL(value).protocol) ? value : "";
  } catch {
    return "";
  }
}

const ALLOWED = ["p", "br", "strong", "em", "del", "code", "pre", "blockquote", "ul", "ol", "li", "a", "img", "h1", "h2", "h3", "h4", "h5", "h6", MENTION_TAG];

const heading = ({ children }: { children?: ReactNode }) => (
  <p>
    <strong>{children}</strong>
  </p>
);

const components: Components = {
  a: ({ href, children }) =>
    href ? (
      <a href={href} target="_blank" rel="noopener noreferrer" className="font-medium text-indigo-600 underline underline-offset-2 hover:text-indigo-500">
        {children}
      </a>
    ) : (
      <span>{children}</span>
    ),
  img: ({ alt }) => (alt ? <span>{alt}</span> : null),
  h1: heading,
  h2: heading,
  h3: heading,
  h4: heading,
  h5: heading,
  h6: heading,
  p: ({ children }) => <p className="whitespace-pre-wrap">{children}</p>,
  blockquote: ({ children }) => <blockquote className="my-1 border-l-4 border-slate-300 pl-3 text-slate-600">{children}</blockquote>,
  ul: ({ children }) => <ul className="my-1 list-disc pl-6">{children}</ul>,
  ol: ({ children, start }) => (
    <ol start={start} className="my-1 list-decimal pl-6">
      {children}
    </ol>
  ),
  li: ({ children }) => <li className="whitespace-pre-wrap">{children}</li>,
  // A fenced block: its code's text and its ```language, highlighted and copyable by CodeBlock.
  pre: ({ node }) => {
    const code = node?.children.find((c): c is HastElement => c.type === "element" && c.tagName === "code");
    return <CodeBlock code={textOf(code?.children ?? []).replace(/\n$/, "")} language={languageOf(code)} />;
  },
  code: ({ children }) => <code className="rounded bg-slate-100 px-1 py-0.5 font-mono text-[13px] text-rose-700">{children}</code>,
  // Made by rehypeMentionPills only (raw HTML never becomes elements, so a body cannot fake one).
  ...({
    [MENTION_TAG]: ({ node }: ExtraProps) => <MentionPill userId={String(node?.properties.dataUserId ?? "")} name={String(node?.properties.dataName ?? "")} />,
  } as Components),
};

type HastElement = NonNullable<ExtraProps["node"]>;
type ElementContent = HastElement["children"][number];

function textOf(nodes: readonly ElementContent[]): string {
  return nodes.map((n) => (n.type === "text" ? n.value : n.type === "element" ? textOf(n.children) : "")).join("");
}

/** `js` of ```js (remark puts it as the class `language-js`). */
function languageOf(code: HastElement | undefined): string | null {
  const classes = code?.properties.className;
  const list = Array.isArray(classes) ? classes : [];
  const found = list.map(String).find((c) => c.startsWith("language-"));
  return found ? found.slice("language-".length).toLowerCase() : null;
}

const NO_MENTIONS: readonly MentionedUser[] = [];

/** `mentioned`: the mentions recorded with the message; their `@name` tokens render as pills (MentionPill). */
export const MessageBody = memo(function MessageBody({ body, mentioned = NO_MENTIONS }: { body: string; mentioned?: readonly MentionedUser[] }) {
  const rehypePlugins = useMemo(() => (mentioned.length > 0 ? [[rehypeMentionPills, { mentioned }] as [typeof rehypeMentionPills, { mentioned: readonly MentionedUser[] }]] : []), [mentioned]);
  return (
    <Markdown remarkPlugins={[remarkGfm]} rehypePlugins={rehypePlugins} allowedElements={ALLOWED} unwrapDisallowed urlTransform={safeUrl} components={components}>
      {body}
    </Markdown>
  );
});
