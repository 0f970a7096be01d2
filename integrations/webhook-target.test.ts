import { describe, expect, it } from "vitest";
import { isPublicAddress, parseTargetUrl, TargetRefused, vetTarget, type Resolver } from "./webhook-target";

const resolverOf =
  (answers: Record<string, string[]>): Resolver =>
  async (host) => {
    const list = answers[host];
    if (!list) throw new Error("ENOTFOUND");
    return list.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  };

describe("webhook targets", () => {
  it("names only global unicast addresses public", () => {
    for (const a of ["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111", "::ffff:93.184.216.34"])
      expect(isPublicAddress(a), a).toBe(true);
    for (const a of [
      "127.0.0.1",
      "10.1.2.3",
      "172.16.0.1",
      "192.168.1.1",
      "169.254.169.254", // cloud metadata
      "100.64.0.1", // carrier-grade NAT
      "0.0.0.0",
      "255.255.255.255",
      "224.0.0.1",
      "::1",
      "::",
      "fe80::1",
      "fd00::1",
      "::ffff:127.0.0.1",
      "::ffff:10.0.0.1",
      "ff02::1",
      "not an address",
    ])
      expect(isPublicAddress(a), a).toBe(false);
  });

  it("wants https without credentials; http only where private targets are allowed", () => {
    expect(parseTargetUrl("https://hooks.example.com/x", { allowPrivate: false }).host).toBe("hooks.example.com");
    expect(() => parseTargetUrl("http://hooks.example.com/x", { allowPrivate: false })).toThrow(/https/);
    expect(parseTargetUrl("http://127.0.0.1:4000/hook", { allowPrivate: true }).port).toBe("4000");
    expect(() => parseTargetUrl("https://user:pw@hooks.example.com", { allowPrivate: false })).toThrow(/passwords/);
    expect(() => parseTargetUrl("ftp://hooks.example.com", { allowPrivate: true })).toThrow(TargetRefused);
    expect(() => parseTargetUrl("hooks.example.com", { allowPrivate: false })).toThrow(/full address/);
    expect(() => parseTargetUrl("javascript:alert(1)", { allowPrivate: true })).toThrow(TargetRefused);
  });

  it("refuses literal private addresses in every spelling the URL parser accepts", async () => {
    const none = resolverOf({});
    for (const raw of [
      "https://127.0.0.1/",
      "https://0x7f.1/", // the URL parser reads it as 127.0.0.1
      "https://2130706433/", // so is this
      "https://[::1]/",
      "https://[::ffff:127.0.0.1]/",
      "https://169.254.169.254/latest/meta-data",
      "https://10.0.0.8:8443/",
      "https://[fd12::1]/",
    ]) {
      const url = parseTargetUrl(raw, { allowPrivate: false });
      await expect(vetTarget(url, { allowPrivate: false }, none), raw).rejects.toThrow(/private network/);
    }
  });

  it("refuses a name when any of its addresses is private, and names that do not resolve", async () => {
    const dns = resolverOf({
      "localhost.": ["127.0.0.1"],
      "internal.example.com": ["10.0.0.5"],
      "mixed.example.com": ["93.184.216.34", "192.168.0.10"],
      "hooks.example.com": ["93.184.216.34", "2606:2800:220:1::1"],
    });
    const rules = { allowPrivate: false };
    for (const host of ["localhost.", "internal.example.com", "mixed.example.com"])
      await expect(vetTarget(new URL(`https://${host}/`), rules, dns), host).rejects.toThrow(/private network/);
    await expect(vetTarget(new URL("https://nowhere.example/"), rules, dns)).rejects.toThrow(/does not resolve/);
    expect(await vetTarget(new URL("https://hooks.example.com/"), rules, dns)).toHaveLength(2);
  });

  it("lets an integration that allows private targets reach them", async () => {
    const dns = resolverOf({ "receiver.lan": ["192.168.1.20"] });
    const rules = { allowPrivate: true };
    expect(await vetTarget(new URL("http://127.0.0.1:4000/"), rules, dns)).toEqual([
      { address: "127.0.0.1", family: 4 },
    ]);
    expect(await vetTarget(new URL("http://receiver.lan/"), rules, dns)).toEqual([
      { address: "192.168.1.20", family: 4 },
    ]);
  });
});
