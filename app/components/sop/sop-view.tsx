import { createContext, Fragment, useContext, useId, useMemo, useRef, type ReactNode, type RefObject } from "react";
import type { SopDocumentWithoutKey } from "../../../sop-schema/answer-key";
import type { TableAlign } from "../../../sop-schema/types";
import type {
  Block,
  FieldDef,
  Flow,
  GlossaryEntry,
  Inline,
  Quiz,
  Scenario,
  SopDocument,
  Step,
} from "../../../sop-schema/types";
import { blocksPlainText } from "../../../sop-schema/plain-text";
import { inlineText } from "../../../sop-schema/inline";
import { CopyButton } from "../run/copy";
import { FlowFigure } from "./flow-figure";
import { formatSeconds, labelsFor, type SopLabels } from "./labels";
import "./sop-blocks.css";

export type TemplateBlock = Extract<Block, { type: "template" }>;

/**
 * Interactive renderers the runbook plugs in; the read-only SOP page uses the defaults.
 * Each returns the element to show instead of the static preview.
 */
export type Renderers = {
  field?: (field: FieldDef) => ReactNode;
  checks?: (checks: Extract<Block, { type: "check" }>[]) => ReactNode;
  flow?: (flow: Flow) => ReactNode;
  variable?: (name: string, label: string) => ReactNode;
  escalateAction?: (block: Extract<Block, { type: "escalate" }>) => ReactNode;
  /**
   * A `<Template>`'s Copy control (the run copies it with the call's values filled in). `body` is the rendered
   * template, selected by hand where the clipboard is refused; `describedBy` the id of its title.
   */
  templateCopy?: (block: TemplateBlock, body: RefObject<HTMLElement | null>, describedBy: string) => ReactNode;
};

/**
 * How quiz and scenario blocks render. "hidden" (the default): not at all — agents on a live call and readers
 * never see a quiz or a scenario, and never their answer key. "author": a card with everything, the correct
 * answers marked (the editor preview, and other author-only views).
 */
export type TrainingDisplay = "hidden" | "author";

type Ctx = {
  fields: Map<string, FieldDef>;
  glossary: Map<string, string>;
  flows: Map<string, Flow>;
  steps: Map<string, Step>;
  quizzes: Map<string, Quiz>;
  scenarios: Map<string, Scenario>;
  training: TrainingDisplay;
  t: SopLabels;
  renderers: Renderers;
  /** The viewer may edit this SOP: show authoring details (field names, outcome ids). */
  authoring: boolean;
  /** A published version's content hash: its diagrams come from the server's per-version cache. */
  versionKey?: string;
};
const DocContext = createContext<Ctx>({
  fields: new Map(),
  glossary: new Map(),
  flows: new Map(),
  steps: new Map(),
  quizzes: new Map(),
  scenarios: new Map(),
  training: "hidden",
  t: labelsFor("en"),
  renderers: {},
  authoring: true,
});

export function useSopContext(): Ctx {
  return useContext(DocContext);
}

const NO_RENDERERS: Renderers = {};

/**
 * Makes a document's fields, terms, flows and labels available to Blocks/Inlines rendered below it. The value
 * changes only with the document, the renderers object, `authoring` and `versionKey` (pass a stable `renderers`,
 * e.g. from useMemo, or every consumer re-renders with the parent).
 */
export function SopProvider({
  doc,
  renderers = NO_RENDERERS,
  authoring = true,
  versionKey,
  training = "hidden",
  children,
}: {
  /** the answer key is not needed to render: a trainee's copy without it renders the same */
  doc: SopDocument | SopDocumentWithoutKey;
  renderers?: Renderers;
  authoring?: boolean;
  versionKey?: string;
  /** Quizzes and scenarios: not rendered (default), or the author's card with the answer key. */
  training?: TrainingDisplay;
  children: ReactNode;
}) {
  const maps = useMemo(
    () => ({
      fields: new Map(doc.fields.map((f) => [f.name, f])),
      glossary: new Map(doc.glossary.map((g) => [g.term, g.meaning])),
      flows: new Map(doc.flows.map((f) => [f.id, f])),
      steps: new Map(doc.steps.map((s) => [s.id, s])),
      // Only the "author" display reads the answer key, and authors get the full document; a trainee's copy
      // (without the key) is rendered with training "hidden".
      quizzes: new Map((doc.quizzes ?? []).map((q) => [q.id, q as Quiz])),
      scenarios: new Map((doc.scenarios ?? []).map((s) => [s.id, s as Scenario])),
    }),
    [doc],
  );
  const language = doc.meta.language;
  const value = useMemo<Ctx>(
    () => ({ ...maps, t: labelsFor(language), renderers, authoring, versionKey, training }),
    [maps, language, renderers, authoring, versionKey, training],
  );
  return <DocContext.Provider value={value}>{children}</DocContext.Provider>;
}

type SopViewProps = {
  /** the answer key is not needed to render: a trainee's copy without it renders the same */
  doc: SopDocument | SopDocumentWithoutKey;
  version: number;
  /** the title's heading level: h2 where the page has its own h1 (a procedure's training page) */
  titleLevel?: 1 | 2;
  departmentName: string;
  actions?: ReactNode;
  /**
   * false for viewers who cannot edit the SOP (agents): no "captured as {field}", field names or outcome ids. Default
   * true (editor preview, review).
   */
  authoring?: boolean;
  /** Only for a published version: its content hash, the key of the server's diagram cache (diagram-cache.ts). */
  versionKey?: string;
  /**
   * Quizzes and scenarios: "hidden" (default) renders nothing for them; "author" shows each as a card with
   * its questions, options, the correct answers marked and the explanations (a scenario: the customer, the
   * opening line, their answers and the expected outcome). Only for people who may see the answer key.
   */
  training?: TrainingDisplay;
};

/** Renders a stored, already-parsed SOP. Pure: no parsing, no data fetching, no authored code. */
export function SopView({ authoring = true, versionKey, training = "hidden", ...props }: SopViewProps) {
  return (
    <SopProvider doc={props.doc} authoring={authoring} versionKey={versionKey} training={training}>
      <SopArticle {...props} />
    </SopProvider>
  );
}

function SopArticle({
  doc,
  version,
  departmentName,
  actions,
  titleLevel = 1,
}: Omit<SopViewProps, "authoring" | "versionKey" | "training">) {
  const ctx = useContext(DocContext);
  const { t } = ctx;
  const { meta } = doc;
  return (
    <>
      <article className="sop" lang={meta.language} dir={meta.direction} aria-labelledby="sop-title">
        <header className="sop-header">
          <p className="eyebrow">{departmentName}</p>
          {titleLevel === 1 ? (
            <h1 id="sop-title">{meta.title}</h1>
          ) : (
            <h2 id="sop-title" className="sop-title-h2">
              {meta.title}
            </h2>
          )}
          <p className="sop-purpose">{meta.purpose}</p>
          {actions}
          <dl className="sop-facts">
            <div>
              <dt>{t.handleTime}</dt>
              <dd>{formatSeconds(t, meta.targets.handleTimeSeconds)}</dd>
            </div>
            {meta.targets.firstResponseSeconds != null ? (
              <div>
                <dt>{t.firstResponse}</dt>
                <dd>{formatSeconds(t, meta.targets.firstResponseSeconds)}</dd>
              </div>
            ) : null}
            <div>
              <dt>{t.steps}</dt>
              <dd>{doc.stats.steps.toLocaleString(t.locale)}</dd>
            </div>
            <div>
              <dt>{t.version}</dt>
              <dd>v{version}</dd>
            </div>
            {meta.owner ? (
              <div>
                <dt>{t.owner}</dt>
                <dd dir="ltr">{meta.owner}</dd>
              </div>
            ) : null}
            {meta.reviewEvery || meta.reviewBy ? (
              <div>
                <dt>{t.review}</dt>
                <dd>
                  {meta.reviewBy
                    ? t.reviewBy(meta.reviewBy)
                    : t.reviewEvery(
                        meta.reviewEveryDays
                          ? formatSeconds(t, meta.reviewEveryDays * 86400)
                          : (meta.reviewEvery ?? ""),
                      )}
                </dd>
              </div>
            ) : null}
          </dl>
          {meta.tags.length ? (
            <ul className="tags" aria-label={t.tags}>
              {meta.tags.map((t) => (
                <li className="tag" key={t}>
                  {t}
                </li>
              ))}
            </ul>
          ) : null}
        </header>

        <div className="sop-layout">
          <aside className="sop-aside" aria-label="About this procedure">
            <nav className="toc" aria-labelledby="toc-title">
              <h2 id="toc-title">{t.contents}</h2>
              <ol>
                {doc.sections.map((section) =>
                  section.title === null && section.stepIds.length === 0 ? null : (
                    <li key={section.id}>
                      <a href={`#section-${section.id}`}>{section.title ?? t.introduction}</a>
                      {section.stepIds.length ? (
                        <ol>
                          {section.stepIds.map((id) => {
                            const step = ctx.steps.get(id);
                            return step ? (
                              <li key={id}>
                                <a href={`#step-${id}`}>
                                  <span className="toc-num">{step.number.toLocaleString(t.locale)}.</span> {step.title}
                                </a>
                              </li>
                            ) : null;
                          })}
                        </ol>
                      ) : null}
                    </li>
                  ),
                )}
              </ol>
            </nav>
            {doc.glossary.length ? <Glossary entries={doc.glossary} title={t.terms} /> : null}
          </aside>

          <div className="sop-body">
            {doc.sections.map((section) => {
              const items = section.items ?? [
                { kind: "blocks" as const, blocks: section.intro },
                ...section.stepIds.map((stepId) => ({ kind: "step" as const, stepId })),
              ];
              return (
                <section
                  key={section.id}
                  id={`section-${section.id}`}
                  className="sop-section"
                  aria-labelledby={section.title ? `section-title-${section.id}` : undefined}
                >
                  {section.title ? (
                    <h2 id={`section-title-${section.id}`} className="sop-section-title">
                      {section.number > 0 ? (
                        <span className="sop-section-num">{section.number.toLocaleString(t.locale)}</span>
                      ) : null}
                      {section.title}
                    </h2>
                  ) : null}
                  {items.map((item, i) => {
                    if (item.kind === "blocks") return <Blocks key={`b${i}`} blocks={item.blocks} />;
                    const step = ctx.steps.get(item.stepId);
                    return step ? <StepView key={step.id} step={step} /> : null;
                  })}
                </section>
              );
            })}
          </div>
        </div>
      </article>
    </>
  );
}

function StepView({ step }: { step: Step }) {
  const { t } = useContext(DocContext);
  return (
    <section className="step" id={`step-${step.id}`} aria-labelledby={`step-title-${step.id}`}>
      <h3 className="step-title" id={`step-title-${step.id}`}>
        <span className="step-num" aria-hidden="true">
          {step.number.toLocaleString(t.locale)}
        </span>
        <span className="visually-hidden">{t.step(step.number)}: </span>
        {step.title}
      </h3>
      <div className="step-body">
        <Blocks blocks={step.blocks} />
      </div>
    </section>
  );
}

/** Consecutive checks render as one checklist. */
export function Blocks({ blocks }: { blocks: Block[] }) {
  const { renderers } = useContext(DocContext);
  const out: ReactNode[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i]!;
    if (block.type === "check") {
      const group: Extract<Block, { type: "check" }>[] = [];
      while (i < blocks.length && blocks[i]!.type === "check")
        group.push(blocks[i++] as Extract<Block, { type: "check" }>);
      i--;
      if (renderers.checks) {
        out.push(<Fragment key={`checks-${group[0]!.id}`}>{renderers.checks(group)}</Fragment>);
        continue;
      }
      out.push(
        <ul className="checklist" key={`checks-${group[0]!.id}`}>
          {group.map((c) => (
            <li key={c.id}>
              <span className="checkbox" aria-hidden="true" />
              <span>
                <Inlines nodes={c.children} />
              </span>
            </li>
          ))}
        </ul>,
      );
    } else {
      out.push(<BlockView key={i} block={block} />);
    }
  }
  return <>{out}</>;
}

function BlockView({ block }: { block: Block }) {
  const { t, renderers } = useContext(DocContext);
  switch (block.type) {
    case "paragraph":
      return (
        <p>
          <Inlines nodes={block.children} />
        </p>
      );
    case "heading": {
      const Tag = `h${Math.min(6, block.depth + 1)}` as "h4" | "h5" | "h6";
      return (
        <Tag className="block-heading">
          <Inlines nodes={block.children} />
        </Tag>
      );
    }
    case "list": {
      const items = block.items.map((item, i) => (
        <li key={i}>
          <Blocks blocks={item} />
        </li>
      ));
      return block.ordered ? <ol start={block.start}>{items}</ol> : <ul>{items}</ul>;
    }
    case "blockquote":
      return (
        <blockquote>
          <Blocks blocks={block.children} />
        </blockquote>
      );
    case "code":
      return (
        <pre className="code-block">
          <code>{block.value}</code>
        </pre>
      );
    case "thematicBreak":
      return <hr />;
    case "say":
      return (
        <div className="say" role="group" aria-label={t.sayToCustomer}>
          <span className="say-label" aria-hidden="true">
            {t.say}
          </span>
          <div className="say-text">
            <Blocks blocks={block.children} />
          </div>
        </div>
      );
    case "field":
      return renderers.field ? <>{renderers.field(block.field)}</> : <FieldPreview field={block.field} />;
    case "check":
      return <Blocks blocks={[block]} />;
    case "tip":
      return (
        <aside className="callout callout-tip" aria-label={t.tip}>
          <strong className="callout-label">{t.tip}</strong>
          <Blocks blocks={block.children} />
        </aside>
      );
    case "warning":
      return (
        <aside className="callout callout-warning" aria-label={t.warning}>
          <strong className="callout-label">{t.warning}</strong>
          <Blocks blocks={block.children} />
        </aside>
      );
    case "escalate":
      return (
        <aside className="callout callout-escalate" aria-label={t.escalateTo(block.to)}>
          <strong className="callout-label">{t.escalateTo(block.to)}</strong>
          <p className="escalate-when">
            <span className="muted">{t.when} </span>
            {block.reason}
          </p>
          <Blocks blocks={block.children} />
          {renderers.escalateAction ? renderers.escalateAction(block) : null}
        </aside>
      );
    case "flow":
      return <FlowBlock flowId={block.flowId} />;
    case "quiz":
      return <QuizBlock quizId={block.quizId} />;
    case "scenario":
      return <ScenarioBlock scenarioId={block.scenarioId} />;
    case "table":
      return <TableView block={block} />;
    case "template":
      return <TemplateView block={block} />;
  }
}

// ---- tables and templates -----------------------------------------------------------------------

/** GFM "left" and "right" are the start and end sides (the right side is the start of a right-to-left SOP). */
const ALIGN_CLASS: Record<Exclude<TableAlign, null>, string> = {
  left: "align-start",
  center: "align-center",
  right: "align-end",
};
const alignClass = (a: TableAlign | undefined) => (a ? ALIGN_CLASS[a] : undefined);

function TableView({ block }: { block: Extract<Block, { type: "table" }> }) {
  const { t } = useContext(DocContext);
  const columns = block.head
    .map((cell) => inlineText(cell).trim())
    .filter(Boolean)
    .join(", ");
  return (
    // A wide table scrolls sideways inside its own box: focusable, so the keyboard scrolls it too.
    <div className="table-wrap sop-table-wrap" tabIndex={0} role="region" aria-label={t.table(columns)}>
      <table className="table sop-table">
        <thead>
          <tr>
            {block.head.map((cell, i) => (
              <th key={i} scope="col" className={alignClass(block.align[i])}>
                <Inlines nodes={cell} />
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {block.rows.map((row, r) => (
            <tr key={r}>
              {row.map((cell, i) => (
                <td key={i} className={alignClass(block.align[i])}>
                  <Inlines nodes={cell} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A canned reply: collapsed under its title; opened, its text and a Copy button. */
function TemplateView({ block }: { block: TemplateBlock }) {
  const { t, renderers, fields } = useContext(DocContext);
  const id = useId();
  const body = useRef<HTMLDivElement>(null);
  const titleId = `${id}-title`;
  // Outside a call a reference copies as its label in brackets, to fill in by hand: "[Customer name]".
  const text = () => blocksPlainText(block.children, (name) => `[${fields.get(name)?.label ?? name}]`);
  return (
    <details className="template">
      <summary className="template-summary">
        <span className="template-kind">{t.template}</span>
        <span className="template-title" id={titleId}>
          {block.title || t.template}
        </span>
      </summary>
      <div className="template-body" ref={body}>
        <Blocks blocks={block.children} />
      </div>
      <div className="template-actions">
        {renderers.templateCopy ? (
          renderers.templateCopy(block, body, titleId)
        ) : (
          <CopyButton text={text} fallback={body} labels={t.copy} describedBy={titleId} />
        )}
      </div>
    </details>
  );
}

// ---- training (author view only) ----------------------------------------------------------------
// The chrome words are English for now (the author UI is English); the authored text keeps the SOP's language.

const QUESTION_KIND: Record<Quiz["questions"][number]["type"], string> = {
  single: "one answer",
  multiple: "several answers",
  text: "typed answer",
};

function QuizBlock({ quizId }: { quizId: string }) {
  const { quizzes, training, t } = useContext(DocContext);
  const id = useId();
  const quiz = quizzes.get(quizId);
  if (training !== "author" || !quiz) return null;
  return (
    <section className="training-card training-quiz" aria-labelledby={`${id}-title`}>
      <header className="training-card-head">
        <span className="training-kind">
          {t.training} · <span lang="en">Quiz</span>
        </span>
        <p className="training-title" id={`${id}-title`}>
          {quiz.title}
        </p>
        <p className="training-meta" lang="en">
          {`Pass mark ${quiz.passPercent}% · ` +
            (quiz.maxAttempts === null
              ? "unlimited attempts"
              : `${quiz.maxAttempts} attempt${quiz.maxAttempts === 1 ? "" : "s"}`) +
            " · id "}
          <code dir="ltr">{quiz.id}</code>
        </p>
      </header>
      <ol className="quiz-questions">
        {quiz.questions.map((q) => (
          <li key={q.id} className="quiz-question">
            <p className="quiz-prompt">
              {q.prompt}{" "}
              <span className="quiz-question-kind" lang="en">
                ({QUESTION_KIND[q.type]})
              </span>
            </p>
            {q.type === "text" ? (
              <div className="quiz-accepted">
                <span className="quiz-accepted-label" lang="en">
                  Accepted answers:
                </span>{" "}
                <ul className="quiz-accepted-list">
                  {q.answers.map((a) => (
                    <li key={a}>{a}</li>
                  ))}
                </ul>
              </div>
            ) : (
              <ul className="quiz-options">
                {q.options.map((o) => {
                  const correct = q.answers.includes(o);
                  return (
                    <li key={o} className={correct ? "quiz-option is-correct" : "quiz-option"}>
                      <span className="quiz-mark" aria-hidden="true">
                        {correct ? "✓" : ""}
                      </span>
                      <span>{o}</span>
                      {correct ? (
                        <span className="quiz-correct-label" lang="en">
                          correct
                        </span>
                      ) : null}
                    </li>
                  );
                })}
              </ul>
            )}
            {q.explanation.length ? (
              <div className="quiz-explanation">
                <span className="quiz-explanation-label" lang="en">
                  Explanation
                </span>
                <Blocks blocks={q.explanation} />
              </div>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}

function ScenarioBlock({ scenarioId }: { scenarioId: string }) {
  const { scenarios, fields, flows, training, t } = useContext(DocContext);
  const id = useId();
  const scenario = scenarios.get(scenarioId);
  if (training !== "author" || !scenario) return null;
  const { expect } = scenario;
  return (
    <section className="training-card training-scenario" aria-labelledby={`${id}-title`}>
      <header className="training-card-head">
        <span className="training-kind">
          {t.training} · <span lang="en">Practice scenario</span>
        </span>
        <p className="training-title" id={`${id}-title`}>
          {scenario.title}
        </p>
        <p className="training-meta" lang="en">
          id <code dir="ltr">{scenario.id}</code>
        </p>
      </header>
      <dl className="training-facts">
        <div>
          <dt lang="en">Customer</dt>
          <dd>{scenario.customer}</dd>
        </div>
        <div>
          <dt lang="en">Expected outcome</dt>
          <dd>
            <code dir="ltr">{expect.outcome}</code>
            <span lang="en">
              {" · " +
                (expect.escalate ? (expect.escalateTo ? "must escalate to " : "must escalate") : "must not escalate")}
            </span>
            {expect.escalateTo ? <bdi>{expect.escalateTo}</bdi> : null}
          </dd>
        </div>
      </dl>
      {scenario.opening.length ? (
        <div className="say scenario-opening" role="group" aria-label="The customer says">
          <span className="say-label" lang="en" aria-hidden="true">
            Customer says
          </span>
          <div className="say-text">
            <Blocks blocks={scenario.opening} />
          </div>
        </div>
      ) : null}
      {scenario.answers.length ? (
        <ul className="scenario-answers" aria-label="The customer's answers">
          {scenario.answers.map((a, i) => {
            if (a.kind === "field") {
              const field = fields.get(a.field);
              return (
                <li key={i}>
                  <span className="scenario-answer-to">{field?.label ?? a.field}</span>{" "}
                  <code dir="ltr">{`{${a.field}}`}</code>
                  {": "}
                  <strong className="scenario-answer-value">
                    <bdi>{a.value}</bdi>
                  </strong>
                  {a.says ? <q className="scenario-answer-says">{a.says}</q> : null}
                </li>
              );
            }
            const node = flows.get(a.flowId)?.nodes.find((n) => n.id === a.nodeId);
            return (
              <li key={i}>
                <span className="scenario-answer-to">{node?.label ?? a.nodeId}</span> <code dir="ltr">{a.nodeId}</code>
                {": "}
                <strong className="scenario-answer-value">
                  <bdi>{a.choose}</bdi>
                </strong>
                {a.says ? <q className="scenario-answer-says">{a.says}</q> : null}
              </li>
            );
          })}
        </ul>
      ) : null}
    </section>
  );
}

function FlowBlock({ flowId }: { flowId: string }) {
  const { flows, steps, t, renderers, authoring, versionKey } = useContext(DocContext);
  const flow = flows.get(flowId);
  if (!flow) return null;
  if (renderers.flow) return <>{renderers.flow(flow)}</>;
  return (
    <FlowFigure
      flow={flow}
      caption={t.decisionFlow}
      stepTitle={(id) => steps.get(id)?.title}
      authoring={authoring}
      versionKey={versionKey}
    />
  );
}

const INPUT_TYPES: Record<FieldDef["type"], string> = {
  text: "text",
  textarea: "text",
  number: "number",
  date: "date",
  select: "text",
  phone: "tel",
  email: "email",
  "yes-no": "text",
};

function FieldPreview({ field }: { field: FieldDef }) {
  const { t, authoring } = useContext(DocContext);
  const id = `field-${field.name}`;
  const hintId = field.help ? `${id}-help` : undefined;
  let control: ReactNode;
  if (field.type === "select") {
    control = (
      <select id={id} disabled aria-describedby={hintId} defaultValue="">
        <option value="">{t.choose}</option>
        {(field.options ?? []).map((o) => (
          <option key={o}>{o}</option>
        ))}
      </select>
    );
  } else if (field.type === "yes-no") {
    control = (
      <div className="yes-no" id={id} role="radiogroup" aria-label={field.label}>
        <label className="radio">
          <input type="radio" disabled name={id} /> {t.yes}
        </label>
        <label className="radio">
          <input type="radio" disabled name={id} /> {t.no}
        </label>
      </div>
    );
  } else if (field.type === "textarea") {
    control = <textarea id={id} disabled rows={3} placeholder={field.placeholder} aria-describedby={hintId} />;
  } else {
    control = (
      <input
        id={id}
        type={INPUT_TYPES[field.type]}
        disabled
        placeholder={field.placeholder}
        aria-describedby={hintId}
      />
    );
  }
  return (
    <div className="field-preview">
      <label htmlFor={id}>
        {field.label}
        {field.required ? <span className="required"> ({t.required})</span> : null}
      </label>
      {control}
      {field.help ? (
        <p className="field-hint" id={hintId}>
          {field.help}
        </p>
      ) : null}
      {authoring ? (
        <p className="field-meta">
          {t.capturedAs} <code dir="ltr">{`{${field.name}}`}</code>
        </p>
      ) : null}
    </div>
  );
}

function Glossary({ entries, title }: { entries: GlossaryEntry[]; title: string }) {
  return (
    <section className="glossary" aria-labelledby="glossary-title">
      <h2 id="glossary-title">{title}</h2>
      <dl>
        {entries.map((e) => (
          <Fragment key={e.term}>
            <dt>{e.term}</dt>
            <dd>{e.meaning}</dd>
          </Fragment>
        ))}
      </dl>
    </section>
  );
}

export function Inlines({ nodes }: { nodes: Inline[] }) {
  return (
    <>
      {nodes.map((n, i) => (
        <InlineView key={i} node={n} />
      ))}
    </>
  );
}

function InlineView({ node }: { node: Inline }) {
  switch (node.type) {
    case "text":
      return <>{node.value}</>;
    case "strong":
      return (
        <strong>
          <Inlines nodes={node.children} />
        </strong>
      );
    case "emphasis":
      return (
        <em>
          <Inlines nodes={node.children} />
        </em>
      );
    case "delete":
      return (
        <del>
          <Inlines nodes={node.children} />
        </del>
      );
    case "code":
      return <code>{node.value}</code>;
    case "break":
      return <br />;
    case "link": {
      const external = /^https?:/i.test(node.url);
      return (
        <a href={node.url} title={node.title} {...(external ? { target: "_blank", rel: "noopener noreferrer" } : {})}>
          <Inlines nodes={node.children} />
        </a>
      );
    }
    case "var":
      return <VarChip name={node.name} />;
    case "term":
      return <Term term={node.term} text={node.text} />;
  }
}

function VarChip({ name }: { name: string }) {
  const { fields, t, renderers } = useContext(DocContext);
  const label = fields.get(name)?.label ?? name;
  if (renderers.variable) return <>{renderers.variable(name, label)}</>;
  return (
    <span className="var" title={t.filledFrom(label)}>
      {label}
    </span>
  );
}

function Term({ term, text }: { term: string; text: string }) {
  const { glossary } = useContext(DocContext);
  const id = useId();
  const meaning = glossary.get(term);
  if (!meaning) return <>{text}</>;
  return (
    // focusable so that keyboard users get the meaning too (the tooltip shows on focus, WCAG 1.4.13)
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- see above
    <span className="term" tabIndex={0} aria-describedby={id}>
      {text}
      <span className="term-tip" role="tooltip" id={id}>
        <strong>{term}</strong>: {meaning}
      </span>
    </span>
  );
}
