-- A mention keeps the name it was written with (what follows the "@" in the body): the body's
-- "@Ana" renders as a pill for that user, showing their current name, after a rename too.
-- Rows stored before this have none (the client then matches the current name).
ALTER TABLE "Mention" ADD COLUMN "label" TEXT;
