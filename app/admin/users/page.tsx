import { UsersPanel } from "@/components/admin/UsersPanel";

export default function Page() {
  return <UsersPanel />;
}
