import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { FrontMatterForm } from "./front-matter-form";

const imported = `---
title: Refunds
department: Billing
purpose: "TODO: say in one sentence why this procedure exists"
targets:
  handleTime: TODO
---

Body
`;

describe("FrontMatterForm: placeholders left by the Markdown import", () => {
  it("shows a TODO field empty, marked invalid, with what to write instead", () => {
    const html = renderToString(
      <FrontMatterForm source={imported} onChange={() => undefined} departments={["Billing"]} />,
    );
    expect(html).not.toContain("TODO");
    const handle = /<input([^>]*)id="([^"]*handleTime)"([^>]*)>/.exec(html)!;
    expect(`${handle[1]}${handle[3]}`).toContain('value=""');
    expect(`${handle[1]}${handle[3]}`).toContain('aria-invalid="true"');
    expect(html).toContain(
      `id="${handle[2]}-error">Set the handle time target: the import left a ` +
        `placeholder — write how long a call should take, e.g. handleTime: 6m</p>`,
    );
    expect(html).toContain(
      "Write the purpose: the import left a placeholder — one sentence on why this procedure exists",
    );
    expect(html).not.toContain("The front matter needs `purpose`");
  });
});
