import type { Block } from "../../../../sop-schema/types";
import { Blocks } from "../../sop/sop-view";
import { useRunActions, useRunView } from "../run-context";

/** A step's `<Check>` items as tick boxes; each tick is an event. */
export function RunChecks({ checks }: { checks: Extract<Block, { type: "check" }>[] }) {
  const { state, locked } = useRunView();
  const { dispatch } = useRunActions();
  return (
    <ul className="checklist checklist-run">
      {checks.map((c) => (
        <li key={c.id}>
          <label>
            <input
              type="checkbox"
              checked={Boolean(state.checks[c.id])}
              disabled={locked}
              onChange={(e) => dispatch({ type: "check.toggled", checkId: c.id, checked: e.target.checked })}
            />
            <span className="inline-blocks">
              <Blocks blocks={[{ type: "paragraph", children: c.children }]} />
            </span>
          </label>
        </li>
      ))}
    </ul>
  );
}

/** `{field}` in a script: the captured value, or the field's label in brackets while it is missing. */
export function RunVariable({ name, label }: { name: string; label: string }) {
  const { state } = useRunView();
  const v = state.fields[name]?.value;
  return v ? (
    <bdi className="var var-filled" title={label}>
      {v}
    </bdi>
  ) : (
    <bdi className="var var-missing" title={label}>
      [{label}]
    </bdi>
  );
}
