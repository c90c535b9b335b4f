"use client";

/**
 * Mentions as pills, resolved by user id: the body's `@Ana` (a mention the server recorded with
 * the name it was written with) becomes a button that opens Ana's profile card and shows her
 * name as it is now — after a rename too, live (`user:updated` through PeopleProvider) and
 * after a reload (the DTO carries the current name).
 */
import type { Element, ElementContent, Root, RootContent } from "hast";
import { splitMentions, type MentionLabel } from "@/lib/shared/mentions";
import type { MentionedUser } from "@/lib/shared/types";
import { usePeople } from "@/components/providers/PeopleProvider";
import { PersonButton } from "../people/ProfileCard";

/** The custom element the plugin makes (MessageBody maps it to MentionPill). */
export const MENTION_TAG = "mention";

/** Where a mention cannot be: code is literal, a link's text is the link's. */
const NO_PILLS = new Set(["code", "pre", "a"]);

/** What to match for each recorded mention: the name as written, or (older rows) the current one. */
export function mentionLabels(mentioned: readonly MentionedUser[]): MentionLabel[] {
  return mentioned.map((m) => ({ id: m.id, label: m.label ?? m.name }));
}

/** A rehype plugin: text nodes' recorded `@name` tokens become `<mention data-user-id>` elements. */
export function rehypeMentionPills(options: { mentioned: readonly MentionedUser[] }) {
  const labels = mentionLabels(options.mentioned);
  const names = new Map(options.mentioned.map((m) => [m.id, m.name]));
  const visit = (parent: Root | Element) => {
    const next: (RootContent | ElementContent)[] = [];
    for (const child of parent.children) {
      if (child.type === "element") {
        if (!NO_PILLS.has(child.tagName)) visit(child);
        next.push(child);
      } else if (child.type === "text") {
        for (const piece of splitMentions(child.value, labels)) {
          if (typeof piece === "string") next.push({ type: "text", value: piece });
          else next.push({ type: "element", tagName: MENTION_TAG, properties: { dataUserId: piece.userId, dataName: names.get(piece.userId) ?? piece.text.slice(1) }, children: [{ type: "text", value: piece.text }] });
        }
      } else next.push(child);
    }
    parent.children = next as typeof parent.children;
  };
  return (tree: Root) => {
    if (labels.length > 0) visit(tree);
  };
}

/** The pill: `@` and the person's current name, a button to their profile card. */
export function MentionPill({ userId, name }: { userId: string; name: string }) {
  const current = usePeople().nameOf(userId, name);
  return (
    <PersonButton userId={userId} name={current} className="inline rounded bg-indigo-50 px-1 font-medium text-indigo-700 hover:bg-indigo-100 hover:no-underline">
      <span data-testid="mention-pill" data-user-id={userId}>@{current}</span>
    </PersonButton>
  );
}
