import Link from "next/link";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { Logo } from "@/components/ui/icons";

/** The centered card both auth pages sit in. */
export function AuthCard({ title, subtitle, children, footer, below }: { title: string; subtitle: string; children: ReactNode; footer: ReactNode; below?: ReactNode }) {
  const t = useTranslations("auth.card");
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center bg-gradient-to-b from-indigo-50 via-white to-white px-4 py-10">
      <Link href="/" className="mb-8 rounded-md focus-visible:outline-2 focus-visible:outline-indigo-600" aria-label={t("home")}>
        <Logo className="text-xl" />
      </Link>
      <div className="w-full max-w-sm rounded-2xl bg-white p-6 shadow-xl ring-1 shadow-slate-200/60 ring-slate-200 sm:p-8">
        <h1 className="text-xl font-bold tracking-tight text-slate-900">{title}</h1>
        <p className="mt-1 text-sm text-slate-500">{subtitle}</p>
        <div className="mt-6">{children}</div>
        {below && <div className="mt-4">{below}</div>}
      </div>
      <p className="mt-6 text-sm text-slate-600">{footer}</p>
    </main>
  );
}

/** The footer of the password reset pages. */
export function BackToSignIn() {
  const t = useTranslations("auth.card");
  return (
    <Link href="/signin" className="font-semibold text-indigo-600 hover:text-indigo-500">
      {t("backToSignIn")}
    </Link>
  );
}
