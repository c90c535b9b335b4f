import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { SessionsPanel } from "@/components/settings/SessionsPanel";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("settings.sessions"))("documentTitle") };
}

/** `/settings/sessions`: where the user is signed in; revoke one or all others. */
export default function SessionsPage() {
  return <SessionsPanel />;
}
