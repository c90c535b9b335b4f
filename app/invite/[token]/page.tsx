import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { AuthCard } from "@/components/auth/AuthCard";
import { InviteAccept } from "@/components/invite/InviteAccept";
import { getSessionUser } from "@/server/auth";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("invite.page"))("documentTitle") };
}

/** `/invite/<token>`: a signed-in user sees the room and accepts; others are asked to sign in first. */
export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const user = await getSessionUser();
  if (!user) {
    const t = await getTranslations("invite.page");
    return (
      <AuthCard
        title={t("title")}
        subtitle={t("subtitle")}
        footer={
          <Link href="/signup" className="font-semibold text-indigo-600 hover:text-indigo-500">
            {t("signUp")}
          </Link>
        }
      >
        <Link href="/signin" className="inline-flex h-10 w-full items-center justify-center rounded-lg bg-indigo-600 text-sm font-medium text-on-accent hover:bg-indigo-500">
          {t("signIn")}
        </Link>
      </AuthCard>
    );
  }
  return <InviteAccept token={token} />;
}
