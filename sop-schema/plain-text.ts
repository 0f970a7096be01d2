// Blocks as plain text, the way an agent pastes them into an e-mail or a chat: what a `<Template>`'s Copy
// button copies. Pure and browser-safe.
import { inlineTextWith } from "./inline";
import type { Block, Inline } from "./types";

/** What a `{name}` reference becomes: the run's value, or a stand-in such as "[Customer name]". */
export type VarText = (name: string) => string;

/**
 * A link keeps where it goes in a pasted e-mail: "our policy (https://…)"; a bare address or e-mail is written
 * once.
 */
function linkPlain(text: string, link: Extract<Inline, { type: "link" }>): string {
  const url = link.url.replace(/^mailto:/i, "");
  return !url || text.trim() === url || text.trim() === link.url ? text : `${text} (${url})`;
}

const inlinePlain = (nodes: readonly Inline[], varText: VarText) =>
  inlineTextWith(nodes, { varText, breakText: "\n", linkText: linkPlain });

function indent(text: string, prefix: string, first = prefix): string {
  return text
    .split("\n")
    .map((line, i) => (i === 0 ? first : line === "" ? prefix.trimEnd() : prefix) + line)
    .join("\n");
}

function blockPlain(b: Block, varText: VarText): string {
  switch (b.type) {
    case "paragraph":
    case "heading":
    case "check":
      return inlinePlain(b.children, varText).trim();
    case "list":
      return b.items
        .map((item, i) => {
          const marker = b.ordered ? `${(b.start ?? 1) + i}. ` : "- ";
          return indent(blocksPlainText(item, varText), " ".repeat(marker.length), marker);
        })
        .join("\n");
    case "blockquote":
      return indent(blocksPlainText(b.children, varText), "> ");
    case "code":
      return b.value;
    case "thematicBreak":
      return "---";
    case "table":
      return [b.head, ...b.rows]
        .map((row) =>
          row
            .map((cell) =>
              inlinePlain(cell, varText)
                .replace(/\s*\n\s*/g, " ")
                .trim(),
            )
            .join(" | "),
        )
        .join("\n");
    case "say":
    case "tip":
    case "warning":
    case "escalate":
    case "template":
      return blocksPlainText(b.children, varText);
    case "field":
    case "flow":
    case "quiz":
    case "scenario":
      return "";
  }
}

/** The blocks as plain text: paragraphs apart by an empty line, lists with - or 1., tables one row a line. */
export function blocksPlainText(blocks: readonly Block[], varText: VarText = (name) => `{${name}}`): string {
  return blocks
    .map((b) => blockPlain(b, varText))
    .filter((t) => t !== "")
    .join("\n\n");
}
