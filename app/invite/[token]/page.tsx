import type { Metadata } from "next";
import Link from "next/link";
import { AuthCard } from "@/components/auth/AuthCard";
import { InviteAccept } from "@/components/invite/InviteAccept";
import { getSessionUser } from "@/server/auth";

export const metadata: Metadata = { title: "Invitation — Parley" };

/** `/invite/<token>`: a signed-in user sees the room and accepts; others are asked to sign in first. */
export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const user = await getSessionUser();
  if (!user) {
    return (
      <AuthCard
        title="You’re invited"
        subtitle="Sign in or create an account, then open this invite link again to join."
        footer={
          <Link href="/signup" className="font-semibold text-indigo-600 hover:text-indigo-500">
            Create an account
          </Link>
        }
      >
        <Link href="/signin" className="inline-flex h-10 w-full items-center justify-center rounded-lg bg-indigo-600 text-sm font-medium text-on-accent hover:bg-indigo-500">
          Sign in
        </Link>
      </AuthCard>
    );
  }
  return <InviteAccept token={token} />;
}
