import { describe, expect, it } from "vitest";
import { bucketFollowUps, daysBetween, firstName } from "./home";

const NOW = Date.UTC(2026, 11, 1, 14, 30); // 14:30 UTC on 1 December

describe("follow-ups due now", () => {
  const rows = [
    { id: "later", followUpDue: "2026-12-03" },
    { id: "today-untimed", followUpDue: "2026-12-01" },
    { id: "today-16", followUpDue: "2026-12-01T16:00" },
    { id: "overdue-2", followUpDue: "2026-11-30" },
    { id: "overdue-1", followUpDue: "2026-11-02" },
    { id: "today-9-passed", followUpDue: "2026-12-01T09:00" },
    { id: "unreadable", followUpDue: "next week" },
    { id: "none", followUpDue: null },
  ];
  it("lists overdue first (oldest first), then today's with a time before the untimed; drops later ones", () => {
    const b = bucketFollowUps(rows, NOW, "UTC");
    expect(b.rows.map((r) => [r.id, r.bucket])).toEqual([
      ["overdue-1", "overdue"],
      ["overdue-2", "overdue"],
      ["today-9-passed", "overdue"],
      ["unreadable", "overdue"],
      ["today-16", "today"],
    ]);
    expect(b).toMatchObject({ overdue: 4, today: 2, total: 6 });
  });
  it("caps the rows but counts them all", () => {
    const b = bucketFollowUps(rows, NOW, "UTC", 2);
    expect(b.rows.map((r) => r.id)).toEqual(["overdue-1", "overdue-2"]);
    expect(b.total).toBe(6);
  });
  it("decides 'today' in the viewer's zone, not the server's", () => {
    // 14:30 UTC is 18:00 in Tehran: a follow-up due at 16:00 Tehran time has passed; in New York it is 09:30.
    expect(bucketFollowUps([{ followUpDue: "2026-12-01T16:00" }], NOW, "Asia/Tehran").rows[0]!.bucket).toBe("overdue");
    expect(bucketFollowUps([{ followUpDue: "2026-12-01T16:00" }], NOW, "America/New_York").rows[0]!.bucket).toBe(
      "today",
    );
    // late evening UTC is already tomorrow in Tehran: yesterday's follow-up there is overdue, not due today
    const late = Date.UTC(2026, 11, 1, 22, 0);
    expect(bucketFollowUps([{ followUpDue: "2026-12-01" }], late, "Asia/Tehran").rows[0]!.bucket).toBe("overdue");
    expect(bucketFollowUps([{ followUpDue: "2026-12-01" }], late, "UTC").rows[0]!.bucket).toBe("today");
  });
});

describe("small helpers", () => {
  it("counts the days a review is late", () => {
    expect(daysBetween("2026-10-31", "2026-12-01")).toBe(31);
    expect(daysBetween("2026-12-01", "2026-12-01")).toBe(0);
    expect(daysBetween("bad", "2026-12-01")).toBe(0);
  });
  it("greets by first name", () => {
    expect(firstName("Rasa Petrauskienė")).toBe("Rasa");
    expect(firstName("  Cher ")).toBe("Cher");
  });
});
