"use client";

import { Avatar } from "@/components/ui/Avatar";
import { usePeople } from "@/components/providers/PeopleProvider";
import type { UserSummary } from "@/lib/shared/types";

/** The people of a DM: the other person's avatar (with presence, when known), or a stack of up to three. */
export function DmFaces({ people, online, size = "sm" }: { people: readonly UserSummary[]; online?: ReadonlySet<string>; size?: "sm" | "md" }) {
  const names = usePeople();
  const [only] = people;
  if (people.length === 1 && only) {
    return (
      <Avatar
        id={only.id}
        name={names.nameOf(only.id, only.name)}
        avatarUrl={only.avatarUrl}
        size={size}
        online={online ? online.has(only.id) : undefined}
        status={names.statusOf(only.id)}
      />
    );
  }
  return (
    <span className="flex shrink-0 -space-x-2" data-testid="dm-faces">
      {people.slice(0, 3).map((u) => (
        <span key={u.id} className="rounded-lg ring-2 ring-white">
          <Avatar id={u.id} name={names.nameOf(u.id, u.name)} avatarUrl={u.avatarUrl} size={size} />
        </span>
      ))}
    </span>
  );
}
