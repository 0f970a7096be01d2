import { translator } from "../../../i18n";
import type { CopyLabels } from "../run/copy";

/**
 * The words the SOP renderer adds around authored content, in the SOP's own language, so a Persian or
 * Greek procedure reads as one language. Unknown languages fall back to English. The words live in the sop
 * catalog (i18n/messages/sop.ts); numbers go through Intl in the SOP's language.
 */
export type SopLabels = {
  handleTime: string;
  firstResponse: string;
  steps: string;
  version: string;
  owner: string;
  review: string;
  reviewEvery: (v: string) => string;
  reviewBy: (v: string) => string;
  contents: string;
  introduction: string;
  terms: string;
  tags: string;
  step: (n: number) => string;
  say: string;
  sayToCustomer: string;
  tip: string;
  warning: string;
  escalateTo: (to: string) => string;
  when: string;
  required: string;
  choose: string;
  yes: string;
  no: string;
  capturedAs: string;
  decisionFlow: string;
  training: string;
  filledFrom: (label: string) => string;
  /** a table's accessible name, from its header cells */
  table: (columns: string) => string;
  template: string;
  /** a template's Copy button: its label, after copying, what a screen reader hears, and the fallback */
  copy: CopyLabels;
  /** duration units: days, hours, minutes, seconds */
  units: [string, string, string, string];
  /** the language's digits */
  locale: string;
};

/** "6 min 30 s" in the SOP's language and digits. */
export function formatSeconds(t: SopLabels, seconds: number | undefined): string {
  if (seconds == null || !Number.isFinite(seconds) || seconds <= 0) return "—";
  const parts = [
    Math.floor(seconds / 86400),
    Math.floor((seconds % 86400) / 3600),
    Math.floor((seconds % 3600) / 60),
    Math.floor(seconds % 60),
  ];
  return parts
    .map((n, i) => (n ? `${new Intl.NumberFormat(t.locale).format(n)} ${t.units[i]}` : ""))
    .filter(Boolean)
    .join(" ");
}

const made = new Map<string, SopLabels>();

/** The labels for an SOP's language (any BCP 47 tag); languages without a catalog read in English. */
export function labelsFor(language: string): SopLabels {
  const tr = translator(language);
  const hit = made.get(tr.lang);
  if (hit) return hit;
  const t = tr.t;
  const labels: SopLabels = {
    handleTime: t("sop.handleTime"),
    firstResponse: t("sop.firstResponse"),
    steps: t("sop.steps"),
    version: t("sop.version"),
    owner: t("sop.owner"),
    review: t("sop.review"),
    reviewEvery: (period) => t("sop.reviewEvery", { period }),
    reviewBy: (date) => t("sop.reviewBy", { date }),
    contents: t("sop.contents"),
    introduction: t("sop.introduction"),
    terms: t("sop.terms"),
    tags: t("sop.tags"),
    step: (n) => t("sop.step", { n }),
    say: t("sop.say"),
    sayToCustomer: t("sop.sayToCustomer"),
    tip: t("sop.tip"),
    warning: t("sop.warning"),
    escalateTo: (to) => t("sop.escalateTo", { to }),
    when: t("sop.when"),
    required: t("sop.required"),
    choose: t("sop.choose"),
    yes: t("sop.yes"),
    no: t("sop.no"),
    capturedAs: t("sop.capturedAs"),
    decisionFlow: t("sop.decisionFlow"),
    training: t("sop.training"),
    filledFrom: (label) => t("sop.filledFrom", { label }),
    table: (columns) => t("sop.table", { columns }),
    template: t("sop.template"),
    copy: {
      button: t("sop.copy"),
      copied: t("sop.copied"),
      announced: t("sop.copiedAnnounced"),
      manual: t("sop.copyManual"),
    },
    units: [t("sop.unit.days"), t("sop.unit.hours"), t("sop.unit.minutes"), t("sop.unit.seconds")],
    locale: tr.lang,
  };
  made.set(tr.lang, labels);
  return labels;
}
