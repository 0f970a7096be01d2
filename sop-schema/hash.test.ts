import { describe, expect, it } from "vitest";
import { contentHashNode } from "./hash.server";

describe("contentHashNode", () => {
  it("is the SHA-256 of the UTF-8 source", () => {
    expect(contentHashNode("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(contentHashNode("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
  it("changes with any edit, including non-Latin text", () => {
    expect(contentHashNode("سلام")).not.toBe(contentHashNode("سلام "));
    expect(contentHashNode("Γεια")).toHaveLength(64);
  });
});
