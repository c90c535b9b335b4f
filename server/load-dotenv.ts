/**
 * `.env` for every start path (`npm start`, `npm run dev`, `node dist/server.mjs`): imported
 * first by server/index.ts, so the file is merged into process.env before any other module is
 * evaluated or reads its configuration. The real environment wins over the file. The file is
 * `.env` in the working directory (the project root under npm scripts), the same folder embedded
 * mode keeps `.parley` in.
 */
import path from "node:path";
import { loadDotenv } from "./env";

export const dotenvFile = path.resolve(".env");
/** The variables taken from the file (those the environment did not set already). */
export const fromDotenv: readonly string[] = loadDotenv(dotenvFile);
