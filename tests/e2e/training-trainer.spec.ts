// The trainer's side of training: assign (an SOP to a person, a learning path to a department), see who is
// overdue in the readiness matrix, change a due date, remove an assignment, open a person's record — and the
// refusals: trainees never see these pages, and a trainer never sees someone outside their department.
import type { APIRequestContext } from "@playwright/test";
import { apiClient, DEMO, expect, signIn, test, userIdOf } from "./fixtures";

const SOP = { id: "email-enquiry-response", title: "E-mail enquiry response within two hours" };

async function departmentIds(admin: APIRequestContext): Promise<Record<string, string>> {
  const html = await (await admin.get("/admin/users/new")).text();
  return Object.fromEntries(
    [...html.matchAll(/<option value="(\d+)">([^<]+)<\/option>/g)].map((m) => [m[2]!.replace(/&amp;/g, "&"), m[1]!]),
  );
}

test.describe.configure({ mode: "serial" });

test("a trainer assigns, sees who is overdue, changes and removes assignments, and builds a learning path", async ({
  page,
}) => {
  test.setTimeout(90_000);
  await signIn(page, DEMO.trainer);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Assignments" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Assignments" })).toBeVisible();
  await page.waitForLoadState("networkidle");

  // Errors are named field by field.
  const assign = page.locator("section", { has: page.getByRole("heading", { name: "Assign training", level: 2 }) });
  await assign.getByRole("button", { name: "Assign", exact: true }).click();
  await expect(assign.getByText("Choose an SOP or a learning path.")).toBeVisible();
  await expect(assign.getByText("Choose the person.")).toBeVisible();

  // An SOP to the demo trainee, due in the past.
  await assign.getByLabel("SOP or learning path").selectOption({ label: `${SOP.title} — Customer Service` });
  await assign.getByLabel("A person", { exact: true }).check();
  await assign.getByLabel("Person", { exact: true }).selectOption({ label: "Tom Becker — Trainee, Customer Service" });
  await assign.getByLabel("Due date (optional)").fill("2020-01-15");
  await assign.getByRole("button", { name: "Assign", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Training assigned." })).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: SOP.title }).filter({ hasText: "Tom Becker" });
  await expect(row).toHaveCount(1);
  await expect(row.getByText("1 overdue")).toBeVisible();

  // The matrix shows them overdue on it.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Trainees" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Trainees" })).toBeVisible();
  const matrix = page.getByRole("table", { name: /Readiness matrix/ });
  await expect(matrix.getByRole("columnheader", { name: SOP.title })).toBeVisible();
  const tom = matrix.getByRole("row").filter({ has: page.getByRole("link", { name: "Tom Becker" }) });
  const cell = tom.locator(`td[data-sop="${SOP.id}"]`);
  await expect(cell).toContainText("Not started");
  await expect(cell).toContainText("Overdue · due 15 Jan 2020");
  await expect(tom).toContainText("Not ready");
  expect(Number(await page.getByTestId("count-overdue").textContent())).toBeGreaterThanOrEqual(1);
  // The state filter lives in the URL.
  await page.getByLabel("State", { exact: true }).selectOption("overdue");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/state=overdue/);
  await expect(tom).toBeVisible();

  // Change the due date.
  await page.goto("/assignments");
  await page.waitForLoadState("networkidle");
  await row.getByText(`Change ${SOP.title}`).click();
  await row.getByLabel("Due date").fill("2099-06-30");
  await row.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Assignment changed." })).toBeVisible();
  await expect(row).toContainText("30 Jun 2099");
  await expect(row.getByText("1 overdue")).toHaveCount(0);
  await page.goto("/trainees");
  await expect(cell).toContainText("Due 30 Jun 2099");
  await expect(cell).not.toContainText("Overdue");

  // A learning path, assigned to the trainer's department.
  await page.goto("/assignments");
  await page.waitForLoadState("networkidle");
  const pathName = `First week ${Date.now().toString(36)}`;
  const paths = page.locator("section", { has: page.getByRole("heading", { name: "Learning paths", level: 2 }) });
  const newPath = paths.locator("details.asg-new-path");
  if (!(await newPath.getAttribute("open"))) await newPath.locator("summary").click();
  await paths.getByRole("button", { name: "Create learning path" }).click();
  await expect(paths.getByText("Give the learning path a name")).toBeVisible();
  await expect(paths.getByText("Choose at least one SOP for the path.")).toBeVisible();
  await paths.getByLabel("Name", { exact: true }).fill(pathName);
  // SOPs of another department (a trainer may teach any published SOP), so the demo's own paths don't bring them.
  await paths.getByLabel("Step 1", { exact: true }).selectOption({ label: "Late or missing delivery" });
  await paths.getByLabel("Step 2", { exact: true }).selectOption({ label: "Late or missing delivery" });
  await paths.getByRole("button", { name: "Create learning path" }).click();
  await expect(paths.getByText("An SOP appears twice")).toBeVisible();
  await paths.getByLabel("Step 2", { exact: true }).selectOption({ label: "Refund and return with RMA" });
  await paths.getByRole("button", { name: "Create learning path" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Learning path “${pathName}” created.` })).toBeVisible();
  const listed = paths.getByRole("listitem").filter({ hasText: pathName });
  await expect(listed.getByRole("link")).toHaveText(["Late or missing delivery", "Refund and return with RMA"]);

  await assign.getByLabel("SOP or learning path").selectOption({ label: `${pathName} (2 SOPs)` });
  await assign.getByLabel("A department", { exact: true }).check();
  await assign.getByLabel("Department", { exact: true }).selectOption({ label: "Customer Service" });
  await assign.getByLabel("For reference").check();
  await assign.getByRole("button", { name: "Assign", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Training assigned." })).toBeVisible();
  const pathRow = page.getByRole("row").filter({ hasText: pathName });
  await expect(pathRow).toContainText("Learning path · 2 SOPs");
  await expect(pathRow).toContainText("Customer Service");
  await expect(pathRow).toContainText("For reference");

  // Remove the first assignment, after a confirmation.
  await row.getByText(`Remove ${SOP.title}`).click();
  await expect(row.getByText(/Remove “E-mail enquiry response within two hours” from Tom Becker\?/)).toBeVisible();
  await row.getByRole("button", { name: "Yes, remove it" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Assignment removed." })).toBeVisible();
  await expect(row).toHaveCount(0);

  // The person's page: the path's SOPs reached them through their department.
  await page.goto("/trainees");
  await page
    .getByRole("table", { name: /Readiness matrix/ })
    .getByRole("link", { name: "Tom Becker" })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Tom Becker" })).toBeVisible();
  const assigned = page.getByRole("table", { name: /SOPs assigned to Tom Becker/ });
  await expect(assigned.getByRole("rowheader", { name: /Late or missing delivery/ })).toContainText(
    `${pathName}, step 1`,
  );
  await expect(assigned.getByRole("rowheader", { name: /Refund and return with RMA/ })).toContainText(
    `${pathName}, step 2`,
  );
  for (const h of ["Quiz attempts", "Practice runs", "Acknowledgements", "Certificates"])
    await expect(page.getByRole("heading", { level: 2, name: new RegExp(`^${h}`) })).toBeVisible();
});

test(
  "trainees get 403 on the trainer's pages; a trainer gets " + "the policy's 403 for someone outside their department",
  async () => {
    const admin = await apiClient(DEMO.admin);
    const trainee = await apiClient(DEMO.trainee);
    const trainer = await apiClient(DEMO.trainer);
    try {
      const tomId = await userIdOf(admin, DEMO.trainee);
      for (const url of ["/trainees", "/assignments", `/trainees/${tomId}`])
        expect((await trainee.get(url)).status(), `GET ${url} as a trainee`).toBe(403);
      const post = await trainee.post("/assignments", { form: { intent: "remove", id: "1" }, maxRedirects: 0 });
      expect(post.status()).toBe(403);

      // Someone in Billing: outside the Customer Service trainer's department.
      const email = `trainer.scope.${Date.now().toString(36)}@stepwise.example`;
      const billing = (await departmentIds(admin))["Billing"];
      expect(billing).toBeTruthy();
      const created = await admin.post("/admin/users/new", {
        form: {
          name: "Dana Billing Trainee",
          email,
          role: "trainee",
          departmentId: billing!,
          password: "Copper-Kettle-Meadow-42",
        },
        maxRedirects: 0,
      });
      expect(created.status()).toBe(302);
      const outsider = /\/admin\/users\/([0-9a-f-]{36})/.exec(created.headers()["location"] ?? "")?.[1];
      expect(outsider).toBeTruthy();
      const refused = await trainer.get(`/trainees/${outsider}`);
      expect(refused.status()).toBe(403);
      expect(await refused.text()).toContain("This person is not in your department");
      // … and cannot be assigned anything by that trainer, nor coached.
      const assign = await trainer.post("/assignments", {
        form: {
          intent: "assign",
          what: `sop:${SOP.id}`,
          targetKind: "person",
          userId: outsider!,
          required: "required",
          dueDate: "",
        },
      });
      expect(assign.status()).toBe(403);
      expect(await assign.text()).toContain("not in your department");
      const grant = await trainer.post(`/trainees/${outsider}`, { form: { intent: "grant", sopId: SOP.id } });
      expect(grant.status()).toBe(403);
      // The admin sees them; an unknown person is a 404.
      expect((await admin.get(`/trainees/${outsider}`)).status()).toBe(200);
      expect((await trainer.get("/trainees/00000000-0000-4000-8000-000000000000")).status()).toBe(404);
      // The trainer's own department's people are theirs to see.
      expect((await trainer.get(`/trainees/${tomId}`)).status()).toBe(200);
    } finally {
      await Promise.all([admin, trainee, trainer].map((c) => c.dispose()));
    }
  },
);
