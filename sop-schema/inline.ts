import type { Inline } from "./types";

/** Plain text of inline content (terms as written, variables as {name}). */
export function inlineText(inlines: readonly Inline[]): string {
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
        out += `{${n.name}}`;
        break;
      case "break":
        out += " ";
        break;
      default:
        out += inlineText(n.children);
    }
  }
  return out;
}
