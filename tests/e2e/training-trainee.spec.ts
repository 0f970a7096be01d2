// From assignment to certificate, in the app: a trainer assigns an SOP; the trainee reads it, acknowledges it,
// fails then passes its quiz, completes a practice call on its scenario and is certified. A minor change keeps
// the certificate; a material one re-opens the acknowledgement and shows what changed. At the HTTP level a
// trainee never gets the answer key before grading, nor anyone else's results.
import type { APIRequestContext, Page } from "@playwright/test";
import { apiClient, DEMO, expect, lifecycle, signIn, submitAndApprove, test, userIdOf } from "./fixtures";
import { runReady, stepHeading, sync } from "./runbook-fixtures";

const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;
const TITLE = `Parcel desk ${suffix}`;
const TRAINEE = {
  email: `learner.${suffix}@stepwise.example`,
  name: `Lee Learner ${suffix}`,
  password: "Quiet-otter-harbour-2718!",
};

const source = (purpose: string, extraStep = "") =>
  `---
title: ${TITLE}
department: Customer Service
purpose: ${purpose}
targets:
  handleTime: 6m
training:
  practice: 1
  passScore: 60
---

## Handle it

<Step title="Take the order number" id="order">
  <Say>May I have your order number, please?</Say>
  <Field name="order_number" label="Order number" required />
  <Check>Repeated the number back</Check>
</Step>

<Step title="Find out what happened" id="what">
  <Flow id="parcel" title="Has the parcel arrived?">
    <Node id="start" type="start" label="Start" />
    <Node id="arrived" type="question" label="Has the parcel arrived?" />
    <Node id="done" type="end" label="Nothing more to do" outcome="resolved" />
    <Node id="resend" type="end" label="Send it again" outcome="resolved" />
    <Edge from="start" to="arrived" />
    <Edge from="arrived" to="done" label="Yes" />
    <Edge from="arrived" to="resend" label="No" />
  </Flow>
</Step>
${extraStep}
<Quiz id="basics" title="Parcel basics" pass="100" attempts="3">
  <Question id="first" prompt="What do you ask for first?" options="The order number|The customer's ` +
  `birthday|Nothing" answer="The order number">
    The order number finds the parcel.
  </Question>
  <Question id="repeat" type="text" prompt="What do you do with the number once it is given?" answer="Repeat it ` +
  `back|Repeat it">
    Repeating it back avoids typos.
  </Question>
</Quiz>

<Scenario id="lost-parcel" title="The parcel never came" customer="Alex, polite but worried" outcome="resolved">
  <Say>Hi, my parcel has not arrived.</Say>
  <Answer field="order_number" value="ZX-4471" says="It is ZX-4471." />
  <Answer flow="parcel" question="arrived" choose="No" says="No, nothing came." />
</Scenario>
`;

/** Saves `text` as the open draft and takes it through review to publication. */
async function publish(
  lead: APIRequestContext,
  admin: APIRequestContext,
  sopId: string,
  text: string,
  changeKind?: "material" | "minor",
) {
  let html = await (await lead.get(`/sops/${sopId}/edit`)).text();
  if (!/data-version-id="/.test(html)) {
    expect((await lead.post(`/sops/${sopId}/edit`, { form: { intent: "start" } })).status()).toBeLessThan(400);
    html = await (await lead.get(`/sops/${sopId}/edit`)).text();
  }
  const versionId = Number(/data-version-id="(\d+)"/.exec(html)![1]);
  const revision = Number(/data-revision="(\d+)"/.exec(html)?.[1] ?? "1");
  const saved = await lead.post(`/sops/${sopId}/edit`, {
    data: { intent: "save", versionId, baseRevision: revision, source: text },
  });
  expect(saved.status(), await saved.text()).toBe(200);
  await submitAndApprove(lead, admin, sopId);
  const form: Record<string, string> = {
    intent: "publish",
    changeNote:
      changeKind === "minor"
        ? "Fixed a typo in the purpose"
        : changeKind
          ? "New step: check the address"
          : "First version",
    confirmWarnings: "1",
  };
  if (changeKind) form.changeKind = changeKind;
  const published = await lifecycle(lead, sopId, form);
  expect(published.status(), await published.text()).toBe(200);
}

async function completePracticeCall(page: Page) {
  await expect(page.getByTestId("practice-banner")).toContainText("The parcel never came");
  await runReady(page);
  // The customer's lines arrive as the call goes: the opening, then the answer to the step's field.
  await expect(page.getByTestId("practice-banner")).toContainText("Hi, my parcel has not arrived.");
  await expect(page.getByTestId("practice-banner")).toContainText("It is ZX-4471.");
  await page.getByRole("textbox", { name: /^Order number/ }).fill("ZX-4471");
  await page.getByLabel("Repeated the number back").check();
  await page.getByRole("button", { name: /^Done, next step/ }).click();
  await expect(stepHeading(page)).toContainText("Find out what happened");
  await page.locator(".answers").getByRole("button").first().click(); // start → the question
  await expect(page.getByTestId("practice-banner")).toContainText("No, nothing came.");
  await page.locator(".answers").getByRole("button", { name: /No$/ }).click();
  await page.getByRole("button", { name: /^Done/ }).click();
  await page.getByLabel("Outcome", { exact: true }).selectOption({ label: "Resolved" });
  await page.getByRole("button", { name: "Complete the call" }).click();
  await expect(sync(page)).toHaveText(/All changes saved/);
  await expect(page.getByTestId("practice-score")).toContainText("Practice score: 100%");
}

test.describe.configure({ mode: "serial" });

test("assignment to certificate, then a minor and a material change", async ({ page, browser }) => {
  test.setTimeout(180_000);
  const admin = await apiClient(DEMO.admin);
  const lead = await apiClient(DEMO.lead);
  try {
    // A new trainee in Customer Service, and a new SOP with a quiz and a scenario.
    const departments = await (await admin.get("/admin/users/new")).text();
    const cs = /<option value="(\d+)">Customer Service<\/option>/.exec(departments)![1]!;
    const created = await admin.post("/admin/users/new", {
      form: { email: TRAINEE.email, name: TRAINEE.name, role: "trainee", departmentId: cs, password: TRAINEE.password },
      maxRedirects: 0,
    });
    expect(created.status(), await created.text()).toBeLessThan(400);
    const made = await lead.post("/sops/new", {
      form: { title: TITLE, department: "Customer Service", template: "blank", language: "en" },
      maxRedirects: 0,
    });
    const sopId = /\/sops\/([^/]+)\/edit/.exec(made.headers()["location"] ?? "")![1]!;
    await publish(lead, admin, sopId, source("Answer parcel questions the same way every time."));

    // The trainer assigns it to the new trainee.
    const trainer = await browser.newContext();
    const tp = await trainer.newPage();
    await signIn(tp, DEMO.trainer);
    await tp.goto("/assignments");
    await tp.waitForLoadState("networkidle");
    const assign = tp.locator("section", { has: tp.getByRole("heading", { name: "Assign training", level: 2 }) });
    await assign.getByLabel("SOP or learning path").selectOption({ label: `${TITLE} — Customer Service` });
    await assign.getByLabel("A person", { exact: true }).check();
    await assign
      .getByLabel("Person", { exact: true })
      .selectOption({ label: `${TRAINEE.name} — Trainee, Customer Service` });
    await assign.getByRole("button", { name: "Assign", exact: true }).click();
    await expect(tp.getByRole("status").filter({ hasText: "Training assigned." })).toBeVisible();

    // The trainee sees it in My training, with a count in the navigation.
    await signIn(page, TRAINEE.email, TRAINEE.password);
    await expect(page.getByTestId("nav-badge-training")).toBeAttached();
    await page.goto("/training");
    const card = page.locator(".learn-card").filter({ hasText: TITLE });
    await expect(card.locator(".csb")).toHaveAttribute("data-state", "not-started");
    await card.getByRole("link", { name: TITLE, exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: TITLE })).toBeVisible();
    // The page renders the procedure, never the quiz's answer key or the scenario's expected outcome.
    const html = await page.content();
    expect(html).not.toContain("The order number finds the parcel");
    expect(html).not.toContain("Repeat it back");
    await page.getByRole("button", { name: "I have read and understood version 1" }).click();
    await expect(
      page.getByRole("status").filter({ hasText: "your confirmation of version 1 is recorded" }),
    ).toBeVisible();

    // The quiz: a wrong attempt shows right/wrong and why, but not the correct answers (attempts are left).
    await page.getByRole("link", { name: "Take the quiz" }).click();
    await page.getByLabel("The customer's birthday").check();
    await page.getByLabel("Your answer").fill("Forget it");
    await page.getByRole("button", { name: "Submit answers" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Not passed: 0%" })).toBeVisible();
    await expect(page.getByText("The order number finds the parcel.")).toBeVisible();
    await expect(page.getByText(/Correct answer:/)).toHaveCount(0);
    await page.getByRole("link", { name: "Try again" }).click();
    await page.getByLabel("The order number").check();
    await page.getByLabel("Your answer").fill("  repeat IT back. ");
    await page.getByRole("button", { name: "Submit answers" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Passed: 100%" })).toBeVisible();
    await page.getByRole("link", { name: "Back to the procedure" }).click();

    // A practice call on the scenario, scored against it.
    await page.getByRole("button", { name: /Start practice call/ }).click();
    await expect(page).toHaveURL(/\/runs\//);
    await completePracticeCall(page);
    await page.getByRole("link", { name: "Back to the training page" }).click();
    await expect(page.locator(".learn-card, .training-panel").first()).toContainText("Certified");
    await expect(
      page.getByText("You are certified on this procedure.").or(page.getByText(/Certified on version 1/)),
    ).toBeVisible();

    // The trainer's matrix shows it.
    await tp.goto(`/trainees?q=${encodeURIComponent(TRAINEE.name)}`);
    await expect(tp.getByRole("table", { name: /Readiness matrix/ }).locator(`td[data-sop="${sopId}"]`)).toContainText(
      "Certified",
    );

    // A minor change: the certificate carries over and the change note is shown.
    await publish(lead, admin, sopId, source("Answer parcel questions the same way, every time."), "minor");
    await page.goto("/training");
    await expect(card.locator(".csb")).toHaveAttribute("data-state", "certified");
    await expect(card).toContainText("Fixed a typo in the purpose");

    // A material change: certificate withdrawn, acknowledgement re-opened, with what changed since the version
    // they acknowledged (1: the minor change did not ask them to confirm 2).
    await publish(
      lead,
      admin,
      sopId,
      source(
        "Answer parcel questions the same way, every time.",
        `\n<Step title="Check the delivery address" id="address">\n  <Check>Address confirmed</Check>\n</Step>\n`,
      ),
      "material",
    );
    await page.goto("/training");
    await expect(card.locator(".csb")).toHaveAttribute("data-state", "reading");
    await card.getByRole("link", { name: TITLE, exact: true }).click();
    const changes = page.getByRole("region", { name: /What changed since version 1/ });
    await expect(changes).toBeVisible();
    await expect(changes).toContainText("Check the delivery address");
    await page.getByRole("button", { name: "I have read and understood version 3" }).click();
    await expect(page.getByRole("status").filter({ hasText: "version 3 is recorded" })).toBeVisible();
    await trainer.close();

    // The audit log has the publishing and certification trail.
    const audit = await (await admin.get("/admin/audit?action=training")).text();
    expect(audit).toContain("was certified on");
    expect(audit).toContain("withdrawn");
  } finally {
    await admin.dispose();
    await lead.dispose();
  }
});

test("HTTP: no answer key before grading, no one else's training", async () => {
  const tom = await apiClient(DEMO.trainee);
  const admin = await apiClient(DEMO.admin);
  try {
    // Tom's own quiz page: prompts and options, never the answers or explanations (the demo call-opening quiz).
    const quiz = await tom.get("/training/call-opening-aidet/quiz");
    expect(quiz.status()).toBe(200);
    const body = await quiz.text();
    expect(body).not.toMatch(/"answers":\[/);
    expect(body).not.toMatch(/"explanation":/);
    expect(body).not.toMatch(/"expect":\{/);
    // The SOP page and the runbook do not carry the key either.
    for (const url of ["/sops/call-opening-aidet", "/sops/refund-and-return"]) {
      const page = await (await tom.get(url)).text();
      expect(page, url).not.toMatch(/"answers":\[|"explanation":|"expect":\{/);
    }
    // Someone else's record and the trainer's pages are refused; an SOP not assigned to Tom is a 404.
    const aisha = await userIdOf(admin, "aisha.trainee@stepwise.example");
    expect((await tom.get(`/trainees/${aisha}`)).status()).toBe(403);
    expect((await tom.get("/trainees")).status()).toBe(403);
    expect((await tom.get("/training/el-epistrofi-chrimaton")).status()).toBe(404);
    // A quiz submission for an SOP not assigned is refused, with a reason.
    const refused = await tom.post("/training/el-epistrofi-chrimaton/quiz", { form: { version: "1", "q:x": "y" } });
    expect(refused.status()).toBe(404);
  } finally {
    await tom.dispose();
    await admin.dispose();
  }
});
