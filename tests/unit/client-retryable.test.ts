import { describe, expect, it } from "vitest";
import { ClientErrorCode, ErrorCode, isRetryableCode, retryableCodes } from "@/lib/shared/errors";

describe("one set of retryable codes", () => {
  it("retries exactly the server's retryable codes plus the client-only TIMEOUT", () => {
    const retried = Object.values(ErrorCode).filter(isRetryableCode).sort();
    expect(retried).toEqual([...retryableCodes].sort());
    expect(retried).toEqual(["INTERNAL", "OUTCOME_UNKNOWN", "RATE_LIMITED", "SLOW_MODE", "UNAVAILABLE"]);
    expect(isRetryableCode(ClientErrorCode.TIMEOUT)).toBe(true);
  });

  it("does not back off on DISCONNECTED (the outbox waits for the connection) or on final refusals", () => {
    expect(isRetryableCode(ClientErrorCode.DISCONNECTED)).toBe(false);
    for (const code of ["FORBIDDEN", "VALIDATION_FAILED", "CONFLICT", "MUTED", "CONTENT_BLOCKED", "nonsense"]) {
      expect(isRetryableCode(code), code).toBe(false);
    }
  });
});
