import { describe, expect, it } from "vitest";
import { collectLinkDefinitions, isSafeUrl, linkTarget, type MdLinkNode } from "./links";

const def = (identifier: string, url: string, title?: string): MdLinkNode => ({
  type: "definition",
  identifier,
  url,
  title,
});

describe("collectLinkDefinitions", () => {
  it("finds definitions at any depth, letter case ignored, the first one winning", () => {
    const root: MdLinkNode = {
      type: "root",
      children: [
        { type: "blockquote", children: [def("Policy", "https://a.example/policy", "Refund policy")] },
        def("policy", "https://b.example/other"),
        { type: "list", children: [{ type: "listItem", children: [def("faq", "/faq")] }] },
      ],
    };
    const defs = collectLinkDefinitions(root);
    expect([...defs]).toEqual([
      ["policy", { url: "https://a.example/policy", title: "Refund policy" }],
      ["faq", { url: "/faq" }],
    ]);
  });

  it("walks a tree deeper than the call stack", () => {
    let node: MdLinkNode = def("deep", "/deep");
    for (let i = 0; i < 50_000; i++) node = { type: "blockquote", children: [node] };
    expect(collectLinkDefinitions(node).get("deep")).toEqual({ url: "/deep" });
  });
});

describe("linkTarget", () => {
  const defs = collectLinkDefinitions({
    type: "root",
    children: [def("ok", "https://x.example", "X"), def("bad", "javascript:alert(1)")],
  });

  it("gives a link's own address and title, or a reference's definition's", () => {
    expect(linkTarget({ type: "link", url: "https://y.example", title: "Y" }, defs)).toEqual({
      kind: "link",
      url: "https://y.example",
      title: "Y",
    });
    expect(linkTarget({ type: "link", url: "/sops/refunds", title: null }, defs)).toEqual({
      kind: "link",
      url: "/sops/refunds",
    });
    expect(linkTarget({ type: "linkReference", identifier: "OK" }, defs)).toEqual({
      kind: "link",
      url: "https://x.example",
      title: "X",
    });
    expect(linkTarget({ type: "imageReference", identifier: "ok" }, defs)).toEqual({
      kind: "link",
      url: "https://x.example",
      title: "X",
    });
  });

  it("tells an unsafe address and a reference without a definition apart", () => {
    expect(linkTarget({ type: "link", url: "java\tscript:alert(1)" }, defs)).toEqual({
      kind: "unsafe",
      url: "java\tscript:alert(1)",
    });
    expect(linkTarget({ type: "linkReference", identifier: "bad" }, defs)).toEqual({
      kind: "unsafe",
      url: "javascript:alert(1)",
    });
    expect(linkTarget({ type: "linkReference", identifier: "nowhere" }, defs)).toEqual({ kind: "undefined-reference" });
  });
});

describe("isSafeUrl", () => {
  it("allows http(s), mailto, tel and addresses without a scheme only", () => {
    for (const ok of [
      "https://a.b",
      "HTTP://a.b",
      "mailto:x@y.z",
      "tel:+32",
      "/path",
      "other.mdx",
      "#anchor",
      "?q=1",
      "//host/x",
      "",
    ])
      expect(isSafeUrl(ok), ok).toBe(true);
    for (const bad of [
      "javascript:alert(1)",
      " JavaScript:x",
      "java\u0000script:x",
      "java\u0085script:x",
      "data:text/html,x",
      "vbscript:x",
      "file:///etc",
    ])
      expect(isSafeUrl(bad), bad).toBe(false);
  });
});
