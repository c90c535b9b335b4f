import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { getSessionUser } from "@/server/auth";

/** Signed-in people have nothing to do on the sign-in and sign-up pages. */
export default async function AuthLayout({ children }: { children: ReactNode }) {
  if (await getSessionUser()) redirect("/chat");
  return children;
}
