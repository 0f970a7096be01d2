// The rich text box of a paragraph, heading, script, check, tip or warning (ADR 024): ProseMirror with our own
// small schema — text, strong, emphasis, code, links, hard breaks and `{field}` references as chips. Loaded with
// import() by the words box (block-forms.tsx), which shows a plain text box until it has loaded. The text comes
// in and goes out as inline MDX (authoring/visual/inline-doc.ts): a text that was read prints back as written,
// and an edit that leaves the document as it was gives back the text it was opened with.
import { useEffect, useId, useImperativeHandle, useRef, useState, type Ref } from "react";
import { Schema, type Mark, type Node as PmNode } from "prosemirror-model";
import { EditorState, TextSelection, type Command } from "prosemirror-state";
import { EditorView } from "prosemirror-view";
import { keymap } from "prosemirror-keymap";
import { baseKeymap, toggleMark } from "prosemirror-commands";
import { history, redo, undo } from "prosemirror-history";
import { printInline, readInline, type InlineMark, type InlineRun } from "../../../authoring/visual/inline-doc";
import { checkLinkUrl } from "../../../authoring/visual/link-url";

export { readInline };

export const schema = new Schema({
  nodes: {
    doc: { content: "inline*" },
    text: { group: "inline" },
    field: {
      group: "inline",
      inline: true,
      atom: true,
      marks: "link strong emphasis",
      attrs: { name: {}, raw: {} },
      toDOM: (n) => [
        "span",
        { class: "ve-ref", "data-field": n.attrs.name as string, contenteditable: "false", dir: "ltr" },
        n.attrs.name as string,
      ],
      parseDOM: [
        {
          tag: "span[data-field]",
          getAttrs: (el) => {
            const name = (el as HTMLElement).dataset.field ?? "";
            return { name, raw: `{${name}}` };
          },
        },
      ],
    },
    hard_break: {
      group: "inline",
      inline: true,
      selectable: false,
      attrs: { raw: { default: "\\\n" } },
      toDOM: () => ["br"],
      parseDOM: [{ tag: "br" }],
    },
  },
  // in the order they nest in (authoring/visual/inline-doc.ts MARK_ORDER)
  marks: {
    link: {
      attrs: { href: {}, title: { default: null }, tail: { default: null } },
      inclusive: false,
      toDOM: (m) => ["a", { href: m.attrs.href as string, title: m.attrs.title as string | null }, 0],
      parseDOM: [
        {
          tag: "a[href]",
          getAttrs: (el) => ({
            href: (el as HTMLElement).getAttribute("href"),
            title: (el as HTMLElement).title || null,
          }),
        },
      ],
    },
    strong: {
      attrs: { marker: { default: "**" } },
      toDOM: () => ["strong", 0],
      parseDOM: [{ tag: "strong" }, { tag: "b" }],
    },
    emphasis: { attrs: { marker: { default: "*" } }, toDOM: () => ["em", 0], parseDOM: [{ tag: "em" }, { tag: "i" }] },
    code: {
      attrs: { fence: { default: "`" }, pad: { default: false } },
      code: true,
      toDOM: () => ["code", 0],
      parseDOM: [{ tag: "code" }],
    },
  },
});

function pmMarks(marks: readonly InlineMark[]): Mark[] {
  return marks.map(({ type, ...attrs }) => schema.marks[type].create(attrs));
}

/** The editor's document for runs read from inline MDX. */
export function docFromRuns(runs: readonly InlineRun[]): PmNode {
  const kids = runs.map((r) =>
    r.type === "text"
      ? schema.text(r.text, pmMarks(r.marks))
      : r.type === "field"
        ? schema.nodes.field.create({ name: r.name, raw: r.raw }, null, pmMarks(r.marks))
        : schema.nodes.hard_break.create({ raw: r.raw }, null, pmMarks(r.marks)),
  );
  return schema.nodes.doc.create(null, kids);
}

/** The runs of the editor's document, to print as inline MDX. */
export function runsFromDoc(doc: PmNode): InlineRun[] {
  const runs: InlineRun[] = [];
  doc.forEach((n) => {
    const marks = n.marks.map((m) => ({ type: m.type.name, ...m.attrs }) as InlineMark);
    if (n.isText) runs.push({ type: "text", text: n.text ?? "", marks });
    else if (n.type.name === "field")
      runs.push({ type: "field", name: n.attrs.name as string, raw: n.attrs.raw as string, marks });
    else runs.push({ type: "break", raw: n.attrs.raw as string, marks });
  });
  return runs;
}

/** Backspace / Delete next to a chip takes the whole chip. */
function deleteChip(dir: -1 | 1): Command {
  return (state, dispatch) => {
    const { $from, empty } = state.selection;
    if (!empty) return false;
    const node = dir < 0 ? $from.nodeBefore : $from.nodeAfter;
    if (!node || node.type !== schema.nodes.field) return false;
    const at = $from.pos;
    dispatch?.(state.tr.delete(dir < 0 ? at - node.nodeSize : at, dir < 0 ? at : at + node.nodeSize));
    return true;
  };
}

const insertText =
  (text: string): Command =>
  (state, dispatch) => {
    dispatch?.(state.tr.insertText(text).scrollIntoView());
    return true;
  };

/** The link at the caret or around the selection: its range and mark; else null. */
export function linkAt(state: EditorState): { from: number; to: number; mark: Mark } | null {
  const { $from, from, to } = state.selection;
  const type = schema.marks.link;
  const mark =
    type.isInSet($from.marks()) ??
    type.isInSet($from.nodeAfter?.marks ?? []) ??
    type.isInSet($from.nodeBefore?.marks ?? []);
  if (!mark) return null;
  // the whole run of text carrying this very mark, around the caret
  let start = from;
  let end = to;
  const doc = state.doc;
  while (start > 0 && mark.isInSet(doc.resolve(start).nodeBefore?.marks ?? [])) {
    start -= doc.resolve(start).nodeBefore!.nodeSize;
  }
  while (end < doc.content.size && mark.isInSet(doc.resolve(end).nodeAfter?.marks ?? [])) {
    end += doc.resolve(end).nodeAfter!.nodeSize;
  }
  return start < end ? { from: start, to: end, mark } : null;
}

/** Adds, changes or (href null) removes the link on [from, to); a link whose address is unchanged stays as written. */
export function setLink(state: EditorState, from: number, to: number, href: string | null, old: Mark | null) {
  const type = schema.marks.link;
  const tr = state.tr;
  if (href === null) return tr.removeMark(from, to, type);
  if (old && old.attrs.href === href) return null;
  const mark = type.create({ href, title: old ? (old.attrs.title as string | null) : null, tail: null });
  if (from === to) {
    // nothing selected: the address itself, linked
    tr.insert(from, schema.text(href, [mark]));
    return tr.setSelection(TextSelection.create(tr.doc, from + href.length));
  }
  return tr.removeMark(from, to, type).addMark(from, to, mark);
}

/** What a box's owner does on some keys: Mod-K (the link form), Enter (a list adds an item), Backspace when empty. */
type KeyHooks = { link(): void; enter?(): void; backspaceEmpty?(): void };

function newState(doc: PmNode, oneLine: boolean, hooks: () => KeyHooks): EditorState {
  const always: Command = () => true;
  return EditorState.create({
    doc,
    plugins: [
      history(),
      keymap({
        "Mod-b": toggleMark(schema.marks.strong),
        "Mod-i": toggleMark(schema.marks.emphasis),
        "Mod-k": () => {
          hooks().link();
          return true;
        },
        "Mod-z": (s, d) => undo(s, d) || true,
        "Shift-Mod-z": (s, d) => redo(s, d) || true,
        "Mod-y": (s, d) => redo(s, d) || true,
        Enter: (st, d) => {
          const enter = hooks().enter;
          if (enter) {
            enter();
            return true;
          }
          return oneLine ? always(st, d) : insertText("\n")(st, d);
        },
        "Shift-Enter": oneLine
          ? always
          : (s, d) => {
              d?.(s.tr.replaceSelectionWith(schema.nodes.hard_break.create()).scrollIntoView());
              return true;
            },
        Backspace: (st, d) => {
          const empty = hooks().backspaceEmpty;
          if (empty && st.doc.content.size === 0) {
            empty();
            return true;
          }
          return deleteChip(-1)(st, d);
        },
        Delete: deleteChip(1),
      }),
      keymap(baseKeymap),
    ],
  });
}

const views = new WeakMap<Element, EditorView>();

/** The editor view whose editable is `el` (for tests). */
export function viewOf(el: Element): EditorView | undefined {
  return views.get(el);
}

export type InlineEditorHandle = {
  /** inserts a `{name}` chip at the caret (or over the selection) and focuses the box */
  insertField(name: string): void;
  /** opens the link form for the selection (Mod-K does the same) */
  openLink(): void;
  focus(): void;
};

export type InlineEditorProps = {
  id: string;
  /** inline MDX that readInline reads (the words box checks) */
  value: string;
  onChange(text: string): void;
  /** the id of the label that names the box */
  labelledBy: string;
  describedBy?: string;
  invalid?: boolean;
  dir?: "ltr" | "rtl";
  oneLine?: boolean;
  /** Enter does this instead of a new line (a list item: the next item) */
  onEnter?(): void;
  /** Backspace in the empty box does this (a list item: removes it) */
  onBackspaceEmpty?(): void;
  /** takes the focus when made (it replaces a text box that had it: a block just inserted from the block menu) */
  autoFocus?: boolean;
  /** "/" typed in the empty box: called instead of typing it (the block menu) */
  onSlash?(from: HTMLElement): void;
  ref?: Ref<InlineEditorHandle>;
};

export function InlineEditor(props: InlineEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  /** the text the editor was opened with (or last given from outside), and its document */
  const opened = useRef<{ text: string; doc: PmNode } | null>(null);
  const emitted = useRef(props.value);
  const onChange = useRef(props.onChange);
  onChange.current = props.onChange;
  const onSlash = useRef(props.onSlash);
  onSlash.current = props.onSlash;
  const oneLine = props.oneLine === true;
  const [link, setLinkForm] = useState<LinkForm | null>(null);
  const openLink = () => {
    const v = view.current;
    if (!v) return;
    const at = linkAt(v.state);
    const { from, to } = v.state.selection;
    setLinkForm(
      at
        ? { from: at.from, to: at.to, mark: at.mark, href: at.mark.attrs.href as string }
        : { from, to, mark: null, href: "" },
    );
  };
  const hooksRef = useRef<KeyHooks>({ link: openLink });
  hooksRef.current = { link: openLink, enter: props.onEnter, backspaceEmpty: props.onBackspaceEmpty };
  const closeLink = () => {
    setLinkForm(null);
    view.current?.focus();
  };
  const applyLink = (href: string | null) => {
    const v = view.current;
    if (v && link) {
      const tr = setLink(v.state, link.from, link.to, href, link.mark);
      if (tr) v.dispatch(tr.scrollIntoView());
    }
    closeLink();
  };

  const attributes = (): Record<string, string> => {
    const a: Record<string, string> = {
      id: props.id,
      class: oneLine ? "ve-rich ve-rich-line" : "ve-rich",
      role: "textbox",
      "aria-multiline": oneLine ? "false" : "true",
      "aria-labelledby": props.labelledBy,
      "aria-keyshortcuts": "Control+K Meta+K",
    };
    if (props.dir) a.dir = props.dir;
    if (props.describedBy) a["aria-describedby"] = props.describedBy;
    if (props.invalid) a["aria-invalid"] = "true";
    return a;
  };
  const attrsRef = useRef(attributes);
  attrsRef.current = attributes;

  useEffect(() => {
    const doc = docFromRuns(readInline(props.value) ?? []);
    opened.current = { text: props.value, doc };
    const v: EditorView = new EditorView(host.current, {
      state: newState(doc, oneLine, () => hooksRef.current),
      attributes: () => attrsRef.current(),
      handleTextInput(view, _from, _to, text) {
        if (text !== "/" || view.state.doc.content.size > 0 || !onSlash.current) return false;
        onSlash.current(view.dom);
        return true;
      },
      dispatchTransaction(tr) {
        const next = v.state.apply(tr);
        v.updateState(next);
        if (!tr.docChanged) return;
        const o = opened.current!;
        const text = next.doc.eq(o.doc) ? o.text : printInline(runsFromDoc(next.doc));
        if (text === emitted.current) return;
        emitted.current = text;
        onChange.current(text);
      },
    });
    view.current = v;
    views.set(v.dom, v);
    if (props.autoFocus) v.focus();
    return () => {
      v.destroy();
      view.current = null;
    };
    // the view is made once; later values arrive through the effect below
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [oneLine]);

  useEffect(() => {
    view.current?.setProps({ attributes: () => attrsRef.current() });
  }, [props.id, props.labelledBy, props.describedBy, props.invalid, props.dir]);

  // A text changed from outside (an undo of the page, the source view) replaces the document; the one just
  // typed comes back as the same text, or without the white space at its ends, and is left alone.
  useEffect(() => {
    const v = view.current;
    if (!v) return;
    if (props.value === emitted.current || props.value.trim() === emitted.current.trim()) return;
    const doc = docFromRuns(readInline(props.value) ?? []);
    opened.current = { text: props.value, doc };
    emitted.current = props.value;
    v.updateState(newState(doc, oneLine, () => hooksRef.current));
  }, [props.value, oneLine]);

  useImperativeHandle(props.ref, () => ({
    insertField(name) {
      const v = view.current;
      if (!v) return;
      const chip = schema.nodes.field.create({ name, raw: `{${name}}` });
      v.dispatch(v.state.tr.replaceSelectionWith(chip, false).scrollIntoView());
      v.focus();
    },
    focus() {
      view.current?.focus();
    },
    openLink,
  }));

  return (
    <>
      <div ref={host} className="ve-rich-host" />
      {link ? (
        <LinkPopover
          key={`${link.from}-${link.to}`}
          form={link}
          onApply={applyLink}
          onCancel={closeLink}
          onDismiss={() => setLinkForm(null)}
          dir={props.dir}
        />
      ) : null}
    </>
  );
}

type LinkForm = { from: number; to: number; mark: Mark | null; href: string };

/**
 * The link form under a rich text box (Mod-K): the address, checked as it is applied (link-url.ts: web, e-mail,
 * phone and relative addresses only). Enter applies, Esc cancels; both give the focus back to the words. A
 * press outside it (on the words, another block, the page) drops it and leaves the focus where the press put it.
 */
function LinkPopover(props: {
  form: LinkForm;
  onApply(href: string | null): void;
  onCancel(): void;
  onDismiss(): void;
  dir?: "ltr" | "rtl";
}) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [value, setValue] = useState(props.form.href);
  const [error, setError] = useState<string | null>(null);
  const editing = props.form.mark !== null;
  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);
  const title = editing ? "Edit the link" : "Add a link";
  // applied on Enter (a <form> of its own would sit inside the editor page's form)
  const submit = () => {
    const r = checkLinkUrl(value);
    if (!r.ok) {
      setError(r.message);
      input.current?.focus();
      return;
    }
    props.onApply(r.href);
  };
  // Enter in the address applies; Esc anywhere in the form cancels (a native listener: the form is not a control)
  const box = useRef<HTMLDivElement>(null);
  const keys = useRef<(e: KeyboardEvent) => void>(() => {});
  keys.current = (e) => {
    if (e.key === "Enter" && e.target === input.current) {
      e.preventDefault();
      submit();
    } else if (e.key === "Escape") {
      e.preventDefault();
      e.stopPropagation();
      props.onCancel();
    }
  };
  const dismiss = useRef(props.onDismiss);
  dismiss.current = props.onDismiss;
  useEffect(() => {
    const el = box.current;
    const onKey = (e: KeyboardEvent) => keys.current(e);
    const onPress = (e: PointerEvent) => {
      if (el && e.target instanceof Node && !el.contains(e.target)) dismiss.current();
    };
    el?.addEventListener("keydown", onKey);
    document.addEventListener("pointerdown", onPress, true);
    return () => {
      el?.removeEventListener("keydown", onKey);
      document.removeEventListener("pointerdown", onPress, true);
    };
  }, []);
  return (
    <div className="ve-link" role="dialog" aria-labelledby={`${id}-title`} dir={props.dir} ref={box}>
      <p id={`${id}-title`} className="ve-link-title">
        {title}
      </p>
      <label htmlFor={`${id}-href`}>Link address</label>
      <input
        ref={input}
        id={`${id}-href`}
        type="text"
        inputMode="url"
        dir="ltr"
        autoComplete="off"
        spellCheck={false}
        placeholder="https://…"
        value={value}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => {
          setValue(e.target.value);
          setError(null);
        }}
      />
      {error ? (
        <p id={`${id}-error`} className="ve-link-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="ve-link-buttons">
        <button type="button" onClick={submit}>
          {editing ? "Save link" : "Add link"}
        </button>
        {editing ? (
          <button type="button" onClick={() => props.onApply(null)}>
            Remove link
          </button>
        ) : null}
        <button type="button" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
