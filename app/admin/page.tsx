import { OverviewPanel } from "@/components/admin/OverviewPanel";

export default function Page() {
  return <OverviewPanel />;
}
