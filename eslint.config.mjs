import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

/**
 * The layering rules (docs/architecture.md), as lint: each folder may import only what is below it.
 *   components/, lib/client/  -> never server/
 *   lib/shared/               -> neither server/, node: modules nor Prisma (it runs in the browser too)
 *   server/services/          -> never server/realtime/ nor app/ (they emit through server/broadcast/)
 *   server/realtime/          -> never Prisma (it calls services)
 *   server/broadcast/         -> only types of lib/shared (the port knows no transport)
 */
const serverFromClient = { group: ["@/server", "@/server/*", "**/server/*", "../server", "../../server"], message: "The browser side never imports server/: go through REST (lib/client/api.ts) or the socket contract (lib/shared/events.ts)." };
const nodeModules = { group: ["node:*"], message: "lib/shared runs in the browser too: no node: modules." };
const prisma = { group: ["@prisma/*", "**/generated/prisma", "**/generated/prisma/*", "**/db"], message: "Only server/services (and the composition root) talk to the database." };
const realtimeFromServices = { group: ["**/realtime", "**/realtime/*", "@/server/realtime", "@/server/realtime/*"], message: "Services emit through the broadcast port (rt.broadcast, server/broadcast/), never through server/realtime/." };
const appFromServices = { group: ["@/app/*", "**/app/*"], message: "Services never import route handlers or pages." };
/**
 * The message catalogue (docs/i18n.md): in these folders no text a person reads is written in JSX —
 * neither as children nor in the attributes that are read out or shown (labels, titles, placeholders).
 * It goes through next-intl (messages/<locale>.json).
 */
const translated = ["components/{chat,settings,moderation,ui,providers,invite,admin,auth,accounts}/**/*.tsx", "app/(auth)/**/*.tsx", "app/join/**/*.tsx", "app/verify-email/**/*.tsx", "app/(chat)/**/*.tsx", "app/admin/**/*.tsx", "app/invite/**/*.tsx", "app/layout.tsx", "app/page.tsx"];
const READ_ATTRIBUTES = "/^(aria-label|aria-description|aria-valuetext|aria-roledescription|title|placeholder|alt|label|description|confirmLabel|cancelLabel)$/";
const noLiterals = {
  "react/jsx-no-literals": ["error", { noStrings: true, ignoreProps: true, allowedStrings: ["Parley", "@room", "“", "”", "⋯", "·", "—", "–", "…", "×", "#", "@", ":", "/", "(", ")", "+", "%", "*", "•", "→", "←", "↑", "↓", "|", ",", "."] }],
  "no-restricted-syntax": [
    "error",
    { selector: `JSXAttribute[name.name=${READ_ATTRIBUTES}] > Literal[value=/[A-Za-z]/]`, message: "Text a person reads comes from the message catalogue (useTranslations, docs/i18n.md)." },
    { selector: `JSXAttribute[name.name=${READ_ATTRIBUTES}] > JSXExpressionContainer > Literal[value=/[A-Za-z]/]`, message: "Text a person reads comes from the message catalogue (useTranslations, docs/i18n.md)." },
    { selector: `JSXAttribute[name.name=${READ_ATTRIBUTES}] > JSXExpressionContainer > TemplateLiteral:has(TemplateElement[value.raw=/[A-Za-z]/])`, message: "Text a person reads comes from the message catalogue (useTranslations, docs/i18n.md)." },
  ],
};
const restricted = (...patterns) => ({ "no-restricted-imports": ["error", { patterns }] });

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([".next/**", "dist/**", "server/generated/**", "test-results/**", "playwright-report/**", "next-env.d.ts"]),
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      // App Router only: there is no pages/ directory.
      "@next/next/no-html-link-for-pages": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // No circle of files (type-only imports do not count: they vanish at run time).
    files: ["server/**/*.ts", "lib/**/*.ts", "components/**/*.{ts,tsx}", "app/**/*.{ts,tsx}"],
    settings: { "import/resolver": { typescript: true, node: true }, "import/ignore": ["node_modules"] },
    rules: { "import/no-cycle": ["error", { ignoreExternal: true }] },
  },
  { files: ["components/**/*.{ts,tsx}", "lib/client/**/*.{ts,tsx}"], rules: restricted(serverFromClient) },
  { files: translated, rules: noLiterals },
  { files: ["lib/shared/**/*.ts"], rules: restricted(serverFromClient, nodeModules, prisma) },
  { files: ["server/services/**/*.ts"], rules: restricted(realtimeFromServices, appFromServices) },
  { files: ["server/realtime/**/*.ts"], rules: restricted(prisma, appFromServices) },
  { files: ["server/broadcast/**/*.ts"], rules: restricted(realtimeFromServices, prisma, appFromServices, { group: ["**/services", "**/services/*"], message: "The port knows nothing of the domain's services." }) },
]);
