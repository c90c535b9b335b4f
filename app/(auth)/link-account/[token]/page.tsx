import type { Metadata } from "next";
import { LinkAccountForm } from "@/components/auth/LinkAccountForm";
import { currentRuntime } from "@/server/runtime";
import { pendingIdentityLink } from "@/server/services/sso";

export const metadata: Metadata = { title: "Link your account — Parley", referrer: "no-referrer" };

/** A single sign-on whose email already has an account lands here: its owner confirms with the password. */
export default async function LinkAccountPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const rt = currentRuntime();
  const pending = await pendingIdentityLink(rt, token);
  return <LinkAccountForm token={token} providerName={rt.env.OIDC_NAME} pending={pending} />;
}
