// The MDX syntax tree the visual editor reads blocks from. Pure and browser-safe.
//
// The tree comes from sop-schema/parse.ts's own processor (`parseMdxTree`: remark-parse, YAML front matter,
// remark-mdx, GFM tables only, micromark patched), so a block boundary here is a block boundary for parseSop.
// Its nodes are typed by parse.ts's loose view (MdNode).
import { parseMdxTree, type MdNode } from "../../sop-schema/parse";

/** The syntax tree of `source`; throws what remark-mdx throws on a syntax error (see sop-schema/mdx-errors.ts). */
export function parseMdx(source: string): MdNode {
  return parseMdxTree(source) as MdNode;
}
