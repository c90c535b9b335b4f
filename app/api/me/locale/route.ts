import { authed, json, readJson } from "@/server/http/handler";
import { setLocale } from "@/server/services/locale";

/** PUT /api/me/locale { locale: "en" | "de" | null } -> { locale } (null: follow the browser; rendered on every page from then on) */
export const PUT = authed(async ({ rt, req, user }) => json(await setLocale(rt, user, await readJson(req))));
