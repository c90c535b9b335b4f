import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { headers } from "next/headers";
import { AcceptInvitationForm } from "@/components/accounts/AcceptInvitationForm";
import { CLIENT_IP_HEADER } from "@/server/http/request-context";
import { isAppError } from "@/lib/shared/errors";
import { currentRuntime } from "@/server/runtime";
import { previewInvitation } from "@/server/services/account-invitations";
import type { InvitationPreview } from "@/lib/shared/accounts";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("accounts.join"))("documentTitle"), referrer: "no-referrer" };
}
export const dynamic = "force-dynamic";

/** The invitation mail's link (account invitations; room invite links are /invite/<token>). */
export default async function JoinPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const ip = (await headers()).get(CLIENT_IP_HEADER) ?? "unknown";
  let invitation: InvitationPreview | null = null;
  let problem: string | null = null;
  try {
    invitation = await previewInvitation(currentRuntime(), token, ip);
  } catch (e) {
    if (!isAppError(e)) throw e;
    problem = e.message;
  }
  return <AcceptInvitationForm token={token} invitation={invitation} problem={problem} />;
}
