// Where a webhook may be sent. Webhooks make the server open connections to addresses an admin types in, so an
// endpoint must not point inside the network Stepwise runs in (loopback, private ranges, link-local and its cloud
// metadata address, …) unless the integration explicitly allows private targets. Checked when the endpoint is saved
// and again at every delivery, against the addresses the name resolves to then (a DNS answer can change), and the
// connection goes to the address that was checked (no second lookup to rebind).
import ipaddr from "ipaddr.js";

export class TargetRefused extends Error {}

/** Only the global unicast ranges are public; everything ipaddr.js names otherwise is refused. */
export function isPublicAddress(address: string): boolean {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = ipaddr.parse(address);
  } catch {
    return false;
  }
  if (parsed.kind() === "ipv6" && (parsed as ipaddr.IPv6).isIPv4MappedAddress())
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  return parsed.range() === "unicast";
}

export type TargetRules = { allowPrivate: boolean };

/** The URL, checked for its form: https (http only where private targets are allowed), no credentials. */
export function parseTargetUrl(raw: string, rules: TargetRules): URL {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new TargetRefused("Write the full address, e.g. https://hooks.example.com/stepwise.");
  }
  if (url.protocol !== "https:" && !(url.protocol === "http:" && rules.allowPrivate))
    throw new TargetRefused(
      rules.allowPrivate
        ? "Use an https:// or http:// address."
        : "Use an https:// address (plain http only when the integration allows private targets).",
    );
  if (url.username || url.password)
    throw new TargetRefused("Leave user names and passwords out of the address: the signature authenticates us.");
  if (url.hash) throw new TargetRefused("Leave the #fragment out of the address.");
  if (raw.length > 2000) throw new TargetRefused("Keep the address under 2,000 characters.");
  return url;
}

export type Resolver = (hostname: string) => Promise<{ address: string; family: number }[]>;

/**
 * The addresses a delivery may connect to for `url`: all its name's addresses must be public (one private answer is
 * enough to refuse: a client picks any of them), unless private targets are allowed.
 */
export async function vetTarget(
  url: URL,
  rules: TargetRules,
  resolve: Resolver,
): Promise<{ address: string; family: number }[]> {
  const host = url.hostname.replace(/^\[|\]$/g, "");
  let addresses: { address: string; family: number }[];
  if (ipaddr.isValid(host) && !/^\d+$/.test(host)) {
    const parsed = ipaddr.parse(host);
    addresses = [{ address: parsed.toString(), family: parsed.kind() === "ipv6" ? 6 : 4 }];
  } else {
    try {
      addresses = await resolve(host);
    } catch {
      throw new TargetRefused(`The name ${host} does not resolve: check the address.`);
    }
    if (!addresses.length) throw new TargetRefused(`The name ${host} does not resolve: check the address.`);
  }
  if (!rules.allowPrivate) {
    const inside = addresses.find((a) => !isPublicAddress(a.address));
    if (inside)
      throw new TargetRefused(
        `${host} points to ${inside.address}, an address inside a private network: webhooks go ` +
          `to public addresses only (an admin can allow private targets for this integration).`,
      );
  }
  return addresses;
}
