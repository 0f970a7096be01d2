/** TRUST_PROXY → Express's "trust proxy" setting; see trust-proxy.mjs. */
export function trustProxySetting(
  value: string | undefined,
  warn?: (message: string) => void,
): false | true | number | string[];
