// TRUST_PROXY → Express's "trust proxy" setting (plain JavaScript: server.js imports it without a build step).
//
// Express takes X-Forwarded-For / -Proto / -Host from the hops it trusts. A hop *count* trusts whatever connects:
// if the app port can be reached directly, a client sends its own X-Forwarded-For and picks its IP (and so
// escapes the per-IP sign-in limit). Addresses only trust the proxy itself, so that is the recommended form:
//
//   TRUST_PROXY=loopback                    a reverse proxy on this machine (127.0.0.1/8, ::1)
//   TRUST_PROXY=10.0.0.5                    the proxy's address
//   TRUST_PROXY=10.0.0.0/8, fd00::/8        subnets, comma-separated (also linklocal, uniquelocal)
//   TRUST_PROXY=1                           read as "loopback" (a proxy on this machine), not as one hop
//   TRUST_PROXY=2 (any other number)        that many hops, whoever they are: warned about at start-up
//   TRUST_PROXY=true                        every hop: warned about at start-up
//   unset, "", 0, false                     no proxy: X-Forwarded-* is ignored

/**
 * @param {string | undefined} value the TRUST_PROXY environment variable
 * @param {(message: string) => void} [warn] where start-up warnings go
 * @returns {false | true | number | string[]} the value for app.set("trust proxy", …)
 */
export function trustProxySetting(value, warn = (message) => console.warn(message)) {
  const raw = (value ?? "").trim();
  if (raw === "" || raw === "0" || raw.toLowerCase() === "false") return false;
  if (raw === "1") return ["loopback"];
  if (/^\d+$/.test(raw)) {
    warn(
      `TRUST_PROXY=${raw} trusts the ${raw} nearest hops whoever they ` +
        `are: if Stepwise's port can be reached without the proxy, ` +
        `clients can choose their own address with X-Forwarded-For. Prefer the ` +
        `proxy's addresses, e.g. TRUST_PROXY=loopback or TRUST_PROXY=10.0.0.0/8.`,
    );
    return Number(raw);
  }
  if (raw.toLowerCase() === "true") {
    warn(
      "TRUST_PROXY=true trusts X-Forwarded-For from anyone: clients can choose their own address. " +
        "Prefer the proxy's addresses, e.g. TRUST_PROXY=loopback or TRUST_PROXY=10.0.0.0/8.",
    );
    return true;
  }
  // Addresses, subnets and Express's names (loopback, linklocal, uniquelocal). Express rejects a malformed entry
  // when the setting is applied, so a typo stops the server at start-up instead of silently trusting nobody.
  return raw
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
}
