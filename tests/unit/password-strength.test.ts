import { describe, expect, it } from "vitest";
import { assertStrongPassword, passwordProblem } from "@/server/services/password-strength";

const ana = ["ana.lopez@example.com", "Ana Lopez"];

describe("password strength (zxcvbn score >= 3, nothing of the account in it)", () => {
  it.each(["password1", "12345678", "qwertyuiop", "longenough", "iloveyou2"])("refuses %s as too easy to guess, with zxcvbn's feedback", (pw) => {
    expect(passwordProblem(pw, ana)).toMatch(/^is too easy to guess/);
  });

  it.each(["correct horse battery staple 42", "pw-0123456789ab", "Tr0ub4dor&3-zebra-kettle"])("accepts %s", (pw) => {
    expect(passwordProblem(pw, ana)).toBeNull();
  });

  it("refuses a password containing the email, its local part or the name, whatever the case", () => {
    expect(passwordProblem("xx-ANA.LOPEZ@example.com-9q", ana)).toBe("must not contain your email or name");
    expect(passwordProblem("Ana.Lopez!Zq83-kettle", ana)).toBe("must not contain your email or name");
    expect(passwordProblem("kettle-ana lopez-Zq83", ana)).toBe("must not contain your email or name");
  });

  it("throws VALIDATION_FAILED with the reason under fieldErrors.password", () => {
    expect(() => assertStrongPassword("password1", ana)).toThrow(expect.objectContaining({ code: "VALIDATION_FAILED", details: { fieldErrors: { password: [expect.stringMatching(/too easy/)] } } }));
  });
});
