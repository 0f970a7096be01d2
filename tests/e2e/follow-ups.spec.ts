// The Follow-ups page: soonest due first across dates and date-times (in the viewer's zone and language),
// overdue ones marked, each card with its customer reference and the first details captured on the call, and
// a Close button that says why it cannot be pressed yet.
import { randomUUID } from "node:crypto";
import type { APIRequestContext } from "@playwright/test";
import { DEMO, expect, signIn, test, uniqueIp } from "./fixtures";
import { getRun } from "./runbook-fixtures";

const ZONE = "Europe/Vilnius";
test.use({ timezoneId: ZONE, locale: "en-US" });

const utcDay = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

/** A run of `sopId` with `fields` captured, wrapped up with a follow-up due `due`. */
async function followUp(
  request: APIRequestContext,
  sopId: string,
  due: string,
  fields: Record<string, string>,
  customerRef?: string,
): Promise<string> {
  const res = await request.post("/api/runs", { data: { sopId, ...(customerRef ? { customerRef } : {}) } });
  expect(res.status(), await res.text()).toBe(201);
  const { id } = (await res.json()) as { id: string };
  const at = Date.now();
  const events = [
    ...Object.entries(fields).map(([name, value], i) => ({
      id: randomUUID(),
      at: at + i,
      type: "field.captured",
      name,
      value,
    })),
    {
      id: randomUUID(),
      at: at + 100,
      type: "completed",
      outcome: "follow-up",
      followUpDue: due,
      wrapUp: "Promised a call back.",
    },
  ];
  const appended = await request.post(`/api/runs/${id}/events`, { data: { events } });
  expect(appended.status(), await appended.text()).toBeLessThan(300);
  return id;
}

test(
  "follow-ups: soonest first across dates and times, overdue " +
    "marked, reference and captured details, and why Close waits",
  async ({ page }) => {
    await signIn(page, DEMO.agent);
    const token = `T${randomUUID().slice(0, 6)}`;
    const later = utcDay(3);
    // A: overdue (yesterday), five fields captured — the card shows the first four, in the SOP's order
    const a = await followUp(
      page.request,
      "refund-and-return",
      utcDay(-1),
      {
        item_condition: "Used",
        return_reason: "Faulty or DOA",
        item_sku: "Blue kettle",
        order_number: "AB123456",
        customer_name: `Dana ${token}`,
      },
      `${token}-A`,
    );
    // B: a wall-clock time, in three days at 09:30 (the viewer's zone); no customer reference
    const b = await followUp(page.request, "complaint-handling", `${later}T09:30`, { customer_name: `Nadia ${token}` });
    // C: an instant with its offset, in three hours
    const soon = new Date(Date.now() + 3 * 3_600_000);
    const c = await followUp(
      page.request,
      "late-missing-delivery",
      `${soon.toISOString().slice(0, 16)}Z`,
      {},
      `${token}-C`,
    );
    // D: the same day as B, no time: due by the end of that day, so after B
    const d = await followUp(page.request, "call-opening-aidet", later, {}, `${token}-D`);

    await page.goto("/follow-ups");
    const cards = page.locator(".followups > li").filter({ hasText: token });
    await expect(cards).toHaveCount(4);
    const hrefs = await cards.locator("h2 a").evaluateAll((links) => links.map((l) => l.getAttribute("href")));
    expect(hrefs).toEqual([a, c, b, d].map((id) => `/runs/${id}/timeline`));

    const [cardA, cardC, cardB, cardD] = [0, 1, 2, 3].map((i) => cards.nth(i));
    // dates and times in the viewer's language and zone, the stored value kept in datetime=
    const fmtDay = (day: string) =>
      new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" }).format(new Date(`${day}T00:00:00Z`));
    await expect(cardA.locator(".badge")).toHaveText("Overdue");
    await expect(cardA.locator(".followup-due")).toContainText(`Due ${fmtDay(utcDay(-1))}`);
    await expect(cardA.locator("time")).toHaveAttribute("datetime", utcDay(-1));
    await expect(cardB.locator(".followup-due")).toContainText(`Due ${fmtDay(later)}`);
    await expect(cardB.locator(".followup-due")).toContainText(/9:30\s?AM/);
    await expect(cardB.locator(".badge")).toHaveCount(0);
    const soonInZone = new Intl.DateTimeFormat("en", { timeStyle: "short", timeZone: ZONE }).format(soon);
    await expect(cardC.locator(".followup-due")).toContainText(soonInZone);
    await expect(cardC.locator(".badge.badge-danger")).toHaveCount(0);
    await expect(cardD.locator(".followup-due")).not.toContainText(/AM|PM/);

    // the customer reference and the first four captured fields, labelled as the SOP labels them
    const facts = async (card: typeof cardA) =>
      card
        .locator(".followup-fact")
        .evaluateAll((els) =>
          els.map((e) => `${e.querySelector("dt")!.textContent}: ${e.querySelector("dd")!.textContent}`),
        );
    expect(await facts(cardA)).toEqual([
      `Customer reference: ${token}-A`,
      `Customer's name: Dana ${token}`,
      "Order number: AB123456",
      "Item being returned (SKU or description): Blue kettle",
      "Return reason: Faulty or DOA",
    ]);
    expect(await facts(cardB)).toEqual(["Customer reference: None given", `Customer's name: Nadia ${token}`]);

    // Close waits for a note, and says so beside the button
    const close = cardA.getByRole("button", { name: "Close follow-up" });
    await expect(close).toBeDisabled();
    await expect(cardA.locator(".followup-why")).toHaveText(
      "Write a closing note first: it records how the follow-up ended.",
    );
    await expect(close).toHaveAccessibleDescription(/Write a closing note first/);
    await cardA.getByLabel("Closing note").fill("   ");
    await expect(close).toBeDisabled();
    await cardA.getByLabel("Closing note").fill("Replacement kettle delivered, customer confirmed.");
    await expect(close).toBeEnabled();
    await expect(cardA.locator(".followup-why")).not.toContainText("Write a closing note first");
    await close.click();
    await expect(page.getByRole("status").filter({ hasText: "Follow-up closed." })).toBeVisible();
    await expect(cards).toHaveCount(3);
    expect((await getRun(page.request, a)).state.followUp).toMatchObject({
      note: "Replacement kettle delivered, customer confirmed.",
    });
  },
);

test(
  "follow-ups: without the page's script, a note of only " + "spaces is refused on its card with a clear message",
  async ({ page, browser }) => {
    await signIn(page, DEMO.agent);
    const token = `T${randomUUID().slice(0, 6)}`;
    const id = await followUp(page.request, "late-missing-delivery", utcDay(1), {}, `${token}-E`);
    const context = await browser.newContext({
      javaScriptEnabled: false,
      extraHTTPHeaders: { "X-Forwarded-For": uniqueIp() },
    });
    const plain = await context.newPage();
    await signIn(plain, DEMO.agent);
    await plain.goto("/follow-ups");
    const card = plain.locator(".followups > li").filter({ hasText: `${token}-E` });
    await card.getByLabel("Closing note").fill("   ");
    await card.getByRole("button", { name: "Close follow-up" }).click();
    const again = plain.locator(".followups > li").filter({ hasText: `${token}-E` });
    await expect(again.locator(".field-error")).toHaveText("Say how the follow-up ended.");
    await expect(again.getByLabel("Closing note")).toHaveAttribute("aria-invalid", "true");
    await context.close();
    expect((await getRun(page.request, id)).state.followUp).not.toHaveProperty("closedAt");
  },
);
