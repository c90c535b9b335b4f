"use client";

/** The invite page for a signed-in user: what the room is, and a button to join it. */
import { useTranslations } from "next-intl";
import { useFormats } from "@/components/ui/useFormats";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { AuthCard } from "@/components/auth/AuthCard";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { api, isApiError } from "@/lib/client/api";
import type { InvitePreview } from "@/lib/shared/types";

export function InviteAccept({ token }: { token: string }) {
  const t = useTranslations("invite.accept");
  const formats = useFormats();
  const router = useRouter();
  const [preview, setPreview] = useState<InvitePreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  useEffect(() => {
    api.previewInvite(token).then(setPreview, (e: unknown) => setError(isApiError(e) ? e.message : t("openFailed")));
  }, [token, t]);

  async function accept() {
    setPending(true);
    setError(null);
    try {
      const room = await api.acceptInvite(token);
      router.push(`/chat/${room.id}`);
    } catch (e) {
      setError(isApiError(e) ? e.message : t("joinFailed"));
      setPending(false);
    }
  }

  const back = (
    <Link href="/chat" className="font-semibold text-indigo-600 hover:text-indigo-500">
      {t("back")}
    </Link>
  );
  if (!preview) {
    return (
      <AuthCard title={error ? t("unavailable") : t("opening")} subtitle={error ? t("unusable") : t("moment")} footer={back}>
        {error && <Alert>{error}</Alert>}
      </AuthCard>
    );
  }
  return (
    <AuthCard title={t("title", { room: preview.room.name })} subtitle={preview.room.topic ?? t("members", { count: preview.room.memberCount })} footer={back}>
      {error && <Alert className="mb-4">{error}</Alert>}
      <p className="mb-4 text-sm text-slate-600">
        {preview.alreadyMember ? t("alreadyMember") : t("validUntil", { until: formats.dateTime(preview.expiresAt) })}
      </p>
      <Button className="w-full" onClick={() => void accept()} pending={pending}>
        {preview.alreadyMember ? t("open") : t("accept")}
      </Button>
    </AuthCard>
  );
}
