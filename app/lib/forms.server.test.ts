import { describe, expect, it } from "vitest";
import { z } from "zod";
import { readForm, readFormWith } from "./forms.server";

async function refusal(p: Promise<unknown>): Promise<{ status: number; message: string }> {
  try {
    await p;
  } catch (e) {
    const d = e as { init: { status: number }; data: { message: string } };
    return { status: d.init.status, message: d.data.message };
  }
  throw new Error("expected a refusal");
}

const post = (body: BodyInit | null, type?: string) =>
  new Request("http://x/f", { method: "POST", body, headers: type ? { "content-type": type } : {} });

describe("readForm", () => {
  it("reads url-encoded and multipart forms", async () => {
    expect((await readForm(post("a=1&b=2", "application/x-www-form-urlencoded"))).get("b")).toBe("2");
    const fd = new FormData();
    fd.set("a", "x");
    expect((await readForm(new Request("http://x/f", { method: "POST", body: fd }))).get("a")).toBe("x");
  });

  it.each([
    ["JSON", '{"a":1}', "application/json"],
    ["text/plain", "a=1", "text/plain"],
    ["no body and no type", null, undefined],
  ])("answers 415 for %s", async (_l, body, type) => {
    const r = await refusal(readForm(post(body, type)));
    expect(r.status).toBe(415);
    expect(r.message).toMatch(/form/);
  });

  it("answers 400 for a broken multipart body", async () => {
    const r = await refusal(readForm(post("garbage", "multipart/form-data; boundary=zzz")));
    expect(r).toMatchObject({ status: 400 });
  });

  it("parses with the schema and names fields", async () => {
    const schema = z.object({ name: z.string().min(2, "Name: at least 2 characters.") });
    expect(await readFormWith(post("", "application/x-www-form-urlencoded"), schema)).toMatchObject({
      ok: false,
      fieldErrors: { name: expect.any(String) },
    });
    expect(await readFormWith(post("name=Ada", "application/x-www-form-urlencoded"), schema)).toEqual({
      ok: true,
      data: { name: "Ada" },
    });
  });
});
