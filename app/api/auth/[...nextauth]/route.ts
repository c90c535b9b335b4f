import NextAuth from "next-auth";
import { AppError } from "@/lib/shared/errors";
import { errorResponse } from "@/server/http/handler";
import { getAuthOptions } from "@/server/auth";
import { currentRuntime } from "@/server/runtime";

type Handler = (req: Request, ctx: { params: Promise<{ nextauth: string[] }> }) => Promise<Response>;

/** next-auth's own actions; anything else under /api/auth is a 404 rather than next-auth's 500. */
const ACTIONS = new Set(["providers", "session", "csrf", "signin", "signout", "callback", "verify-request", "error", "_log"]);

// Options are built per request so configuration is read at run time, not at build time.
const handler: Handler = async (req, ctx) => {
  const { nextauth } = await ctx.params;
  if (!nextauth[0] || !ACTIONS.has(nextauth[0])) return errorResponse(new AppError("NOT_FOUND", "No such endpoint."));
  return (NextAuth(getAuthOptions(currentRuntime())) as unknown as Handler)(req, { params: Promise.resolve({ nextauth }) });
};

export { handler as GET, handler as POST };
