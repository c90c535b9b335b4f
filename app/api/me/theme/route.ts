import { authed, json, readJson } from "@/server/http/handler";
import { setTheme } from "@/server/services/theme";

/** PUT /api/me/theme { theme: "SYSTEM" | "LIGHT" | "DARK" } -> { theme } (rendered on every page from then on) */
export const PUT = authed(async ({ rt, req, user }) => json(await setTheme(rt, user, await readJson(req))));
