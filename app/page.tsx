import { redirect } from "next/navigation";
import { getSessionUser } from "@/server/auth";

/** `/`: straight to the chat when signed in, else to sign-in. */
export default async function HomePage() {
  const user = await getSessionUser();
  redirect(user ? "/chat" : "/signin");
}
