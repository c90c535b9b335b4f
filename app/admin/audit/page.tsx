import { AuditPanel } from "@/components/admin/AuditPanel";

export default function Page() {
  return <AuditPanel />;
}
