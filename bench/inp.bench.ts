// Benchmark: how fast a step action repaints in the runbook (interaction to next paint), in headless Chromium
// against the production server, over a generated 30-step SOP published into the bench database (3 of its
// steps hold a decision flow). Each interaction is timed from the input event's timestamp to the first
// task after the next animation frame (≈ the next paint), and cross-checked with the Event Timing API
// (PerformanceObserver 'event', durationThreshold 16 ms: what Chromium itself reports as INP candidates).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { migrateDb, openDb } from "../db/client.server";
import { seedDemoOrganisation } from "../db/seed.server";
import { hashPassword } from "../app/auth/password.server";
import { seedSopLibrary } from "../app/sop-library.server";
import { percentile, signedInPage, startProductionServer, tempDir } from "./prod-server";
import type { Row } from "./stats";

export const BENCH_SOP_ID = "bench-thirty-steps";
const STEPS = 30;

/** A 30-step SOP: each step has a script using a captured field, a field, a check and a tip; every 10th a flow. */
export function makeThirtyStepSop(steps = STEPS): string {
  const out = [
    "---",
    `id: ${BENCH_SOP_ID}`,
    "title: Thirty-step benchmark procedure",
    "department: Customer Service",
    "purpose: A long procedure to measure how fast the runbook answers each step action.",
    "language: en",
    "targets:",
    "  handleTime: 15m",
    "---",
    "",
  ];
  for (let i = 1; i <= steps; i++) {
    if (i % 10 === 1) out.push(`## Part ${Math.ceil(i / 10)}`, "");
    out.push(`<Step id="s${i}" title="Step ${i}: check detail ${i}">`, "");
    out.push(`Ask the customer about detail ${i} and note what they say. Keep the call moving.`, "");
    if (i === 1) out.push(`<Field name="customer_name" label="Customer's name" type="text" />`, "");
    out.push(`<Field name="detail_${i}" label="Detail ${i}" type="text" />`, "");
    out.push(`<Say>Thank you, {customer_name}. Now detail ${i}, please.</Say>`, "");
    out.push(`<Check>Detail ${i} confirmed with the customer</Check>`, "");
    out.push(`<Tip>`, "", `Detail ${i} is usually on the order confirmation.`, "", `</Tip>`, "");
    if (i % 10 === 0) {
      out.push(`<Flow id="flow-${i}" title="Decision at step ${i}">`);
      out.push(`  <Node id="start" type="start" label="Detail ${i} checked" />`);
      out.push(`  <Node id="q1" type="question" label="Does detail ${i} match the order?" />`);
      out.push(`  <Node id="q2" type="question" label="Can the customer fix it now?" />`);
      out.push(`  <Node id="ok" type="end" label="Matches" outcome="ok" />`);
      out.push(`  <Node id="fixed" type="end" label="Fixed on the call" outcome="fixed" />`);
      out.push(`  <Node id="later" type="end" label="Follow up later" outcome="later" />`);
      out.push(`  <Edge from="start" to="q1" />`);
      out.push(`  <Edge from="q1" to="ok" label="Yes" />`);
      out.push(`  <Edge from="q1" to="q2" label="No" />`);
      out.push(`  <Edge from="q2" to="fixed" label="Yes" />`);
      out.push(`  <Edge from="q2" to="later" label="No" />`);
      out.push(`</Flow>`, "");
    }
    out.push(`</Step>`, "");
  }
  return out.join("\n");
}

/** A bench database with the demo organisation and the generated SOP published (through the seed's own path). */
async function prepareDatabase(file: string, dir: string): Promise<void> {
  const sops = path.join(dir, "sops");
  fs.mkdirSync(sops);
  fs.writeFileSync(path.join(sops, `${BENCH_SOP_ID}.mdx`), makeThirtyStepSop());
  const db = openDb(file);
  migrateDb(db);
  await seedDemoOrganisation(db, hashPassword);
  const report = await seedSopLibrary(db, sops);
  db.$client.close();
  if (!report.published.includes(BENCH_SOP_ID))
    throw new Error(`the bench SOP was not published: ${JSON.stringify(report.skipped)}`);
}

type Timing = { kind: string; ms: number };

const INSTRUMENT =
  `(() => {
  window.__timings = [];
  window.__events = [];
  window.__kind = "";
  const measure = (e) => {
    const t0 = e.timeStamp;
    const kind = window.__kind;
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => window.__timings.push({ kind, ms: performance.now() - t0 });
      ch.port2.postMessage(null);
    });
  };
  window.addEventListener("click", measure, true);
  window.addEventListener("keydown", measure, true);
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (entry.interactionId) window.__events.push({ ` +
  `id: entry.interactionId, name: entry.name, duration: entry.duration });
  }).observe({ type: "event", durationThreshold: 16, buffered: true });
})()`;

export async function benchInp(): Promise<Row[]> {
  const tmp = tempDir("stepwise-inp-");
  const dbFile = path.join(tmp.dir, "bench.db");
  await prepareDatabase(dbFile, tmp.dir);
  const server = await startProductionServer(dbFile);
  const { browser, context, page } = await signedInPage(server);
  try {
    const start = await page.request.post(`${server.url}/api/runs`, {
      data: { sopId: BENCH_SOP_ID, channel: "phone" },
    });
    if (start.status() !== 201) throw new Error(`start run: HTTP ${start.status()}`);
    const { id } = (await start.json()) as { id: string };
    await page.goto(`${server.url}/runs/${id}`);
    await page.locator(".run[data-live]").waitFor();
    // Timers in the page: input timestamp → first task after the next frame; plus Event Timing entries.
    // (a string: tsx's name-keeping helpers do not exist in the page)
    await page.evaluate(INSTRUMENT);
    const kind = (k: string) => page.evaluate(`window.__kind = ${JSON.stringify(k)}`);
    const settle = () => page.evaluate("new Promise((r) => requestAnimationFrame(() => setTimeout(r, 30)))");

    for (let i = 1; i <= STEPS; i++) {
      await page
        .locator("#current-step-title")
        .filter({ hasText: `Step ${i}:` })
        .waitFor();
      await kind("tick a check");
      await page.locator(".run-step .checklist-run input").first().click();
      await settle();
      if (i % 10 === 0) {
        await page.locator(".run-step").focus();
        for (const key of ["1", "2", "1"]) {
          await kind("answer (number key)");
          await page.keyboard.press(key);
          await settle();
        }
      }
      await kind(
        (i % 2 ? "done, next step (click)" : "done, next step (d key)") + (process.env.INP_DEBUG ? ` #${i}` : ""),
      );
      if (i % 2) await page.getByRole("button", { name: /^Done/ }).click();
      else {
        await page.locator(".run-step").focus();
        await page.keyboard.press("d");
      }
      await settle();
    }
    await page.getByRole("tabpanel").filter({ hasText: "Wrap-up" }).waitFor();
    const { timings, events } = (await page.evaluate("({ timings: window.__timings, events: window.__events })")) as {
      timings: Timing[];
      events: { id: number; name: string; duration: number }[];
    };
    const sync = await page.getByTestId("sync-status").textContent();
    await context.close();

    const all = timings.map((t) => t.ms).sort((a, b) => a - b);
    const byKind = new Map<string, number[]>();
    for (const t of timings) byKind.set(t.kind, [...(byKind.get(t.kind) ?? []), t.ms]);
    // An interaction (click = pointerdown + pointerup + click) is as slow as its slowest event entry.
    const perInteraction = new Map<number, number>();
    for (const e of events) perInteraction.set(e.id, Math.max(perInteraction.get(e.id) ?? 0, e.duration));
    const slow = [...perInteraction.values()].sort((a, b) => a - b);
    const worstEvent = slow.at(-1) ?? 0;
    const rows: Row[] = [
      {
        name: `runbook INP: every step action, ${STEPS}-step run (Chromium, production build)`,
        median_ms: percentile(all, 0.5),
        p95_ms: percentile(all, 0.95),
        target: "≤ 100 ms",
        note:
          `${all.length} interactions, max ${all.at(-1)?.toFixed(1)} ms; Event Timing ` +
          `(Chromium's INP entries): ${slow.length} of ${all.length} interactions ≥ 16 ms, ` +
          `their median ${slow.length ? percentile(slow, 0.5) : 0} ms, worst ${worstEvent} ` +
          `ms; end state “${sync?.trim()}”; load average ${os.loadavg()[0]!.toFixed(1)}`,
      },
    ];
    for (const [k, values] of byKind) {
      values.sort((a, b) => a - b);
      rows.push({
        name: `  ${k}`,
        median_ms: percentile(values, 0.5),
        p95_ms: percentile(values, 0.95),
        note: `${values.length} interactions, max ${values.at(-1)?.toFixed(1)} ms`,
      });
    }
    return rows;
  } finally {
    await browser.close();
    await server.stop();
    tmp.cleanup();
  }
}
