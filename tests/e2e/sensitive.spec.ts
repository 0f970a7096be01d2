// <Field sensitive>: the demo's card dispute marks the card's last four digits sensitive. The run's agent sees
// them; a lead (or admin) opening the same run sees "•••• (sensitive)", and the digits are not in anything the
// server sends them (the page, its loader data).
import { randomUUID } from "node:crypto";
import type { APIRequestContext } from "@playwright/test";
import { apiClient, DEMO, expect, signIn, test } from "./fixtures";

const MASK = "•••• (sensitive)";
const LABEL = "Last four digits of the card";

async function wrappedUpCall(agent: APIRequestContext, digits: string): Promise<string> {
  const res = await agent.post("/api/runs", {
    data: { sopId: "billing-dispute-card-charge", customerRef: "CUST-SENS" },
  });
  expect(res.status(), await res.text()).toBe(201);
  const runId = ((await res.json()) as { id: string }).id;
  let at = Date.now();
  const ev = (e: Record<string, unknown>) => ({ id: randomUUID(), at: (at += 1000), ...e });
  const details = `Details\n- Customer's name: Grace Hopper\n- ${LABEL}: ${digits}`;
  const wrapUp = `Billing dispute on a card charge\n\n${details}\n\nNotes\n- Card ending ${digits} was charged twice`;
  const events = [
    ev({ type: "field.captured", name: "customer_name", value: "Grace Hopper" }),
    ev({ type: "field.captured", name: "card_last4", value: digits }),
    ev({ type: "completed", outcome: "resolved", wrapUp }),
  ];
  const sent = await agent.post(`/api/runs/${runId}/events`, { data: { events } });
  expect(sent.status(), await sent.text()).toBe(200);
  return runId;
}

test("a lead opening an agent's run sees the sensitive value masked; the agent sees it", async ({ page, browser }) => {
  const digits = String(1000 + Math.floor(Math.random() * 9000));
  const agent = await apiClient(DEMO.agent);
  let runId: string;
  try {
    runId = await wrappedUpCall(agent, digits);
  } finally {
    await agent.dispose();
  }

  // the Billing lead (the SOP's department): the timeline shows the mask, the other field as typed
  await signIn(page, DEMO.billingLead);
  await page.goto(`/runs/${runId}/timeline`);
  const timeline = page.locator(".timeline");
  await expect(timeline).toContainText(`${LABEL}: ${MASK}`);
  await expect(timeline).toContainText("Customer's name: Grace Hopper");
  await expect(timeline).not.toContainText(digits);
  const note = page.locator(".wrapup-text");
  await expect(note).toContainText(`- ${LABEL}: ${MASK}`);
  await expect(note).toContainText(`Card ending ${MASK} was charged twice`);
  await expect(note).not.toContainText(digits);
  // nothing the server answers the lead holds the digits: the pages and their loader data
  for (const path of [
    `/runs/${runId}/timeline`,
    `/runs/${runId}/timeline.data`,
    `/runs/${runId}`,
    `/runs/${runId}.data`,
  ]) {
    const res = await page.request.get(path);
    expect(res.status(), path).toBe(200);
    const body = await res.text();
    // as a value of its own, in the details line, in the note (a bare 4-digit string may be part of an id or a hash)
    for (const form of [`"${digits}"`, `: ${digits}`, `ending ${digits}`])
      expect(body, `${path} ${form}`).not.toContain(form);
    expect(body, path).toContain("(sensitive)");
  }

  // the agent who ran the call sees the value
  const ctx = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": "203.0.113.77" } });
  const mine = await ctx.newPage();
  try {
    await signIn(mine, DEMO.agent);
    await mine.goto(`/runs/${runId}/timeline`);
    await expect(mine.locator(".timeline")).toContainText(`${LABEL}: ${digits}`);
    await expect(mine.locator(".wrapup-text")).toContainText(`Card ending ${digits} was charged twice`);
    await expect(mine.locator(".timeline")).not.toContainText(MASK);
  } finally {
    await ctx.close();
  }
});
