import type { z } from "zod";
import { AppError } from "@/lib/shared/errors";
import { fieldErrors } from "@/lib/shared/schemas";

/** Parse input with a schema or throw VALIDATION_FAILED naming each bad field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const errors = fieldErrors(result.error);
  const summary = Object.entries(errors)
    .map(([field, messages]) => (field === "_" ? messages.join("; ") : `${field} ${messages.join("; ")}`))
    .join(", ");
  throw new AppError("VALIDATION_FAILED", summary || "Invalid input", { fieldErrors: errors });
}
