// The MDX syntax tree the visual editor reads blocks from. Pure and browser-safe.
//
// The processor is configured exactly as sop-schema/parse.ts configures its own (remark-parse, YAML front matter,
// remark-mdx, GFM tables only) and patched the same way (micromark-patch.ts), so a block boundary here is a block
// boundary for parseSop. parse.ts keeps its processor private; until it exports one, this is the only other copy,
// and mdast.test.ts checks that both accept and reject the same sources.
import { unified } from "unified";
import remarkParse from "remark-parse";
import remarkFrontmatter from "remark-frontmatter";
import remarkMdx from "remark-mdx";
import { gfmTable } from "micromark-extension-gfm-table";
import { gfmTableFromMarkdown } from "mdast-util-gfm-table";
import { patchMicromarkEditMap } from "../../sop-schema/micromark-patch";

export type MdPoint = { line: number; column: number; offset?: number };
export type MdPosition = { start: MdPoint; end: MdPoint };
export type MdAttribute =
  | {
      type: "mdxJsxAttribute";
      name: string;
      value?: string | null | { type: "mdxJsxAttributeValueExpression"; value: string };
      position?: MdPosition;
    }
  | { type: "mdxJsxExpressionAttribute"; value: string; position?: MdPosition };

/** A loose view of the mdast nodes we read (the same shape parse.ts reads). */
export interface MdNode {
  type: string;
  children?: MdNode[];
  value?: string;
  position?: MdPosition;
  name?: string | null;
  attributes?: MdAttribute[];
  depth?: number;
  ordered?: boolean | null;
  start?: number | null;
  lang?: string | null;
  meta?: string | null;
  align?: (string | null)[] | null;
}

function remarkGfmTables(this: { data(): object }) {
  const data = this.data() as { micromarkExtensions?: unknown[]; fromMarkdownExtensions?: unknown[] };
  (data.micromarkExtensions ??= []).push(gfmTable());
  (data.fromMarkdownExtensions ??= []).push(gfmTableFromMarkdown());
}

let processor: { parse(source: string): unknown } | null = null;

/** The syntax tree of `source`; throws what remark-mdx throws on a syntax error (see sop-schema/mdx-errors.ts). */
export function parseMdx(source: string): MdNode {
  patchMicromarkEditMap(); // micromark's EditMap.consume is quadratic; see sop-schema/micromark-patch.ts
  processor ??= unified()
    .use(remarkParse)
    .use(remarkFrontmatter, ["yaml"])
    .use(remarkMdx)
    .use(remarkGfmTables)
    .freeze();
  return processor.parse(source) as MdNode;
}
