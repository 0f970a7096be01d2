import { describe, expect, it } from "vitest";
import { hostOrigin, outboundMessageSchema, readInbound, shareableFields } from "./embed-messages";

const HOST = "https://acme.zendesk.com";

describe("readInbound", () => {
  const good = { type: "stepwise:context.update", fields: { order_number: "A-1" } };
  it("accepts a valid context.update from the host's origin", () => {
    expect(readInbound({ origin: HOST, data: good }, HOST)).toEqual(good);
  });
  it("ignores other origins, no origin, and malformed data", () => {
    expect(readInbound({ origin: "https://evil.example", data: good }, HOST)).toBeNull();
    expect(readInbound({ origin: HOST, data: good }, null)).toBeNull();
    expect(readInbound({ origin: "null", data: good }, HOST)).toBeNull();
    for (const data of [
      null,
      "stepwise:context.update",
      { type: "stepwise:run.completed" },
      { type: "stepwise:context.update" },
      { type: "stepwise:context.update", fields: { "bad name": "x" } },
      { type: "stepwise:context.update", fields: { a: 1 } },
      { type: "stepwise:context.update", fields: { a: "x".repeat(5001) } },
    ])
      expect(readInbound({ origin: HOST, data }, HOST), JSON.stringify(data)).toBeNull();
  });
});

describe("hostOrigin", () => {
  const allowed = [HOST, "https://other.example"];
  it("prefers the browser's ancestor origin, only when allowed", () => {
    expect(hostOrigin(allowed, HOST, "https://other.example")).toBe(HOST);
    expect(hostOrigin(allowed, "https://evil.example", HOST)).toBeNull();
  });
  it("falls back to the declared origin, then to a single allowed origin", () => {
    expect(hostOrigin(allowed, null, "https://other.example")).toBe("https://other.example");
    expect(hostOrigin(allowed, undefined, "https://evil.example")).toBeNull();
    expect(hostOrigin(allowed, null, null)).toBeNull();
    expect(hostOrigin([HOST], null, null)).toBe(HOST);
    expect(hostOrigin([], null, null)).toBeNull();
  });
});

describe("outbound messages", () => {
  it("validate what the embed posts", () => {
    expect(
      outboundMessageSchema.safeParse({
        type: "stepwise:run.completed",
        runId: "r",
        ticketId: "T-1",
        outcome: "resolved",
        note: "Refunded",
        fields: { order_number: "A-1" },
      }).success,
    ).toBe(true);
    expect(outboundMessageSchema.safeParse({ type: "stepwise:run.completed", runId: "r" }).success).toBe(false);
  });
  it("share only non-sensitive captured values", () => {
    expect(
      shareableFields([{ name: "order_number" }, { name: "card", sensitive: true }, { name: "empty" }], {
        order_number: { value: "A-1" },
        card: { value: "4111" },
      }),
    ).toEqual({ order_number: "A-1" });
  });
});
