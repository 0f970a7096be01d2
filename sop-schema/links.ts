// Links in the Markdown tree (mdast), shared by the SOP parser (parse.ts) and the Markdown import
// (authoring/markdown-import.ts): which addresses an SOP may link to, the link reference definitions of a page,
// and where a link or reference goes. Both read the same tree the same way; only what they then write differs
// (the parser a link inline, the import MDX text). Pure and browser-safe.

/** The part of an mdast node these functions read (both callers have their own, wider, loose node type). */
export type MdLinkNode = {
  type: string;
  children?: readonly MdLinkNode[];
  url?: string;
  title?: string | null;
  identifier?: string;
};

export type LinkDefinition = { url: string; title?: string };

/** Link reference definitions (`[id]: https://… "title"`) by identifier, letter case ignored. */
export type LinkDefinitions = ReadonlyMap<string, LinkDefinition>;

/**
 * A link may use https://, http://, mailto:, tel: or no scheme (a relative path, an anchor); never javascript: or
 * data:.
 */
export function isSafeUrl(url: string): boolean {
  // Browsers ignore control characters and whitespace inside a scheme ("java\tscript:"), so do we.
  // eslint-disable-next-line no-control-regex -- the control characters are what it removes
  const cleaned = url.replace(/[\u0000-\u0020\u007f-\u009f]/g, "");
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(cleaned);
  if (!m) return true;
  return ["http", "https", "mailto", "tel"].includes(m[1].toLowerCase());
}

/**
 * Every link reference definition anywhere in the tree, the first one of an identifier winning (as CommonMark
 * says). Iterative, in document order: the tree may be deeper than the call stack.
 */
export function collectLinkDefinitions(root: MdLinkNode): LinkDefinitions {
  const definitions = new Map<string, LinkDefinition>();
  const stack: MdLinkNode[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type === "definition" && node.identifier && typeof node.url === "string") {
      const key = node.identifier.toLowerCase();
      if (!definitions.has(key)) {
        const def: LinkDefinition = { url: node.url };
        if (node.title) def.title = node.title;
        definitions.set(key, def);
      }
    }
    const children = node.children ?? [];
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return definitions;
}

/** Where a link goes, as its reader acts on it. */
export type LinkTarget =
  /** a link to keep: its address and title (a reference's from its definition) */
  | { kind: "link"; url: string; title?: string }
  /** an address an SOP may not link to (see isSafeUrl): only the link's text is kept */
  | { kind: "unsafe"; url: string }
  /** a reference (`[text][id]`) no definition names: its text is kept as written */
  | { kind: "undefined-reference" };

/**
 * Where a `link`, `linkReference`, `image` or `imageReference` node goes: its own address and title, or for a
 * reference those of its definition.
 */
export function linkTarget(node: MdLinkNode, definitions: LinkDefinitions): LinkTarget {
  let url = node.url ?? "";
  let title = node.title ?? undefined;
  if (node.type === "linkReference" || node.type === "imageReference") {
    const def = definitions.get((node.identifier ?? "").toLowerCase());
    if (!def) return { kind: "undefined-reference" };
    url = def.url;
    title = def.title;
  }
  if (!isSafeUrl(url)) return { kind: "unsafe", url };
  const target: LinkTarget = { kind: "link", url };
  if (title) target.title = title;
  return target;
}
