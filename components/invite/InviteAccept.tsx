"use client";

/** The invite page for a signed-in user: what the room is, and a button to join it. */
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { AuthCard } from "@/components/auth/AuthCard";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { api, isApiError } from "@/lib/client/api";
import type { InvitePreview } from "@/lib/shared/types";

export function InviteAccept({ token }: { token: string }) {
  const router = useRouter();
  const [preview, setPreview] = useState<InvitePreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  useEffect(() => {
    api.previewInvite(token).then(setPreview, (e: unknown) => setError(isApiError(e) ? e.message : "Could not open this invite."));
  }, [token]);

  async function accept() {
    setPending(true);
    setError(null);
    try {
      const room = await api.acceptInvite(token);
      router.push(`/chat/${room.id}`);
    } catch (e) {
      setError(isApiError(e) ? e.message : "Could not join the room.");
      setPending(false);
    }
  }

  const back = (
    <Link href="/chat" className="font-semibold text-indigo-600 hover:text-indigo-500">
      Back to Parley
    </Link>
  );
  if (!preview) {
    return (
      <AuthCard title={error ? "Invite unavailable" : "Opening invite…"} subtitle={error ? "This link can’t be used." : "One moment."} footer={back}>
        {error && <Alert>{error}</Alert>}
      </AuthCard>
    );
  }
  return (
    <AuthCard title={`Join #${preview.room.name}`} subtitle={preview.room.topic ?? `${preview.room.memberCount} ${preview.room.memberCount === 1 ? "member" : "members"}`} footer={back}>
      {error && <Alert className="mb-4">{error}</Alert>}
      <p className="mb-4 text-sm text-slate-600">
        {preview.alreadyMember ? "You’re already a member of this room." : `This invite is valid until ${new Date(preview.expiresAt).toLocaleString()}.`}
      </p>
      <Button className="w-full" onClick={() => void accept()} pending={pending}>
        {preview.alreadyMember ? "Open room" : "Accept invite"}
      </Button>
    </AuthCard>
  );
}
