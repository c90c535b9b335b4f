-- Full-text search over messages (server/services/search.ts). The vector is a stored generated
-- column, so every write path (send, edit, soft delete, moderator purge) keeps it right without
-- application code: an edit re-indexes the new body, a deleted message has no vector at all.
-- 'simple' config: no stemming and no stop words, so names, code and any language match as typed.
-- '<' and '>' become spaces first: the default parser would drop `<Button ...>` as an HTML tag,
-- and messages are text (often code), not HTML.
ALTER TABLE "Message" ADD COLUMN "searchVector" tsvector
  GENERATED ALWAYS AS (CASE WHEN "deletedAt" IS NULL THEN to_tsvector('simple'::regconfig, translate("body", '<>', '  ')) END) STORED;

-- CreateIndex
CREATE INDEX "Message_searchVector_idx" ON "Message" USING GIN ("searchVector");
