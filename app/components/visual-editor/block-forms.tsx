// One form per block kind: a step is a card with its title, a field a form, a script a text box with a picker of
// captured fields. Every control is a native input, select or button with a label, so the keyboard and screen
// readers work without anything of ours. Words are edited in the rich text editor (inline-editor.tsx, ProseMirror,
// ADR 024) once it has loaded; until then, and for a text it cannot show, in a text box holding the inline MDX.
import { useEffect, useId, useMemo, useRef, useState } from "react";
import type { ComponentName } from "../../../sop-schema/components";
import { compileFieldPattern, testFieldPattern } from "../../../sop-schema/pattern";
import { FIELD_TYPES } from "../../../sop-schema/types";
import { blockSource } from "../../../authoring/visual/blocks";
import type { Block, ComponentBlock, HeadingBlock, ListBlock } from "../../../authoring/visual/model";
import { printListItems, readListItems, type ListItems } from "../../../authoring/visual/list-items";
import { PROP_KINDS, type AnyProps, type FieldProps } from "../../../authoring/visual/props";
import { COMPONENT_LABELS, type PlacedDiagnostic } from "../../../authoring/visual/diagnostics";
import { fieldReference } from "../../../authoring/visual/text";
import { flowPicture } from "../../../authoring/visual/flow-graph";
import { FlowViewer } from "../../../flows/ui/flow-viewer";
import { FormField } from "../form";
import type { InlineEditorHandle } from "./inline-editor";

export type BlockActions = {
  setProps(id: string, patch: AnyProps): void;
  setText(id: string, text: string): void;
  /** rewrites a block from its source text (list, table, code, source blocks) */
  setSource(id: string, text: string): void;
  setHeading(id: string, depth: number, text: string): void;
  /** opens the flow editor on the flow with this id (the `id` of its <Flow>) */
  editFlow?(flowId: string): void;
  /** "/" typed in the block's empty words box (`from`): the block menu, to insert after the block */
  slash?(id: string, from: HTMLElement): void;
};

export type FormProps = {
  block: Block;
  actions: BlockActions;
  problems: readonly PlacedDiagnostic[];
  /** names of the fields the SOP captures, for the reference picker */
  fields: readonly string[];
  /** the SOP's direction (from its language), for the rich text boxes */
  dir?: "ltr" | "rtl";
};

/** What the editor calls a block, capitalised: "Step", "Script", "Paragraph". */
export function blockLabel(b: Block): string {
  const name =
    b.kind === "component"
      ? COMPONENT_LABELS[b.name]
      : (
          {
            paragraph: "paragraph",
            heading: "heading",
            list: "list",
            table: "table",
            code: "code block",
            thematicBreak: "divider",
            quote: "quote",
            comment: "note for editors",
            html: "HTML (not allowed)",
            source: "source",
          } as const
        )[b.kind];
  return name.charAt(0).toUpperCase() + name.slice(1);
}

function attributeError(problems: readonly PlacedDiagnostic[], attribute: string): string | undefined {
  const found = problems.filter((p) => p.attribute === attribute);
  return found.length ? found.map((p) => p.message).join(" · ") : undefined;
}

/** The single paragraph of a component that holds text (a script, a check), or "" when it has none. */
function componentText(b: ComponentBlock): string | null {
  const kids = b.children?.blocks ?? [];
  if (kids.length === 0) return "";
  if (kids.length === 1 && kids[0].kind === "paragraph") return kids[0].text;
  return null;
}

function TextProp(props: {
  block: ComponentBlock;
  prop: string;
  label: string;
  actions: BlockActions;
  problems: readonly PlacedDiagnostic[];
  hint?: string;
}) {
  const id = `${useId()}-${props.prop}`;
  const value = (props.block.props as Record<string, unknown>)[props.prop];
  return (
    <FormField id={id} label={props.label} hint={props.hint} error={attributeError(props.problems, props.prop)}>
      {(a) => (
        <input
          {...a}
          type="text"
          dir="auto"
          value={typeof value === "string" || typeof value === "number" ? String(value) : ""}
          onChange={(e) => props.actions.setProps(props.block.id, { [props.prop]: e.target.value })}
        />
      )}
    </FormField>
  );
}

function Advanced({ children }: { children: React.ReactNode }) {
  return (
    <details className="ve-advanced">
      <summary>Advanced</summary>
      {children}
    </details>
  );
}

/**
 * The text a box shows while it is typed in. The document keeps a block's words without white space at their ends
 * (the source has none there), so the space just typed at the end of a word would vanish before the next letter:
 * the box keeps what was typed as long as the document's text is that same text up to white space at its ends, and
 * takes the document's text when it changed otherwise (an undo, the source view, another block's edit).
 */
export function useTypedText(value: string, onChange: (text: string) => void): [string, (text: string) => void] {
  const [typed, setTyped] = useState(value);
  useEffect(() => {
    setTyped((t) => (t.trim() === value.trim() ? t : value));
  }, [value]);
  return [
    typed,
    (text) => {
      setTyped(text);
      onChange(text);
    },
  ];
}

/**
 * "Insert a captured field": a disclosure button whose list of field names is built only when it is opened (a
 * long SOP has hundreds of text boxes; a <select> in each would put thousands of options in the page). Esc closes
 * it and gives the focus back to the button; a pick hands it to the text box.
 */
function FieldPicker({ id, fields, onPick }: { id: string; fields: readonly string[]; onPick(name: string): void }) {
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key !== "Escape" || !open) return;
    e.preventDefault();
    e.stopPropagation();
    setOpen(false);
    buttonRef.current?.focus();
  };
  return (
    <span className="ve-pick">
      <button
        ref={buttonRef}
        type="button"
        className="ve-pick-button"
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        onKeyDown={onKeyDown}
        onClick={() => setOpen((v) => !v)}
      >
        Insert a captured field
      </button>
      {open ? (
        <ul className="ve-pick-list inline-list" id={id} aria-label="Captured fields">
          {fields.map((f) => (
            <li key={f}>
              <button
                type="button"
                className="ve-chip"
                onKeyDown={onKeyDown}
                onClick={() => {
                  setOpen(false);
                  onPick(f);
                }}
              >
                {`{${f}}`}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </span>
  );
}

type InlineEditorModule = typeof import("./inline-editor");
let inlineEditorModule: InlineEditorModule | null = null;
let inlineEditorLoading: Promise<InlineEditorModule> | null = null;

/**
 * The rich text editor's module, loaded with import() when the first words box mounts (so only on the editor
 * page, ADR 024); null until then, and for good when it fails (the boxes stay plain text boxes).
 */
function useInlineEditor(): InlineEditorModule | null {
  const [mod, setMod] = useState(inlineEditorModule);
  useEffect(() => {
    if (mod) return;
    let live = true;
    inlineEditorLoading ??= import("./inline-editor");
    inlineEditorLoading.then(
      (m) => {
        inlineEditorModule = m;
        if (live) setMod(m);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [mod]);
  return mod;
}

/**
 * Whether the element is within a screen of the viewport, from when `watch` is true (then true for good): a long
 * SOP has hundreds of words boxes, and each becomes a rich text box only as it comes near the screen, so that
 * opening stays quick. True at once where there is no IntersectionObserver.
 */
function useNearViewport(ref: React.RefObject<HTMLElement | null>, watch: boolean): boolean {
  const [near, setNear] = useState(false);
  useEffect(() => {
    if (!watch || near) return;
    const el = ref.current;
    if (!el || typeof IntersectionObserver === "undefined") return setNear(true);
    const io = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && setNear(true), {
      rootMargin: "100% 0px",
    });
    io.observe(el);
    return () => io.disconnect();
  }, [ref, watch, near]);
  return near;
}

/** The text box that was focused for a new block: the rich editor taking its place takes the focus. */
let richFocusFrom: Element | null = null;
export function handFocusToRich(el: Element | null) {
  richFocusFrom = el;
}

/**
 * A box for inline words (a paragraph, a heading, a script), with a picker that inserts a `{field}` reference:
 * the rich text editor once it has loaded and when it can show the text (`readInline`), else a text box holding
 * the inline MDX as written (inline JSX, HTML: never dropped, edited as source).
 */
function WordsBox(props: {
  id: string;
  label: string;
  value: string;
  onChange(text: string): void;
  fields: readonly string[];
  oneLine?: boolean;
  error?: string;
  /** the label is read to assistive tech but not shown (the block's own heading already says it) */
  quietLabel?: boolean;
  /** the SOP's direction, for the rich text editor (the text boxes take theirs from their words) */
  dir?: "ltr" | "rtl";
  /** a list item's keys: Enter adds the next item, Backspace in an empty one removes it */
  onEnter?(): void;
  onBackspaceEmpty?(): void;
  /** "/" typed in the empty box: opens the block menu (the slash is not typed) */
  onSlash?(from: HTMLElement): void;
}) {
  const ref = useRef<HTMLTextAreaElement & HTMLInputElement>(null);
  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement | HTMLTextAreaElement>) => {
    if (e.key === "/" && props.onSlash && !e.ctrlKey && !e.metaKey && !e.altKey && e.currentTarget.value === "") {
      e.preventDefault();
      props.onSlash(e.currentTarget);
    } else if (e.key === "Enter" && props.onEnter && !e.shiftKey) {
      e.preventDefault();
      props.onEnter();
    } else if (e.key === "Backspace" && props.onBackspaceEmpty && e.currentTarget.value === "") {
      e.preventDefault();
      props.onBackspaceEmpty();
    }
  };
  // the rich editor replaces the text box of a block just inserted and focused (handFocusToRich): it takes the focus
  const textFocused =
    typeof document !== "undefined" &&
    !!ref.current &&
    ref.current === richFocusFrom &&
    document.activeElement === ref.current;
  const rich = useRef<InlineEditorHandle>(null);
  const pickId = `${props.id}-pick`;
  const [value, change] = useTypedText(props.value, props.onChange);
  const editor = useInlineEditor();
  const near = useNearViewport(ref, editor !== null);
  /** what the rich editor last wrote: it can show it, whatever the check below would say */
  const written = useRef<string | null>(null);
  const readable = useMemo(
    () => editor !== null && (value === written.current || editor.readInline(value) !== null),
    [editor, value],
  );
  const insert = (name: string) => {
    const el = ref.current;
    const at = el?.selectionStart ?? value.length;
    const end = el?.selectionEnd ?? at;
    const reference = fieldReference(name);
    change(value.slice(0, at) + reference + value.slice(end));
    // the caret after the reference, once the box shows it
    requestAnimationFrame(() => ref.current?.setSelectionRange(at + reference.length, at + reference.length));
  };
  return (
    <FormField
      id={props.id}
      label={props.label}
      error={props.error}
      className={props.quietLabel ? "ve-quiet-label" : undefined}
    >
      {(a) => (
        <>
          {editor && readable && near ? (
            <editor.InlineEditor
              ref={rich}
              id={a.id}
              labelledBy={`${props.id}-label`}
              describedBy={a["aria-describedby"]}
              invalid={a["aria-invalid"]}
              dir={props.dir}
              oneLine={props.oneLine}
              onEnter={props.onEnter}
              onBackspaceEmpty={props.onBackspaceEmpty}
              autoFocus={textFocused}
              onSlash={props.onSlash}
              value={value}
              onChange={(t) => {
                written.current = t;
                change(t);
              }}
            />
          ) : props.oneLine ? (
            <input
              {...a}
              ref={ref}
              type="text"
              dir="auto"
              value={value}
              onKeyDown={onKeyDown}
              onChange={(e) => change(e.target.value)}
            />
          ) : (
            <textarea
              {...a}
              ref={ref}
              dir="auto"
              rows={Math.min(8, Math.max(2, value.split("\n").length))}
              value={value}
              onKeyDown={onKeyDown}
              onChange={(e) => change(e.target.value)}
            />
          )}
          {props.fields.length > 0 ? (
            <FieldPicker
              id={pickId}
              fields={props.fields}
              onPick={(name) => {
                if (rich.current) return rich.current.insertField(name);
                insert(name);
                ref.current?.focus();
              }}
            />
          ) : null}
        </>
      )}
    </FormField>
  );
}

function FieldForm({ block, actions, problems }: FormProps & { block: ComponentBlock<"Field"> }) {
  const base = useId();
  const p = block.props as FieldProps;
  const [sample, setSample] = useState("");
  const compiled = p.pattern ? compileFieldPattern(p.pattern, { ignoreCase: p.ignoreCase === true }) : null;
  const verdict =
    !p.pattern || sample === ""
      ? null
      : compiled && !compiled.ok
        ? "The pattern can't be checked until it is fixed"
        : testFieldPattern(p.pattern, sample, { ignoreCase: p.ignoreCase === true })
          ? "Matches the pattern"
          : "Does not match the pattern";
  const textLike = !p.type || ["text", "textarea", "phone", "email"].includes(p.type);
  return (
    <div className="ve-form">
      <TextProp block={block} prop="label" label="Label" actions={actions} problems={problems} />
      <FormField id={`${base}-type`} label="Type" error={attributeError(problems, "type")}>
        {(a) => (
          <select
            {...a}
            value={p.type ?? "text"}
            onChange={(e) =>
              actions.setProps(block.id, { type: e.target.value === "text" ? undefined : e.target.value })
            }
          >
            {FIELD_TYPES.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <div className="form-field ve-check">
        <input
          id={`${base}-required`}
          type="checkbox"
          checked={p.required === true}
          onChange={(e) => actions.setProps(block.id, { required: e.target.checked })}
        />
        <label htmlFor={`${base}-required`}>Required</label>
      </div>
      {p.type === "select" ? (
        <FormField
          id={`${base}-options`}
          label="Choices"
          hint="Separated by |"
          error={attributeError(problems, "options")}
        >
          {(a) => (
            <input
              {...a}
              type="text"
              dir="auto"
              value={(p.options ?? []).join("|")}
              onChange={(e) => actions.setProps(block.id, { options: e.target.value.split("|") })}
            />
          )}
        </FormField>
      ) : null}
      {textLike ? (
        <>
          <TextProp block={block} prop="pattern" label="Pattern" actions={actions} problems={problems} />
          {p.pattern ? (
            <FormField id={`${base}-try`} label="Try a value" hint={verdict ?? undefined}>
              {(a) => (
                <input {...a} type="text" dir="auto" value={sample} onChange={(e) => setSample(e.target.value)} />
              )}
            </FormField>
          ) : null}
        </>
      ) : null}
      <TextProp block={block} prop="help" label="Help" actions={actions} problems={problems} />
      <Advanced>
        <TextProp
          block={block}
          prop="name"
          label="Name used in scripts"
          hint="Lower-case letters, digits and _"
          actions={actions}
          problems={problems}
        />
        <TextProp block={block} prop="placeholder" label="Placeholder" actions={actions} problems={problems} />
        <div className="form-field ve-check">
          <input
            id={`${base}-sensitive`}
            type="checkbox"
            checked={p.sensitive === true}
            onChange={(e) => actions.setProps(block.id, { sensitive: e.target.checked })}
          />
          <label htmlFor={`${base}-sensitive`}>Sensitive (masked for everyone but the agent)</label>
        </div>
      </Advanced>
    </div>
  );
}

/** Every attribute of a component as a text box or a checkbox (nodes, edges, quizzes, scenarios, answers). */
function PropsForm({ block, actions, problems }: FormProps & { block: ComponentBlock }) {
  const base = useId();
  const kinds = PROP_KINDS[block.name as ComponentName] as Record<string, { kind: string }>;
  return (
    <div className="ve-form">
      {Object.entries(kinds).map(([prop, k]) => {
        const value = (block.props as Record<string, unknown>)[prop];
        if (k.kind === "bool" || k.kind === "escalate")
          return (
            <div className="form-field ve-check" key={prop}>
              <input
                id={`${base}-${prop}`}
                type="checkbox"
                checked={value !== undefined && value !== false}
                onChange={(e) => actions.setProps(block.id, { [prop]: e.target.checked })}
              />
              <label htmlFor={`${base}-${prop}`}>{prop}</label>
            </div>
          );
        return (
          <TextProp
            key={prop}
            block={block}
            prop={prop}
            label={prop}
            hint={k.kind === "list" ? "Separated by |" : undefined}
            actions={actions}
            problems={problems}
          />
        );
      })}
    </div>
  );
}

function HeadingForm({
  id,
  block,
  actions,
  dir,
}: {
  id: string;
  block: HeadingBlock;
  actions: BlockActions;
  dir?: "ltr" | "rtl";
}) {
  return (
    <div className="ve-form ve-heading">
      <FormField id={`${id}-level`} label="Level">
        {(a) => (
          <select
            {...a}
            value={block.depth}
            onChange={(e) => actions.setHeading(block.id, Number(e.target.value), block.text)}
          >
            <option value={2}>Section</option>
            <option value={3}>Sub-heading</option>
            <option value={4}>Small heading</option>
          </select>
        )}
      </FormField>
      <WordsBox
        id={`${id}-text`}
        label="Heading"
        oneLine
        value={block.text}
        fields={[]}
        dir={dir}
        onChange={(t) => actions.setHeading(block.id, block.depth, t)}
      />
    </div>
  );
}

/** A block without a visual form (a list, a table, code, anything unreadable): its source, edited in place. */
function SourceBox({
  id,
  block,
  actions,
  problems,
}: {
  id: string;
  block: Block;
  actions: BlockActions;
  problems: readonly PlacedDiagnostic[];
}) {
  const [text, change] = useTypedText(blockSource(block), (t) => actions.setSource(block.id, t));
  return (
    <FormField
      id={id}
      label={block.kind === "source" ? "Source (no visual form)" : "Markdown"}
      error={problems.length ? problems.map((p) => p.message).join(" · ") : undefined}
    >
      {(a) => (
        <textarea
          {...a}
          className="ve-source"
          dir="auto"
          spellCheck={false}
          rows={Math.min(12, Math.max(2, text.split("\n").length))}
          value={text}
          onChange={(e) => change(e.target.value)}
        />
      )}
    </FormField>
  );
}

/**
 * A flat list: its items as words boxes (Enter adds an item after, Backspace in an empty item removes it), and
 * numbered or bullets. Unchanged items keep their lines (list-items.ts); a nested list stays a source box.
 */
function ListForm({ block, actions, problems, fields, dir }: FormProps & { block: ListBlock }) {
  const read = useMemo(() => readListItems(block), [block]);
  const base = `ve-${block.id}`;
  const focusItem = useRef<number | null>(null);
  useEffect(() => {
    const i = focusItem.current;
    if (i === null) return;
    focusItem.current = null;
    document.getElementById(`${base}-item-${i}`)?.focus();
  });
  if (!read) return <SourceBox id={`${base}-source`} block={block} actions={actions} problems={problems} />;
  const write = (next: ListItems, focus?: number) => {
    if (focus !== undefined) focusItem.current = focus;
    actions.setSource(block.id, printListItems(block, next));
  };
  const set = (i: number, text: string) => write({ ...read, items: read.items.map((t, j) => (j === i ? text : t)) });
  const add = (at: number) => write({ ...read, items: [...read.items.slice(0, at), "", ...read.items.slice(at)] }, at);
  const remove = (i: number) => {
    if (read.items.length <= 1) return;
    write({ ...read, items: read.items.filter((_, j) => j !== i) }, Math.max(0, i - 1));
  };
  const Items = read.ordered ? "ol" : "ul";
  return (
    <div className="ve-form ve-list-form">
      <label className="ve-list-kind">
        <input type="checkbox" checked={read.ordered} onChange={(e) => write({ ...read, ordered: e.target.checked })} />
        Numbered list
      </label>
      <Items className="ve-list-items">
        {read.items.map((item, i) => (
          <li key={i}>
            <WordsBox
              id={`${base}-item-${i}`}
              label={`Item ${i + 1}`}
              quietLabel
              oneLine
              value={item}
              fields={fields}
              dir={dir}
              onChange={(t) => set(i, t)}
              onEnter={() => add(i + 1)}
              onBackspaceEmpty={read.items.length > 1 ? () => remove(i) : undefined}
            />
            <button
              type="button"
              className="ve-list-remove"
              aria-label={`Remove item ${i + 1}`}
              title="Remove item"
              disabled={read.items.length <= 1}
              onClick={() => remove(i)}
            >
              ×
            </button>
          </li>
        ))}
      </Items>
      <button type="button" onClick={() => add(read.items.length)}>
        Add item
      </button>
    </div>
  );
}

/**
 * A flow: its title, the diagram the SOP page draws (read-only; drawn only once the block comes near the screen,
 * as a long SOP has several) and "Edit flow", which opens the flow editor. Its boxes and arrows are not forms
 * here; their problems are listed under the block (diagnostics.ts places them on the Flow).
 */
function FlowForm({ block, actions, problems, dir }: FormProps & { block: ComponentBlock }) {
  const picture = useMemo(() => flowPicture(block), [block]);
  const box = useRef<HTMLDivElement>(null);
  // React Flow measures with ResizeObserver (every browser has it; a test DOM may not): without it, no drawing.
  const near = useNearViewport(box, true) && typeof ResizeObserver !== "undefined";
  const nodes = picture.nodes.length;
  const title = picture.title || "Untitled flow";
  return (
    <div className="ve-form">
      <TextProp block={block} prop="title" label="Title" actions={actions} problems={problems} />
      <div ref={box} className="ve-flow-diagram" data-drawn={near && nodes > 0 ? "" : undefined}>
        {nodes === 0 ? (
          <p className="ve-summary">No boxes yet: “Edit flow” draws them.</p>
        ) : near ? (
          <FlowViewer
            flow={picture}
            textDir={dir}
            label={`Diagram: ${title}`}
            height={Math.min(360, 120 + nodes * 40)}
          />
        ) : (
          <p className="ve-summary">
            {nodes} {nodes === 1 ? "box" : "boxes"}
          </p>
        )}
      </div>
      {actions.editFlow ? (
        <button type="button" onClick={() => actions.editFlow?.(picture.id)}>
          Edit flow
        </button>
      ) : null}
    </div>
  );
}

/** The form of a block (children, for a component that has them, are the block list's business). */
export function BlockForm(props: FormProps) {
  const { block, actions, problems, fields, dir } = props;
  const base = useId();
  if (block.kind === "paragraph")
    return (
      <WordsBox
        id={`${base}-text`}
        label="Text"
        quietLabel
        value={block.text}
        fields={fields}
        dir={dir}
        onSlash={actions.slash ? (from) => actions.slash?.(block.id, from) : undefined}
        onChange={(t) => actions.setText(block.id, t)}
      />
    );
  if (block.kind === "heading") return <HeadingForm id={base} block={block} actions={actions} dir={dir} />;
  if (block.kind !== "component") {
    if (block.kind === "thematicBreak") return null;
    if (block.kind === "list") return <ListForm {...props} block={block} />;
    return <SourceBox id={`${base}-source`} block={block} actions={actions} problems={problems} />;
  }
  switch (block.name) {
    case "Step":
      return (
        <div className="ve-form">
          <TextProp block={block} prop="title" label="Title" actions={actions} problems={problems} />
          <Advanced>
            <TextProp
              block={block}
              prop="id"
              label="Id"
              hint="Lower-case letters, digits and dashes; give one when a flow jumps to this step"
              actions={actions}
              problems={problems}
            />
          </Advanced>
        </div>
      );
    case "Field":
      return <FieldForm {...props} block={block as ComponentBlock<"Field">} />;
    case "Escalate":
      return (
        <div className="ve-form">
          <TextProp block={block} prop="to" label="Escalate to" actions={actions} problems={problems} />
          <TextProp block={block} prop="reason" label="When" actions={actions} problems={problems} />
        </div>
      );
    case "Template":
      return <TextProp block={block} prop="title" label="Title" actions={actions} problems={problems} />;
    case "Flow":
      return <FlowForm {...props} block={block} />;
    case "Say":
    case "Check":
    case "Tip":
    case "Warning": {
      const text = componentText(block);
      if (text === null) return null; // several blocks: the block list shows them
      return (
        <WordsBox
          id={`${base}-words`}
          label={
            block.name === "Say" ? "What the agent says" : block.name === "Check" ? "What the agent ticks off" : "Text"
          }
          value={text}
          fields={fields}
          dir={dir}
          oneLine={block.name === "Check"}
          onSlash={actions.slash ? (from) => actions.slash?.(block.id, from) : undefined}
          onChange={(t) => actions.setText(block.id, t)}
        />
      );
    }
    default:
      return <PropsForm {...props} block={block} />;
  }
}
