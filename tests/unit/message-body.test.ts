/** The markdown renderer against ordinary and hostile bodies, rendered to static markup. */
import { NextIntlClientProvider } from "next-intl";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { MessageBody, safeUrl } from "@/components/chat/message/MessageBody";
import messages from "@/messages/en.json";

// A code block's "Copy code" button is worded by the catalogue: render inside its provider, in English.
// eslint-disable-next-line react/no-children-prop -- a .ts file has no JSX: the child goes in the typed props
const render = (body: string) => renderToStaticMarkup(createElement(NextIntlClientProvider, { locale: "en", messages, timeZone: "UTC", children: createElement(MessageBody, { body }) }));

/** Every tag name in the markup. */
const tags = (html: string) => [...html.matchAll(/<([a-z0-9]+)[\s>/]/gi)].map((m) => m[1]!.toLowerCase());
const ALLOWED_TAGS = new Set(["p", "strong", "em", "del", "code", "pre", "blockquote", "ul", "ol", "li", "a", "span", "br", "div", "button"]);

/** No element outside the allowlist, no event handler, style or srcdoc attribute, no unsafe href. */
function expectSafe(html: string) {
  for (const t of tags(html)) expect(ALLOWED_TAGS.has(t), `unexpected <${t}> in ${html}`).toBe(true);
  expect(html).not.toMatch(/<[^>]*\son[a-z]+\s*=/i);
  expect(html).not.toMatch(/<[^>]*\s(style|srcdoc|src|formaction)\s*=/i);
  for (const m of html.matchAll(/href="([^"]*)"/g)) expect(m[1]).toMatch(/^(https?:|mailto:)/);
}

describe("MessageBody formatting", () => {
  it("renders the supported subset", () => {
    const html = render("**bold** *it* _also_ ~~gone~~ `x < y`\n\n> quoted\n\n- one\n- two\n\n1. first\n2. second\n\n```\nconst a = 1;\n```");
    expect(html).toContain("<strong>bold</strong>");
    expect(html).toContain("<em>it</em>");
    expect(html).toContain("<em>also</em>");
    expect(html).toContain("<del>gone</del>");
    expect(html).toMatch(/<code[^>]*>x &lt; y<\/code>/);
    expect(html).toMatch(/<blockquote[^>]*>\s*<p[^>]*>quoted<\/p>/);
    expect(html).toMatch(/<ul[^>]*>\s*<li[^>]*>one<\/li>\s*<li[^>]*>two<\/li>/);
    expect(html).toMatch(/<ol[^>]*>\s*<li[^>]*>first<\/li>/);
    expect(html).toMatch(/<pre[^>]*><code[^>]*>const a = 1;<\/code><\/pre>/);
    expect(html).toMatch(/<button[^>]*aria-label="Copy code"/);
    expectSafe(html);
  });

  it("links: explicit and autolinked, new tab, noopener noreferrer", () => {
    const html = render("see [docs](https://example.com/a?b=1) or www.example.org or https://x.test/path and mail ada@example.com");
    expect(html).toContain('<a href="https://example.com/a?b=1" target="_blank" rel="noopener noreferrer"');
    expect(html).toContain('href="http://www.example.org"');
    expect(html).toContain('href="https://x.test/path"');
    expect(html).toContain('href="mailto:ada@example.com"');
    for (const a of html.match(/<a [^>]*>/g) ?? []) {
      expect(a).toContain('target="_blank"');
      expect(a).toContain('rel="noopener noreferrer"');
    }
    expectSafe(html);
  });

  it("keeps line breaks of a plain multi-line message", () => {
    expect(render("line one\nline two")).toMatch(/<p class="whitespace-pre-wrap">line one\nline two<\/p>/);
  });

  it("headings show as bold text, images as their alt text", () => {
    const html = render("# Big\n\n![a cat](https://example.com/cat.png)");
    expect(html).toContain("<p><strong>Big</strong></p>");
    expect(html).not.toMatch(/<h[1-6]/);
    expect(html).not.toContain("<img");
    expect(html).toContain("a cat");
    expectSafe(html);
  });
});

describe("MessageBody against hostile input", () => {
  const hostile = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    "<iframe srcdoc='<script>alert(1)</script>'></iframe>",
    "<svg onload=alert(1)><circle/></svg>",
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](java\tscript:alert(1))",
    "[click](  javascript:alert(1))",
    "[click](&#106;avascript:alert(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[click](vbscript:msgbox(1))",
    "[click](file:///etc/passwd)",
    "[x](/relative/path) [y](//evil.example/x)",
    "<javascript:alert(1)>",
    "![x](javascript:alert(1))",
    '![x" onerror="alert(1)](https://example.com/x.png)',
    "[**bold [inner](javascript:alert(1))**](https://ok.example)",
    "*<b onmouseover=alert(1)>hover</b>*",
    "```\n<script>alert(1)</script>\n```",
    "`<img src=x onerror=alert(1)>`",
    "> <style>body{display:none}</style>",
    "- [ ] task <input onfocus=alert(1) autofocus>",
    "| a | b |\n| - | - |\n| <script>x</script> | [y](javascript:1) |",
    "text[^1]\n\n[^1]: <img src=x onerror=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "[a](https://ok.example \"title\" onclick=alert(1))",
    "<!-- comment --><p style=\"position:fixed\">over</p>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "\u0000<script>\u0000alert(1)</script>",
  ];
  for (const body of hostile) {
    it(`renders safely: ${JSON.stringify(body).slice(0, 60)}`, () => {
      const html = render(body);
      expectSafe(html);
      expect(html).not.toMatch(/<(script|iframe|img|svg|style|input|details|math|table|object|embed)\b/i);
      expect(html.toLowerCase()).not.toContain('href="javascript');
    });
  }

  it("shows raw HTML as the literal text the author typed", () => {
    const html = render("hello <b>world</b>");
    expect(html).toContain("hello &lt;b&gt;world&lt;/b&gt;");
    expect(html).not.toContain("<b>");
  });

  it("an unsafe link keeps its text but is not a link", () => {
    const html = render("[click me](javascript:alert(1))");
    expect(html).toContain("click me");
    expect(html).not.toContain("<a");
  });

  it("safeUrl allows only absolute http, https and mailto URLs", () => {
    expect(safeUrl("https://a.example/x")).toBe("https://a.example/x");
    expect(safeUrl("http://a.example")).toBe("http://a.example");
    expect(safeUrl("mailto:a@b.example")).toBe("mailto:a@b.example");
    for (const bad of ["javascript:alert(1)", " javascript:x", "JAVASCRIPT:x", "data:text/html,x", "/relative", "//host/x", "ftp://x", "", "vbscript:x"]) {
      expect(safeUrl(bad), bad).toBe("");
    }
  });
});
