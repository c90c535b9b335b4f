import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { LinkAccountForm } from "@/components/auth/LinkAccountForm";
import { currentRuntime } from "@/server/runtime";
import { pendingIdentityLink } from "@/server/services/sso";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("auth.link"))("documentTitle"), referrer: "no-referrer" };
}

/** A single sign-on whose email already has an account lands here: its owner confirms with the password. */
export default async function LinkAccountPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const rt = currentRuntime();
  const pending = await pendingIdentityLink(rt, token);
  return <LinkAccountForm token={token} providerName={rt.env.OIDC_NAME} pending={pending} />;
}
