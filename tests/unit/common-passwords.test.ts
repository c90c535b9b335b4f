import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { commonPasswordCount, COMMON_PASSWORDS_FILE, isCommonPassword } from "@/server/services/common-passwords";
import { passwordProblem } from "@/server/services/password-strength";

const ana = ["ana.lopez@example.com", "Ana Lopez"];

describe("the shipped list of common passwords", () => {
  it("holds the 10,000 most common passwords, lower case, one a line, no duplicates", () => {
    const lines = fs.readFileSync(COMMON_PASSWORDS_FILE, "utf8").trimEnd().split("\n");
    expect(lines).toHaveLength(10_000);
    expect(new Set(lines).size).toBe(10_000);
    expect(lines.every((l) => l === l.toLowerCase() && l.trim() === l && l.length > 0)).toBe(true);
    expect(lines.slice(0, 3)).toEqual(["123456", "password", "12345678"]);
    expect(commonPasswordCount()).toBe(10_000);
  });

  it("matches whatever the case and surrounding spaces", () => {
    expect(isCommonPassword("Password")).toBe(true);
    expect(isCommonPassword(" BASEBALL ")).toBe(true);
    expect(isCommonPassword("correct horse battery staple 42")).toBe(false);
  });

  it("refuses a listed password of 8+ characters with a clear message, before zxcvbn", () => {
    const listed = fs.readFileSync(COMMON_PASSWORDS_FILE, "utf8").split("\n").filter((l) => l.length >= 8);
    expect(listed.length).toBeGreaterThan(1000);
    for (const pw of [listed[0]!, listed[500]!, listed.at(-1)!]) {
      expect(passwordProblem(pw, ana)).toBe("is too easy to guess: it is one of the 10,000 most common passwords");
    }
  });
});
