// The words for the front-matter fields that read the same in the review diff and in the visual editor's
// problems. Their own module, so neither the diff nor the editor drags in the other.

export const BASIC_FRONT_MATTER_LABELS = {
  title: "Title",
  department: "Department",
  purpose: "Purpose",
  owner: "Owner",
  tags: "Tags",
  language: "Language",
} as const;
