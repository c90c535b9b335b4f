import { RoomsPanel } from "@/components/admin/RoomsPanel";

export default function Page() {
  return <RoomsPanel />;
}
