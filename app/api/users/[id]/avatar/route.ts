import { authed } from "@/server/http/handler";
import { downloadResponse } from "@/server/http/download";
import { openAvatar } from "@/server/services/avatars";

/** GET /api/users/{id}/avatar[?v=version] -> the WebP picture (any signed-in user); 404 when none */
export const GET = authed<{ id: string }>(async ({ rt, req, params }) => {
  const avatar = await openAvatar(rt, params.id, req.nextUrl.searchParams.get("v"));
  // A versioned URL never changes; the bare one is checked again after a minute.
  const res = downloadResponse(avatar, { immutable: avatar.current });
  if (!avatar.current) res.headers.set("cache-control", "private, max-age=60");
  return res;
});
