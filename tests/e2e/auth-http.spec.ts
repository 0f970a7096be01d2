// HTTP-level checks of sign-in, redirects, cookies and caching against the production server the suite starts
// (Playwright's `request`: no browser). Each sign-in attempt comes from its own client address (X-Forwarded-For,
// trusted from loopback in e2e) so the per-IP limit of 10 a minute never mixes tests up.
import type { APIRequestContext, APIResponse } from "@playwright/test";
import { DEMO, DEMO_PASSWORD, expect, test, uniqueIp } from "./fixtures";

function post(request: APIRequestContext, form: Record<string, string>, ip: string) {
  return request.post("/login", { form, headers: { "X-Forwarded-For": ip }, maxRedirects: 0 });
}

async function signIn(request: APIRequestContext, email: string, ip = uniqueIp()): Promise<void> {
  const res = await post(request, { email, password: DEMO_PASSWORD, redirectTo: "/" }, ip);
  expect(res.status(), await res.text()).toBe(302);
}

test.describe("redirectTo", () => {
  const hostile = [
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r\n/evil.example",
    "//evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "/%2F/evil.example",
    "/.//evil.example",
    "/.%2e//evil.example",
    " //evil.example",
    "\uff0f\uff0fevil.example",
    "https://evil.example/",
    "javascript:alert(1)",
  ];
  for (const redirectTo of hostile) {
    test(`signing in with redirectTo=${JSON.stringify(redirectTo)} stays on this site`, async ({ request }) => {
      const res = await post(request, { email: DEMO.agent, password: DEMO_PASSWORD, redirectTo }, uniqueIp());
      expect(res.status()).toBe(302);
      expect(res.headers()["location"]).toBe("/");
    });
  }

  test("a signed-in visit to /login?redirectTo=/%0a/x is a redirect home, not a 500", async ({ request }) => {
    await signIn(request, DEMO.agent);
    for (const query of ["/%0a/x", "/%09/evil.example", "/%0d%0a/x", "%2F%2Fevil.example", "/%5Cevil.example"]) {
      const res = await request.get(`/login?redirectTo=${query}`, { maxRedirects: 0 });
      expect(res.status(), query).toBe(302);
      expect(res.headers()["location"], query).toBe("/");
    }
    const back = await request.get(`/login?redirectTo=${encodeURIComponent("/library?q=refund")}`, { maxRedirects: 0 });
    expect(back.status()).toBe(302);
    expect(back.headers()["location"]).toBe("/library?q=refund");
  });
});

test("a sign-in POST that is not a form gets a 400, not a 500", async ({ request }) => {
  for (const [type, body] of [
    ["application/json", '{"email":"a@b.c"}'],
    ["text/plain", "x"],
    ["multipart/form-data; boundary=zz", "--broken"],
  ]) {
    const res = await request.post("/login", {
      headers: { "Content-Type": type!, "X-Forwarded-For": uniqueIp() },
      data: body,
      maxRedirects: 0,
    });
    expect(res.status(), type).toBe(400);
  }
});

test.describe("failed sign-ins", () => {
  /** The parts of an answer that may differ between any two responses: the CSP nonce, the date, the echoed e-mail. */
  function normalise(res: APIResponse, body: string, email: string) {
    const headers = { ...res.headers() };
    const nonce = /'nonce-([^']+)'/.exec(headers["content-security-policy"] ?? "")?.[1] ?? "<none>";
    delete headers["date"];
    delete headers["content-length"];
    headers["content-security-policy"] = (headers["content-security-policy"] ?? "").replaceAll(nonce, "NONCE");
    return { status: res.status(), headers, body: body.replaceAll(nonce, "NONCE").replaceAll(email, "EMAIL") };
  }

  test("known and unknown e-mails get byte-identical answers, also once slowed down", async ({ request }) => {
    // Upper case (the lookup ignores case): the echoed address then never coincides with the demo-account list
    // on the page, so replacing it is the only normalisation the bodies need besides the nonce.
    const known = DEMO.lead.toUpperCase(); // LEAD@STEPWISE.EXAMPLE
    const unknown = "ZZZZ@STEPWISE.EXAMPLE"; // same length, no account
    const trail = async (email: string, ip: string) => {
      const answers = [];
      for (let n = 1; n <= 6; n++) {
        const res = await post(request, { email, password: `wrong-password-${n}` }, ip);
        answers.push(normalise(res, await res.text(), email));
        // failures 4 and 5 start waits of 1 s and 2 s: sit them out so the next failure counts
        if (n === 4 || n === 5) await new Promise((r) => setTimeout(r, (n === 4 ? 1 : 2) * 1000 + 150));
      }
      // the sixth failure made the pair wait 4 s: the next attempt is refused before any password check
      const slowed = await post(request, { email, password: "wrong-password-7" }, ip);
      answers.push(normalise(slowed, await slowed.text(), email));
      return answers;
    };
    const [a, b] = await Promise.all([trail(known, uniqueIp()), trail(unknown, uniqueIp())]);
    expect(a.map((x) => x.status)).toEqual([401, 401, 401, 401, 401, 401, 429]);
    expect(a.at(-1)!.headers["retry-after"]).toBe("4");
    expect(a.at(-1)!.body).toContain("Too many failed sign-ins with this e-mail address from your network.");
    expect(b).toEqual(a);
  });

  test("guessing from one address never locks the owner out", async ({ request }) => {
    const attacker = uniqueIp();
    for (let i = 0; i < 9; i++) {
      const res = await post(request, { email: DEMO.trainer, password: `guess-${i}` }, attacker);
      expect([401, 429]).toContain(res.status());
    }
    // the attacker's address now has to wait, even with the right password…
    expect((await post(request, { email: DEMO.trainer, password: DEMO_PASSWORD }, attacker)).status()).toBe(429);
    // …but the owner, elsewhere, signs in at once
    const owner = await post(request, { email: DEMO.trainer, password: DEMO_PASSWORD, redirectTo: "/" }, uniqueIp());
    expect(owner.status()).toBe(302);
  });
});

test.describe("caching", () => {
  test("signed-in pages and data are no-store; assets keep their long cache", async ({ request }) => {
    await signIn(request, DEMO.agent);
    const created = await request.post("/api/runs", { data: { sopId: "late-missing-delivery", channel: "phone" } });
    expect(created.status()).toBe(201);
    const { id } = (await created.json()) as { id: string };
    let assetPath: string | undefined;
    for (const path of ["/", "/library", `/runs/${id}`, "/library.data", `/runs/${id}.data`]) {
      const res = await request.get(path, { maxRedirects: 0 });
      expect(res.status(), path).toBe(200);
      expect(res.headers()["cache-control"], path).toBe("no-store");
      expect(res.headers()["vary"] ?? "", path).toMatch(/\bCookie\b/i);
      if (path === "/") assetPath = /\/assets\/[^"'\s]+\.js/.exec(await res.text())?.[0];
    }
    expect(assetPath).toBeTruthy();
    const asset = await request.get(assetPath!);
    expect(asset.status()).toBe(200);
    expect(asset.headers()["cache-control"]).toMatch(/max-age=31536000/);
    expect(asset.headers()["cache-control"]).toContain("immutable");
  });

  test("anonymous pages are not marked no-store", async ({ request }) => {
    const res = await request.get("/login");
    expect(res.status()).toBe(200);
    expect(res.headers()["cache-control"] ?? "").not.toContain("no-store");
  });
});

test("without STEPWISE_HTTPS the session cookie keeps its plain name and is not Secure (plain http)", async ({
  request,
}) => {
  const res = await post(request, { email: DEMO.agent, password: DEMO_PASSWORD, redirectTo: "/" }, uniqueIp());
  const cookie = res.headers()["set-cookie"] ?? "";
  expect(cookie).toMatch(/^stepwise_session=[^;]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=\d+$/);
});
