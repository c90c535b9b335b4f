"use client";

import { signIn } from "next-auth/react";
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
  const router = useRouter();
  const hydrated = useHydrated();
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [pending, setPending] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<{ name?: string[]; password?: string[] }>({});
  const [error, setError] = useState<string | null>(null);

  if (!invitation) {
    return (
      <AuthCard title="Join Parley" subtitle="This invitation can’t be used." footer={<BackToSignIn />}>
        <Alert>{problem ?? "This invitation link is not valid."}</Alert>
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
        setFieldErrors({ name: fields.name?.map((m) => `Name ${m}.`), password: fields.password?.map((m) => `Password ${m}.`) });
      } else {
        setError(isApiError(err) ? err.message : "Could not reach the server. Try again.");
      }
    }
    setPending(false);
  }

  const rooms = invitation.rooms.map((r) => `#${r.name}`).join(", ");
  return (
    <AuthCard
      title="Join Parley"
      subtitle={`${invitation.inviterName} invited ${invitation.email}${rooms ? ` to ${rooms}` : ""}.`}
      footer={<BackToSignIn />}
    >
      <form method="post" onSubmit={handleSubmit} className="space-y-4" aria-label="Accept the invitation" noValidate>
        {error && <Alert>{error}</Alert>}
        <TextField label="Email" name="email" type="email" value={invitation.email} readOnly hint="The invited address; it is confirmed by this link." />
        <TextField label="Name" name="name" autoComplete="name" required maxLength={50} value={name} onChange={(e) => setName(e.target.value)} errors={fieldErrors.name} autoFocus />
        <NewPasswordField label="Password" value={password} onChange={setPassword} errors={fieldErrors.password} />
        <Button type="submit" pending={pending} disabled={!hydrated} className="w-full">
          Create account and join
        </Button>
      </form>
    </AuthCard>
  );
}
