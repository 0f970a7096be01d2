/**
 * The words the SOP renderer adds around authored content, in the SOP's own language, so a Persian or
 * Greek procedure reads as one language. Unknown languages fall back to English.
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
  /** duration units: days, hours, minutes, seconds */
  units: [string, string, string, string];
  /** the language's digits */
  locale: string;
};

/** "6 min 30 s" in the SOP's language and digits. */
export function formatSeconds(t: SopLabels, seconds: number | undefined): string {
  if (seconds == null || !Number.isFinite(seconds) || seconds <= 0) return "—";
  const parts = [Math.floor(seconds / 86400), Math.floor((seconds % 86400) / 3600), Math.floor((seconds % 3600) / 60), Math.floor(seconds % 60)];
  return parts
    .map((n, i) => (n ? `${n.toLocaleString(t.locale)} ${t.units[i]}` : ""))
    .filter(Boolean)
    .join(" ");
}

const en: SopLabels = {
  handleTime: "Handle time target",
  firstResponse: "First response",
  steps: "Steps",
  version: "Version",
  owner: "Owner",
  review: "Review",
  reviewEvery: (v) => `every ${v}`,
  reviewBy: (v) => `by ${v}`,
  contents: "Contents",
  introduction: "Introduction",
  terms: "Terms",
  tags: "Tags",
  step: (n) => `Step ${n}`,
  say: "Say",
  sayToCustomer: "Say to the customer",
  tip: "Tip",
  warning: "Warning",
  escalateTo: (to) => `Escalate to ${to}`,
  when: "When:",
  required: "required",
  choose: "Choose…",
  yes: "Yes",
  no: "No",
  capturedAs: "captured as",
  decisionFlow: "Decision flow",
  training: "Training",
  filledFrom: (label) => `Filled in from “${label}” during a call`,
  units: ["d", "h", "min", "s"],
  locale: "en",
};

const el: SopLabels = {
  handleTime: "Στόχος χρόνου χειρισμού",
  firstResponse: "Πρώτη απάντηση",
  steps: "Βήματα",
  version: "Έκδοση",
  owner: "Υπεύθυνος",
  review: "Αναθεώρηση",
  reviewEvery: (v) => `κάθε ${v}`,
  reviewBy: (v) => `έως ${v}`,
  contents: "Περιεχόμενα",
  introduction: "Εισαγωγή",
  terms: "Όροι",
  tags: "Ετικέτες",
  step: (n) => `Βήμα ${n}`,
  say: "Πείτε",
  sayToCustomer: "Πείτε στον πελάτη",
  tip: "Συμβουλή",
  warning: "Προσοχή",
  escalateTo: (to) => `Κλιμάκωση σε: ${to}`,
  when: "Πότε:",
  required: "υποχρεωτικό",
  choose: "Επιλέξτε…",
  yes: "Ναι",
  no: "Όχι",
  capturedAs: "καταγράφεται ως",
  decisionFlow: "Διάγραμμα αποφάσεων",
  training: "Εκπαίδευση",
  filledFrom: (label) => `Συμπληρώνεται από το πεδίο «${label}» κατά την κλήση`,
  units: ["ημ.", "ώρ.", "λεπτά", "δευτ."],
  locale: "el",
};

const fa: SopLabels = {
  handleTime: "هدف زمان رسیدگی",
  firstResponse: "نخستین پاسخ",
  steps: "گام‌ها",
  version: "نسخه",
  owner: "مسئول",
  review: "بازبینی",
  reviewEvery: (v) => `هر ${v}`,
  reviewBy: (v) => `تا ${v}`,
  contents: "فهرست",
  introduction: "مقدمه",
  terms: "اصطلاحات",
  tags: "برچسب‌ها",
  step: (n) => `گام ${n.toLocaleString("fa")}`,
  say: "بگویید",
  sayToCustomer: "به مشتری بگویید",
  tip: "نکته",
  warning: "هشدار",
  escalateTo: (to) => `ارجاع به ${to}`,
  when: "چه زمانی:",
  required: "الزامی",
  choose: "انتخاب کنید…",
  yes: "بله",
  no: "خیر",
  capturedAs: "ثبت می‌شود به نام",
  decisionFlow: "نمودار تصمیم",
  training: "آموزش",
  filledFrom: (label) => `در طول تماس از «${label}» پر می‌شود`,
  units: ["روز", "ساعت", "دقیقه", "ثانیه"],
  locale: "fa",
};

const ALL: Record<string, SopLabels> = { en, el, fa };

export function labelsFor(language: string): SopLabels {
  return ALL[language.toLowerCase().split("-")[0] ?? "en"] ?? en;
}
