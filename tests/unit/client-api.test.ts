import { afterEach, describe, expect, it, vi } from "vitest";
import { api, ApiError, isApiError } from "@/lib/client/api";

function respond(status: number, body: unknown) {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  return vi.fn(async (_url: string, _init?: RequestInit) => new Response(text, { status, headers: { "content-type": "application/json" } }));
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("api", () => {
  it("returns the DTO inside the envelope and builds history queries", async () => {
    const fetchMock = respond(200, { messages: [], hasMore: false });
    vi.stubGlobal("fetch", fetchMock);
    await expect(api.history("r1", { after: 5, limit: 100 })).resolves.toEqual({ messages: [], hasMore: false });
    expect(fetchMock.mock.calls[0]?.[0]).toBe("/api/rooms/r1/messages?after=5&limit=100");
    await api.history("r1", { before: 51 });
    expect(fetchMock.mock.calls[1]?.[0]).toBe("/api/rooms/r1/messages?before=51");
  });

  it("sends JSON bodies with POST", async () => {
    const fetchMock = respond(201, { room: { id: "r1" } });
    vi.stubGlobal("fetch", fetchMock);
    await expect(api.createRoom({ name: "general", visibility: "PUBLIC" })).resolves.toEqual({ id: "r1" });
    const init = fetchMock.mock.calls[0]?.[1];
    expect(init?.method).toBe("POST");
    expect(JSON.parse(String(init?.body))).toEqual({ name: "general", visibility: "PUBLIC" });
  });

  it("turns an error body into an ApiError with its code and field errors", async () => {
    vi.stubGlobal(
      "fetch",
      respond(400, { error: { code: "VALIDATION_FAILED", message: "Invalid input", details: { fieldErrors: { email: ["must be a valid email address"] } } } }),
    );
    const error = await api.register({ email: "x", password: "12345678", name: "X" }).catch((e: unknown) => e);
    expect(isApiError(error)).toBe(true);
    expect(error).toMatchObject({ code: "VALIDATION_FAILED", status: 400, message: "Invalid input" });
    expect((error as ApiError).fieldErrors).toEqual({ email: ["must be a valid email address"] });
  });

  it("maps a non-JSON failure and a network failure to codes", async () => {
    vi.stubGlobal("fetch", respond(502, "<html>bad gateway</html>"));
    await expect(api.listRooms()).rejects.toMatchObject({ code: "INTERNAL", status: 502 });
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => {
        throw new TypeError("Failed to fetch");
      }),
    );
    await expect(api.me()).rejects.toMatchObject({ code: "NETWORK", status: 0 });
  });
});
