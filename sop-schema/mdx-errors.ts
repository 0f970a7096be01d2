// Turns the errors remark-mdx throws on bad syntax into messages a team lead understands.
import type { Diagnostic } from "./types";

/** A diagnostic without its severity and code (the caller gives those). */
export type SyntaxProblem = Omit<Diagnostic, "severity" | "code">;

type PointLike = { line?: number; column?: number };
type ErrorLike = {
  reason?: unknown;
  message?: unknown;
  ruleId?: unknown;
  source?: unknown;
  line?: unknown;
  column?: unknown;
  place?: (PointLike & { start?: PointLike; end?: PointLike }) | null;
};

const ESCAPE_HINT = "to write a plain < or { in text, escape it as \\< or \\{";

function num(v: unknown): number | undefined {
  return typeof v === "number" && Number.isFinite(v) && v > 0 ? v : undefined;
}

export function describeMdxError(error: unknown): SyntaxProblem {
  const e = (error && typeof error === "object" ? error : {}) as ErrorLike;
  const reason = String(e.reason ?? e.message ?? error ?? "unknown error").split("\n")[0];
  const ruleId = String(e.ruleId ?? "");
  const source = String(e.source ?? "");
  const start = e.place && "start" in e.place && e.place.start ? e.place.start : (e.place ?? undefined);
  const end = e.place && "end" in e.place && e.place.end ? e.place.end : undefined;
  // Some errors (unclosed tags) carry their position only in the text: "… `<Step>` (9:1-9:20)".
  const inText = /\((\d+):(\d+)-(\d+):(\d+)\)/.exec(reason);
  const line = num(e.line) ?? num(start?.line) ?? (inText ? Number(inText[1]) : 1);
  const column = num(e.column) ?? num(start?.column) ?? (inText ? Number(inText[2]) : 1);
  const located = (message: string, hint?: string): SyntaxProblem => {
    const p: SyntaxProblem = { message, line, column };
    if (hint) p.hint = hint;
    if (end && num(end.line) && num(end.column)) {
      p.endLine = end.line;
      p.endColumn = end.column;
    } else if (inText && !num(e.line) && !num(start?.line)) {
      p.endLine = Number(inText[3]);
      p.endColumn = Number(inText[4]);
    }
    return p;
  };

  let m: RegExpExecArray | null;
  if ((m = /^Expected a closing tag for `<([^>]*)>`.*?before the end of `(\w+)`/.exec(reason))) {
    const what = m[2] === "paragraph" ? "line of text" : m[2] === "listItem" ? "list item" : m[2];
    return located(
      `The <${m[1]}> tag opened here is not closed before the end of its ${what}`,
      `put <${m[1]}> and </${m[1]}> on their own lines around block content, or close it on the same line`,
    );
  }
  if ((m = /^Expected a closing tag for `<([^>]*)>`/.exec(reason))) {
    return located(
      `The <${m[1]}> tag opened here is never closed — add </${m[1]}> after its content`,
      `or end the tag with /> if it has no content: <${m[1]} … />`,
    );
  }
  if (
    (m = /^Unexpected closing tag `<\/([^>]*)>`, expected corresponding closing tag for `<([^>]*)>` \((\d+):(\d+)/.exec(
      reason,
    ))
  ) {
    return located(
      `</${m[1]}> does not match the open <${m[2]}> (line ${m[3]}) — close <${m[2]}> first`,
      `tags must be closed in the reverse order they were opened`,
    );
  }
  if (/^Unexpected closing slash/.test(reason) || /^Unexpected closing tag/.test(reason)) {
    return located("This closing tag has no matching opening tag", ESCAPE_HINT);
  }
  if (ruleId === "acorn" || /Could not parse expression with acorn/.test(reason)) {
    return located(
      "The text in braces { } is not a field reference — only {field_name} references are allowed",
      ESCAPE_HINT,
    );
  }
  if (source.includes("mdx-expression") && /Unexpected end of file in expression/.test(reason)) {
    return located(
      "A { is never closed with } — MDX reads { as the start of a field reference like {customer_name}",
      ESCAPE_HINT,
    );
  }
  if (/in attribute value, expected a corresponding closing quote/.test(reason)) {
    return located("An attribute value's quote is never closed", 'write attributes as name="value" with both quotes');
  }
  if ((m = /^Unexpected character `(.+?)` \(U\+[0-9A-F]+\) before attribute value/.exec(reason))) {
    return located(`Attribute values must be in quotes (found \`${m[1]}\`)`, 'write name="value"');
  }
  if (
    /^Unexpected (character|end of file).*(before name|in name|before local name)/.test(reason) &&
    source.includes("mdx-jsx")
  ) {
    const link = /to create a link in MDX/.test(reason) ? " — for a link use [text](https://…)" : "";
    return located(`A < here starts a component tag, but what follows is not a tag name${link}`, ESCAPE_HINT);
  }
  if (source.includes("mdx-jsx")) {
    return located(
      `This component tag is not written correctly: ${reason.replace(/\s*\(note:.*\)$/, "")}`,
      `check quotes, = signs and the closing > ; ${ESCAPE_HINT}`,
    );
  }
  if (/import|export/i.test(reason) && source.includes("esm")) {
    return located(
      `import/export lines are not allowed in an SOP: ${reason}`,
      "remove the line; an SOP is data, not code",
    );
  }
  return located(
    `The SOP body could not be read: ${reason}`,
    `check for an unclosed tag or a stray < or {; ${ESCAPE_HINT}`,
  );
}
