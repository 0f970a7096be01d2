import type { Inline } from "./types";

/** How `inlineTextWith` writes what is not text: a `{name}` reference, a line break, a link. */
export type InlineTextOptions = {
  /** a `{name}` reference: the run's value, or a stand-in such as "[Customer name]" */
  varText: (name: string) => string;
  /** a hard line break */
  breakText: string;
  /** a link, from its text (already written) and its node */
  linkText: (text: string, link: Extract<Inline, { type: "link" }>) => string;
};

/**
 * The one walker over inline content: text, code and terms as written, the rest as `options` says. Tolerates
 * inline content stored by earlier versions (a missing list reads as no text).
 */
export function inlineTextWith(inlines: readonly Inline[], options: InlineTextOptions): string {
  if (!Array.isArray(inlines)) return "";
  let out = "";
  for (const n of inlines) {
    switch (n.type) {
      case "text":
      case "code":
        out += n.value;
        break;
      case "term":
        out += n.text;
        break;
      case "var":
        out += options.varText(n.name);
        break;
      case "break":
        out += options.breakText;
        break;
      case "link":
        out += options.linkText(inlineTextWith(n.children, options), n);
        break;
      default:
        out += inlineTextWith(n.children, options);
    }
  }
  return out;
}

const PLAIN: InlineTextOptions = { varText: (name) => `{${name}}`, breakText: " ", linkText: (text) => text };

/** Plain text of inline content (terms as written, variables as {name}). */
export function inlineText(inlines: readonly Inline[]): string {
  return inlineTextWith(inlines, PLAIN);
}
