import { describe, expect, it } from "vitest";
import type { SopDocument } from "../../sop-schema/types";
import { keyFields } from "./follow-ups.server";

const field = (name: string, label: string) => ({
  name,
  label,
  type: "text",
  required: false,
  stepId: "s",
  position: { line: 1, column: 1, offset: 0 },
});
const doc = {
  fields: [
    field("customer_name", "Customer's name"),
    field("order_number", "Order number"),
    field("customer_name", "Duplicate label"),
    field("reason", "Return reason"),
    field("email", "E-mail"),
  ],
  flows: [
    {
      id: "f",
      nodes: [
        { id: "n1", type: "question", label: "Is the parcel damaged?", field: "damaged" },
        { id: "n2", type: "end", label: "Done" },
      ],
      edges: [],
    },
  ],
} as unknown as SopDocument;
const captured = (values: Record<string, string>) =>
  Object.fromEntries(Object.entries(values).map(([k, value]) => [k, { value, at: 1 }]));

describe("keyFields", () => {
  it("takes the captured values in the SOP's order, labelled as the SOP labels them, at most four", () => {
    const fields = captured({
      email: "dana@example.com",
      damaged: "Yes",
      reason: "Faulty",
      customer_name: "Dana",
      order_number: "AB123456",
    });
    expect(keyFields(doc, fields)).toEqual([
      { name: "customer_name", label: "Customer's name", value: "Dana" },
      { name: "order_number", label: "Order number", value: "AB123456" },
      { name: "reason", label: "Return reason", value: "Faulty" },
      { name: "email", label: "E-mail", value: "dana@example.com" },
    ]);
  });
  it("skips empty values and names the version does not know; flow-node fields are labelled by their question", () => {
    expect(keyFields(doc, captured({ order_number: "  ", unknown: "x", damaged: "Yes" }))).toEqual([
      { name: "damaged", label: "Is the parcel damaged?", value: "Yes" },
    ]);
    expect(keyFields(doc, {})).toEqual([]);
    expect(keyFields(doc, captured({ customer_name: "Dana", order_number: "AB1" }), 1)).toHaveLength(1);
  });
});
