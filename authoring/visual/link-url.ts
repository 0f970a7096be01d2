// The address of a link a lead adds in a rich text box. Pure and browser-safe. Only addresses that open a page,
// write an e-mail or call a number are taken: http(s), mailto, tel, and addresses relative to the SOP (a path,
// `#a-heading`). Any other scheme (javascript:, data:, vbscript:, file:…) is refused with words that say why,
// as an SOP's text must never run anything. Which schemes are safe is the parser's rule (sop-schema/links.ts
// isSafeUrl), so the editor never writes a link the SOP would then refuse; this file only adds the words.
import { isSafeUrl } from "../../sop-schema/links";

export type LinkCheck = { ok: true; href: string } | { ok: false; message: string };

/** The address as it will be written, or why it is refused. */
export function checkLinkUrl(input: string): LinkCheck {
  // Browsers ignore tabs and line breaks in an address ("java\tscript:" runs), and so does this check.
  const href = input.replace(/[\t\n\r]/g, "").trim();
  if (href === "") return { ok: false, message: "Type the address the words link to, e.g. https://example.com" };
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(href)) return { ok: false, message: "The address has a control character in it" };
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(href)?.[1];
  if (scheme === undefined) {
    // "www.example.com" is meant as a web address, not a page next to the SOP
    if (/^www\.[^\s/]+\.[^\s/]+/i.test(href)) return { ok: true, href: `https://${href}` };
    return { ok: true, href };
  }
  if (!isSafeUrl(href))
    return {
      ok: false,
      message: `A link can open a web page (https://…), an e-mail (mailto:…) or a phone number (tel:…), not “${scheme}:”`,
    };
  if (/^https?:$/i.test(`${scheme}:`) && !/^https?:\/\/[^/\s]+/i.test(href))
    return { ok: false, message: "A web address needs a site after https://, e.g. https://example.com" };
  return { ok: true, href };
}
