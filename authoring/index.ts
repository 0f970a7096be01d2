// Public API of authoring/: the pure (framework-free, DB-free) part of SOP authoring — front-matter form,
// templates and insert palette, version diffs, Markdown import, library bundles. Runs unchanged in the
// browser, the server and the CLI (no React, no DB, no node: imports).
export type { FrontMatterErrors, FrontMatterTerm, FrontMatterValues, ReadFrontMatterResult } from "./front-matter";
export {
  FRONT_MATTER_FIELDS,
  emptyFrontMatterValues,
  readFrontMatter,
  validateFrontMatter,
  writeFrontMatter,
} from "./front-matter";

export type { BlockSnippet, BlockSnippetId, NewSopOptions, SopTemplate, SopTemplateId } from "./templates";
export { BLOCK_SNIPPETS, SOP_TEMPLATES, insertSnippet, newSopSource, snippetText } from "./templates";

export type {
  DiffLine,
  DiffPart,
  DiffRow,
  EdgeRef,
  FieldChange,
  FieldRef,
  FlowChange,
  MetaChange,
  MetaKey,
  NodeRef,
  StepAspect,
  StepChange,
  StepRef,
  StructuralDiff,
  TextDiff,
  TextDiffOptions,
  ValueChange,
} from "./diff";
export { META_LABELS, structuralDiff, textDiff } from "./diff";

export type { ImportWarning, MarkdownImportOptions, MarkdownImportResult } from "./markdown-import";
export { markdownToSop } from "./markdown-import";

export type { BundleEntry, BundleFile, BundleProblem, ReadBundleResult } from "./bundle";
export { BUNDLE_LIMITS, bundlePath, exportBundle, readBundle } from "./bundle";
