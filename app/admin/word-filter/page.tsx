import { WordFilterPanel } from "@/components/admin/WordFilterPanel";

export default function Page() {
  return <WordFilterPanel />;
}
