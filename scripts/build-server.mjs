// Bundles the custom server (server/index.ts and what it imports) into dist/server.mjs.
// Packages stay external (loaded from node_modules at run time); the `@/` alias and the
// generated Prisma client (TypeScript) are bundled.
import { build } from "esbuild";

await build({
  entryPoints: ["server/index.ts"],
  outfile: "dist/server.mjs",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  sourcemap: true,
  packages: "external",
  banner: { js: "import { createRequire as __parleyCreateRequire } from 'node:module'; const require = __parleyCreateRequire(import.meta.url);" },
  logLevel: "warning",
});
console.log("built dist/server.mjs");
