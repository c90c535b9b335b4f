import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AuthCard } from "@/components/auth/AuthCard";
import { SignInForm } from "@/components/auth/SignInForm";
import { SsoButton } from "@/components/auth/SsoButton";
import { Alert } from "@/components/ui/Alert";
import { signInPageCode, signInPageMessage } from "@/components/moderation/signInNotice";
import { currentRuntime } from "@/server/runtime";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("auth.signIn"))("documentTitle") };
}

/** next-auth (and the session-ended redirect) send people here with `?error=<code>`: only the code picks the (fixed) message. */
export default async function SignInPage({ searchParams }: { searchParams: Promise<{ error?: string | string[]; email?: string | string[] }> }) {
  const { error, email } = await searchParams;
  const code = Array.isArray(error) ? error[0] : error;
  // `?email=` (from "Check your email"): only pre-fills the field, capped like an address.
  const initialEmail = (Array.isArray(email) ? email[0] : email)?.slice(0, 254) ?? "";
  const message = code ? signInPageMessage(await getTranslations("auth.notices"), code) : null;
  const { env } = currentRuntime();
  const sso = env.OIDC_ISSUER ? env.OIDC_NAME : null;
  if (sso && env.AUTH_SSO_ONLY) {
    // Single sign-on only: no password form, no sign-up.
    const t = await getTranslations("auth.signIn");
    return (
      <AuthCard title={t("title")} subtitle={t("ssoOnlySubtitle", { provider: sso })} footer={null}>
        <div className="space-y-4">
          {message && <Alert>{message}</Alert>}
          <SsoButton providerName={sso} separator={false} />
        </div>
      </AuthCard>
    );
  }
  return <SignInForm initialError={message} banned={code ? signInPageCode(code) === "BANNED" : false} initialEmail={initialEmail} sso={sso ? <SsoButton providerName={sso} /> : undefined} />;
}
