// The MDX syntax tree the visual editor reads blocks from. Pure and browser-safe.
//
// The tree comes from sop-schema/parse.ts's own processor (`parseMdxTree`: remark-parse, YAML front matter,
// remark-mdx, GFM tables only, micromark patched), so a block boundary here is a block boundary for parseSop.
// This module only types the nodes the block reader looks at.
import { parseMdxTree } from "../../sop-schema/parse";

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

/** The syntax tree of `source`; throws what remark-mdx throws on a syntax error (see sop-schema/mdx-errors.ts). */
export function parseMdx(source: string): MdNode {
  return parseMdxTree(source) as MdNode;
}
