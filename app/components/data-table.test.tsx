import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { DataTable, type Column } from "./data-table";
import { DiffView } from "./authoring/diff-view";

type Row = { id: string; n: number };
const columns: Column<Row>[] = [
  { id: "id", header: "Id", rowHeader: true, cell: (r) => r.id },
  { id: "n", header: "Count", numeric: true, cell: (r) => r.n },
  { id: "actions", header: "Actions", hideHeader: true, cell: () => "…" },
];

describe("DataTable without sorting", () => {
  it("renders a plain table in a keyboard-scrollable region, with row headers and row attributes", () => {
    const html = renderToStaticMarkup(
      <DataTable
        caption="Things"
        columns={columns}
        rows={[{ id: "a", n: 2 }]}
        rowKey={(r) => r.id}
        rowProps={(r) => ({ "data-thing": r.id })}
        className="extra"
      />,
    );
    expect(html).toContain(
      '<div class="table-wrap" tabindex="0" role="region" aria-label="Things"><table ' +
        'class="table extra"><caption class="visually-hidden">Things</caption>',
    );
    expect(html).toContain('<th scope="col" class="dt-num">Count</th>');
    expect(html).toContain('<span class="visually-hidden">Actions</span>');
    expect(html).toContain('<tr data-thing="a"><th scope="row">a</th><td class="dt-num">2</td>');
    expect(html).not.toContain("data-label");
  });

  it("shows the empty state instead of an empty table when one is given", () => {
    expect(
      renderToStaticMarkup(
        <DataTable caption="Things" columns={columns} rows={[]} rowKey={(r) => r.id} empty={<p>Nothing yet.</p>} />,
      ),
    ).toBe('<div class="empty-state"><p>Nothing yet.</p></div>');
    expect(
      renderToStaticMarkup(<DataTable caption="Things" columns={columns} rows={[]} rowKey={(r) => r.id} />),
    ).toContain("<tbody></tbody>");
  });
});

describe("DiffView", () => {
  it("marks changed words and names the sides", () => {
    const html = renderToStaticMarkup(
      <DiffView
        texts={{ left: "a\nold words\n", right: "a\nnew words\n" }}
        leftTitle="Saved"
        rightTitle="Mine"
        counts
      />,
    );
    expect(html).toContain("1 line only in saved");
    expect(html).toContain('class="diff-table"');
    expect(html).toMatch(
      /class="diff-text diff-new" dir="auto"><span class="visually-hidden">added: <\/span><mark>new<\/mark>/,
    );
    expect(html).toContain('aria-label="Line by line: Saved on the left, Mine on the right"');
  });
});
