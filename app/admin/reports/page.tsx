import { ReportsPanel } from "@/components/admin/ReportsPanel";

export default function Page() {
  return <ReportsPanel />;
}
