import { describe, expect, it } from "vitest";
import { AppError, isAppError } from "@/lib/shared/errors";
import { toAppError } from "@/server/services/errors";

describe("AppError across bundles", () => {
  it("is recognised when another copy of the module made it (the custom server's runtime throwing into Next's route bundle)", async () => {
    // A query string makes Vite load a second, separate copy of the module: another AppError class.
    const secondCopy = "@/lib/shared/errors?second-copy";
    const other = (await import(/* @vite-ignore */ secondCopy)) as typeof import("@/lib/shared/errors");
    expect(other.AppError).not.toBe(AppError);
    const foreign = new other.AppError("RATE_LIMITED", "Too many requests; try again in 3 s.", { retryAfterMs: 3000 });
    expect(foreign instanceof AppError).toBe(true);
    expect(isAppError(foreign)).toBe(true);
    // Mapped as what it is, not as INTERNAL.
    expect(toAppError(foreign).toBody()).toEqual({ code: "RATE_LIMITED", message: "Too many requests; try again in 3 s.", details: { retryAfterMs: 3000 } });
  });

  it("is not fooled by plain errors or look-alikes", () => {
    expect(isAppError(new Error("x"))).toBe(false);
    expect(isAppError({ code: "FORBIDDEN", message: "x" })).toBe(false);
    expect(toAppError(new Error("boom")).code).toBe("INTERNAL");
  });
});
