// Request body limits (app/body-limit.server.ts) and the run-event answer/limit, against the production server.
// Bodies are sent with node:http to the server's address — chunked (no Content-Length) or with a declared
// length — and every sender stops by itself as soon as the answer arrives.
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { type APIRequestContext } from "@playwright/test";
import { DEMO, expect, signIn, test, uniqueIp } from "./fixtures";
import { apiSignIn, runReady, sync } from "./runbook-fixtures";

const KB = 1024;
const MB = 1024 * KB;

type Answer = { status: number; headers: http.IncomingHttpHeaders; body: string; ms: number; sent: number };

/**
 * POSTs `total` bytes to `path` in 64 KB pieces (chunked unless a Content-Length is given); stops at the answer.
 * The server answers early and closes: on a loaded machine the client can be mid-write when the socket closes
 * and see EPIPE before it has parsed the answer already on the wire. That is the client's race, not a missing
 * answer, so the send is tried again (at most four times), pacing the pieces so the answer is read between two
 * writes; a server that never answers still fails the test.
 */
async function send(
  baseURL: string,
  path: string,
  total: number,
  headers: Record<string, string | number> = {},
): Promise<Answer> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await sendOnce(baseURL, path, total, headers, attempt > 1);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (attempt >= 5 || (code !== "EPIPE" && code !== "ECONNRESET")) throw e;
    }
  }
}

function sendOnce(
  baseURL: string,
  path: string,
  total: number,
  headers: Record<string, string | number>,
  paced: boolean,
): Promise<Answer> {
  const url = new URL(path, baseURL);
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        method: "POST",
        agent: false,
        headers: { "X-Forwarded-For": uniqueIp(), ...headers },
      },
      (res) => {
        answered = true;
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => (body += c));
        res.on("end", () => {
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, ms: performance.now() - t0, sent });
          req.destroy();
        });
      },
    );
    req.on("error", (e) => {
      if (!answered) reject(e);
    });
    req.setTimeout(20_000, () => req.destroy(new Error("no answer in 20 s")));
    const piece = Buffer.alloc(64 * KB, 0x61);
    const pump = () => {
      while (!answered && !req.destroyed && sent < total) {
        const n = Math.min(piece.length, total - sent);
        sent += n;
        if (!req.write(n === piece.length ? piece : piece.subarray(0, n))) return void req.once("drain", pump);
        if (paced) return void setTimeout(pump, 2);
      }
      if (!answered && !req.destroyed) req.end();
    };
    if (total === 0) req.flushHeaders();
    else if ("Content-Length" in headers) {
      // A declared length is refused before the body is read: give the answer a moment before pouring the rest.
      req.flushHeaders();
      setTimeout(pump, 300);
    } else pump();
  });
}

async function cookieOf(request: APIRequestContext): Promise<string> {
  return (await request.storageState()).cookies.map((c) => `${c.name}=${c.value}`).join("; ");
}

// one client address for this file's API sign-ins (the sign-in limit counts per address)
test.use({ extraHTTPHeaders: { "X-Forwarded-For": uniqueIp() } });

test.describe("request bodies are capped while they stream", () => {
  test("an anonymous 20 MB chunked sign-in is answered 413 at once, and the server goes on serving", async ({
    baseURL,
    request,
  }) => {
    const form = { "Content-Type": "application/x-www-form-urlencoded" };
    const a = await send(baseURL!, "/login", 20 * MB, form);
    expect(a.status).toBe(413);
    expect(a.headers["content-type"]).toMatch(/^text\/plain/);
    expect(a.headers.connection).toBe("close");
    expect(a.body).toMatch(/A sign-in may be at most 8 KB/);
    expect(a.ms).toBeLessThan(3_000);
    expect(a.sent).toBeLessThan(20 * MB);
    // the same through React Router's data request (its client shows the text on the error page)
    const data = await send(baseURL!, "/login.data", 20 * MB, form);
    expect(data.status).toBe(413);
    expect(data.body).toMatch(/^A sign-in may be at most 8 KB/);
    // and everyone else is unaffected: the health check, then a normal sign-in
    expect((await request.get("/healthz")).status()).toBe(200);
    await apiSignIn(request, DEMO.agent);
  });

  test(
    "a Content-Length over the limit is refused before the " + "body is sent; one beside chunked never reaches the app",
    async ({ baseURL }) => {
      const declared = await send(baseURL!, "/login", 0, {
        "Content-Type": "application/x-www-form-urlencoded",
        "Content-Length": 300 * MB,
      });
      expect(declared.status).toBe(413);
      expect(declared.sent).toBe(0);
      expect(declared.ms).toBeLessThan(3_000);
      const both = await send(baseURL!, "/login", 100 * KB, {
        "Content-Length": 10,
        "Transfer-Encoding": "chunked",
      }).catch(() => ({ status: 0 }));
      expect([0, 400]).toContain(both.status);
    },
  );

  test("an oversized SOP draft save is refused with 413, a normal-size one reaches the editor's action", async ({
    baseURL,
    request,
  }) => {
    await apiSignIn(request, DEMO.lead);
    // declared length (what a browser sends): refused before the body is read
    const big = await send(baseURL!, "/sops/call-opening-aidet/edit.data", 5 * MB, {
      "Content-Type": "application/json",
      "Content-Length": 5 * MB,
      Cookie: await cookieOf(request),
    });
    expect(big.status).toBe(413);
    expect(big.body).toMatch(/An SOP draft save may be at most 4 MB/);
    // chunked, signed in: counted as it streams
    const chunked = await send(baseURL!, "/sops/call-opening-aidet/edit.data", 20 * MB, {
      "Content-Type": "application/json",
      Cookie: await cookieOf(request),
    });
    expect(chunked.status).toBe(413);
    expect(chunked.sent).toBeLessThan(20 * MB);
    // 1 MB — over the 64 KB default, within the save's 4 MB — is the action's business (it refuses the intent)
    const within = await request.post("/sops/call-opening-aidet/edit.data", {
      headers: { "Content-Type": "application/json" },
      data: JSON.stringify({ intent: "nope", pad: "y".repeat(MB) }),
    });
    expect(within.status()).not.toBe(413);
    expect(within.status()).toBeLessThan(500);
  });

  test("in the browser, an import over 50 MB is refused at once and the import page says why", async ({ page }) => {
    test.setTimeout(60_000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stepwise-big-import-"));
    try {
      const file = path.join(dir, "huge.zip");
      fs.writeFileSync(file, Buffer.alloc(51 * MB, 0x50));
      await signIn(page, DEMO.admin);
      await page.goto("/editor/import");
      await page.locator("input[type=file]").setInputFiles(file);
      await page.getByRole("button", { name: "Import", exact: true }).click();
      // the page's upload (XHR to /api/import) gets the 413 and shows its message — not "could not be reached"
      await expect(page.getByText(/An import may be at most 50 MB/)).toBeVisible({ timeout: 20_000 });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test("a 60 MB import sent chunked is answered 413 long before its end; a smaller one reaches the importer", async ({
    baseURL,
    request,
  }) => {
    await apiSignIn(request, DEMO.admin);
    const headers = {
      "Content-Type": "multipart/form-data; boundary=stepwise",
      Accept: "application/json",
      Cookie: await cookieOf(request),
    };
    const huge = await send(baseURL!, "/api/import", 60 * MB, headers);
    expect(huge.status).toBe(413);
    expect(JSON.parse(huge.body)).toMatchObject({
      error: expect.stringMatching(/An import may be at most 50 MB/),
      limit: 50 * MB,
    });
    expect(huge.ms).toBeLessThan(15_000);
    // 1 MB of it is not refused for its size (the 64 KB default does not apply): the importer says what is wrong
    const small = await send(baseURL!, "/api/import", MB, headers);
    expect(small.status).toBe(400);
  });
});

test.describe("run events: counts in the answer, a cap per run", () => {
  test(
    "the events route takes its 5 MB, answers counts (the state only on " +
      "?state=1), and refuses a run past 5,000 events but its wrap-up",
    async ({ baseURL, request }) => {
      test.setTimeout(60_000);
      await apiSignIn(request, DEMO.agent);
      const start = await request.post("/api/runs", { data: { sopId: "call-opening-aidet", channel: "phone" } });
      expect(start.status()).toBe(201);
      const { id } = (await start.json()) as { id: string };
      const post = (events: unknown[], query = "") =>
        request.post(`/api/runs/${id}/events${query}`, { data: { events } });

      // 200 notes of 1,500 characters: ~330 KB, far over the 64 KB default
      const notes = Array.from({ length: 200 }, (_, i) => ({
        id: randomUUID(),
        at: Date.now(),
        type: "note.added",
        text: `${i} ${"n".repeat(1500)}`,
      }));
      const big = await post(notes);
      expect(big.status()).toBe(200);
      expect(await big.json()).toEqual({ accepted: 200, duplicates: 0, eventCount: 201 });
      const retry = await post(notes.slice(0, 2));
      expect(await retry.json()).toEqual({ accepted: 0, duplicates: 2, eventCount: 201 });
      const withState = await post(
        [{ id: randomUUID(), at: Date.now(), type: "note.added", text: "with state" }],
        "?state=1",
      );
      const body = (await withState.json()) as { eventCount: number; state: { appliedEventIds: string[] } };
      expect(body.eventCount).toBe(202);
      expect(body.state.appliedEventIds).toHaveLength(202);

      // over 5 MB, chunked: 413 in the API's shape
      const tooBig = await send(baseURL!, `/api/runs/${id}/events`, 6 * MB, {
        "Content-Type": "application/json",
        Cookie: await cookieOf(request),
      });
      expect(tooBig.status).toBe(413);
      expect(JSON.parse(tooBig.body)).toMatchObject({
        error: expect.stringMatching(/send at most 200 events at a time/),
        limit: 5 * MB,
      });

      // fill the run to its limit with step focus changes
      const run = (await (await request.get(`/api/runs/${id}`)).json()) as {
        state: { steps: Record<string, unknown> };
      };
      const steps = Object.keys(run.state.steps);
      let count = 202;
      while (count < 5_000) {
        const n = Math.min(200, 5_000 - count);
        const res = await post(
          Array.from({ length: n }, (_, i) => ({
            id: randomUUID(),
            at: Date.now(),
            type: "step.focused",
            stepId: steps[(count + i) % steps.length],
          })),
        );
        expect(res.status()).toBe(200);
        count = ((await res.json()) as { eventCount: number }).eventCount;
      }
      expect(count).toBe(5_000);
      const full = await post([{ id: randomUUID(), at: Date.now(), type: "note.added", text: "one too many" }]);
      expect(full.status()).toBe(409);
      const refusal = (await full.json()) as Record<string, unknown>;
      expect(refusal).toMatchObject({
        code: "run-event-limit",
        limit: 5_000,
        eventCount: 5_000,
        error: expect.stringMatching(/already holds 5,000 events.*wrap-up is still accepted/),
      });
      expect(refusal).not.toHaveProperty("index"); // no single event is at fault: a client must not drop one and retry
      const wrapUp = await post([
        { id: randomUUID(), at: Date.now(), type: "completed", outcome: "resolved", wrapUp: "Done." },
      ]);
      expect(wrapUp.status()).toBe(200);
      expect(await wrapUp.json()).toEqual({ accepted: 1, duplicates: 0, eventCount: 5_001 });
    },
  );

  test("the run screen says so when a run holds 5,000 events, and still wraps it up", async ({ page }) => {
    test.setTimeout(60_000);
    await signIn(page, DEMO.agent);
    const start = await page.request.post("/api/runs", { data: { sopId: "call-opening-aidet", channel: "phone" } });
    const { id } = (await start.json()) as { id: string };
    const run = (await (await page.request.get(`/api/runs/${id}`)).json()) as {
      state: { steps: Record<string, unknown> };
    };
    const steps = Object.keys(run.state.steps);
    // 4,999 events: the agent's next change is the last one the run takes
    for (let count = 1; count < 4_999;) {
      const n = Math.min(200, 4_999 - count);
      const res = await page.request.post(`/api/runs/${id}/events`, {
        data: {
          events: Array.from({ length: n }, (_, i) => ({
            id: randomUUID(),
            at: Date.now(),
            type: "step.focused",
            stepId: steps[(count + i) % steps.length],
          })),
        },
      });
      count = ((await res.json()) as { eventCount: number }).eventCount;
    }
    await page.goto(`/runs/${id}`);
    await runReady(page);
    await page.getByRole("tab", { name: "Notes" }).click();
    await page.getByLabel("New note").fill("The last change this run takes.");
    await page.getByRole("button", { name: "Add note" }).click();
    await expect(sync(page)).toHaveText(/All changes saved/);
    await page.getByLabel("New note").fill("One too many.");
    await page.getByRole("button", { name: "Add note" }).click();
    await expect(
      page.getByText("This call has reached 5,000 changes, the most one run keeps: wrap it up"),
    ).toBeVisible();
    await page.getByRole("tab", { name: "Wrap-up" }).click();
    await page.getByRole("button", { name: "Complete the call" }).click();
    await expect(page.getByText("Call completed")).toBeVisible();
    await expect
      .poll(
        async () =>
          ((await (await page.request.get(`/api/runs/${id}`)).json()) as { run: { status: string } }).run.status,
      )
      .toBe("completed");
    const after = (await (await page.request.get(`/api/runs/${id}`)).json()) as {
      run: { eventCount: number; status: string };
      state: { notes: { text: string }[] };
    };
    expect(after.run).toMatchObject({ eventCount: 5_001, status: "completed" });
    expect(after.state.notes.map((n) => n.text)).toEqual(["The last change this run takes."]);
  });
});
