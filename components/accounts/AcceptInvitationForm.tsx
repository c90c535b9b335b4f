"use client";

import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { AuthCard, BackToSignIn } from "@/components/auth/AuthCard";
import { NewPasswordField } from "@/components/auth/NewPasswordField";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { TextField } from "@/components/ui/TextField";
import { useHydrated } from "@/components/ui/useHydrated";
import { accountsApi } from "@/lib/client/accountsApi";
import { isApiError } from "@/lib/client/api";
import type { InvitationPreview } from "@/lib/shared/accounts";

/** `/join/<token>`: the invitation's account (name and password), verified, in its rooms, then signed in. */
export function AcceptInvitationForm({ token, invitation, problem }: { token: string; invitation: InvitationPreview | null; problem: string | null }) {
  const t = useTranslations("accounts.join");
  const tAuth = useTranslations("auth");
  const router = useRouter();
  const hydrated = useHydrated();
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [pending, setPending] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<{ name?: string[]; password?: string[] }>({});
  const [error, setError] = useState<string | null>(null);

  if (!invitation) {
    return (
      <AuthCard title={t("title")} subtitle={t("unusable")} footer={<BackToSignIn />}>
        <Alert>{problem ?? t("invalid")}</Alert>
      </AuthCard>
    );
  }

  async function handleSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (!invitation) return;
    setPending(true);
    setError(null);
    setFieldErrors({});
    try {
      const { email } = await accountsApi.acceptInvitation(token, name, password);
      const result = await signIn("credentials", { email, password, redirect: false, callbackUrl: "/chat" }).catch(() => undefined);
      const firstRoom = invitation.rooms[0];
      router.replace(result?.ok && !result.error ? (firstRoom ? `/chat/${firstRoom.id}` : "/chat") : "/signin");
      router.refresh();
      return;
    } catch (err) {
      const fields = isApiError(err) ? err.fieldErrors : {};
      if (fields.name || fields.password) {
        setFieldErrors({ name: fields.name?.map((m) => t("nameError", { message: m })), password: fields.password?.map((m) => t("passwordError", { message: m })) });
      } else {
        setError(isApiError(err) ? err.message : tAuth("unreachable"));
      }
    }
    setPending(false);
  }

  const rooms = invitation.rooms.map((r) => `#${r.name}`).join(", ");
  return (
    <AuthCard
      title={t("title")}
      subtitle={t(rooms ? "subtitleRooms" : "subtitle", { inviter: invitation.inviterName, email: invitation.email, rooms })}
      footer={<BackToSignIn />}
    >
      <form method="post" onSubmit={handleSubmit} className="space-y-4" aria-label={t("form")} noValidate>
        {error && <Alert>{error}</Alert>}
        <TextField label={t("email")} name="email" type="email" value={invitation.email} readOnly hint={t("emailHint")} />
        <TextField label={t("name")} name="name" autoComplete="name" required maxLength={50} value={name} onChange={(e) => setName(e.target.value)} errors={fieldErrors.name} autoFocus />
        <NewPasswordField label={t("password")} value={password} onChange={setPassword} errors={fieldErrors.password} />
        <Button type="submit" pending={pending} disabled={!hydrated} className="w-full">
          {t("submit")}
        </Button>
      </form>
    </AuthCard>
  );
}
