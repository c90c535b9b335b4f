import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { VerifyEmailForm } from "@/components/accounts/VerifyEmailForm";
import { getSessionUser } from "@/server/auth";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("accounts.verify"))("documentTitle"), referrer: "no-referrer" };
}
export const dynamic = "force-dynamic";

/** The mailed link lands here, signed in or not (an email change is confirmed while signed in). */
export default async function VerifyEmailPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return <VerifyEmailForm token={token} signedIn={(await getSessionUser()) !== null} />;
}
