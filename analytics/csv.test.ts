import { describe, expect, it } from "vitest";
import { csvFileName, toCsv } from "./csv";

const BOM = "\uFEFF";

describe("toCsv", () => {
  it("starts with a BOM, ends every line with CRLF and leaves null and undefined empty", () => {
    expect(
      toCsv(
        ["a", "b"],
        [
          [1, "x"],
          [null, undefined],
        ],
      ),
    ).toBe(`${BOM}a,b\r\n1,x\r\n,\r\n`);
    expect(toCsv(["only"], [])).toBe(`${BOM}only\r\n`);
  });

  it("quotes cells holding commas, quotes or line breaks", () => {
    expect(toCsv(["t"], [["x,y"], ['say "hi"'], ["line\nbreak"]])).toBe(
      `${BOM}t\r\n"x,y"\r\n"say ""hi"""\r\n"line\nbreak"\r\n`,
    );
  });

  it("neutralises text that a spreadsheet would run as a formula, but keeps numbers numbers", () => {
    const csv = toCsv(["v"], [["=SUM(A1:A9)"], ["+1"], ["-2"], ["@cmd"], ["\tx"], ["a=b"], [-5], [1.5], [0]]);
    expect(csv).toBe(`${BOM}v\r\n'=SUM(A1:A9)\r\n'+1\r\n'-2\r\n'@cmd\r\n'\tx\r\na=b\r\n-5\r\n1.5\r\n0\r\n`);
    // a leading carriage return is neutralised and, being a line break, quoted
    expect(toCsv(["v"], [["\rcmd"]])).toBe(`${BOM}v\r\n"'\rcmd"\r\n`);
    expect(toCsv(["=HYPERLINK(1)"], [])).toBe(`${BOM}'=HYPERLINK(1)\r\n`);
  });

  it("writes booleans as true/false and numbers that are not finite as empty", () => {
    expect(toCsv(["a", "b", "c"], [[true, false, Number.NaN]])).toBe(`${BOM}a,b,c\r\ntrue,false,\r\n`);
  });

  it("keeps Greek and Persian text as it is (UTF-8)", () => {
    const csv = toCsv(["τίτλος", "عنوان"], [["Επιστροφή χρημάτων", "بازپرداخت"]]);
    expect(csv).toBe(`${BOM}τίτλος,عنوان\r\nΕπιστροφή χρημάτων,بازپرداخت\r\n`);
  });
});

describe("csvFileName", () => {
  it("joins ASCII slugs of the parts", () => {
    expect(csvFileName(["stepwise", "sops", "2025-01-01", "2025-01-31"])).toBe(
      "stepwise-sops-2025-01-01-2025-01-31.csv",
    );
    expect(csvFileName(["Refund & Return", "Café crème"])).toBe("refund-return-cafe-creme.csv");
  });

  it("drops what is not ASCII-sluggable and never leaves a path or an empty name", () => {
    expect(csvFileName(["stepwise", "Επιστροφή", "answers"])).toBe("stepwise-answers.csv");
    expect(csvFileName(["Επιστροφή"])).toBe("export.csv");
    expect(csvFileName([])).toBe("export.csv");
    expect(csvFileName(["../../etc/passwd"])).toBe("etc-passwd.csv");
    expect(csvFileName(['a"b\r\nc'])).toBe("a-b-c.csv");
    expect(csvFileName(["CON"])).toBe("con-export.csv");
  });

  it("stays short", () => {
    const name = csvFileName(["x".repeat(100), "y".repeat(100)]);
    expect(name.length).toBeLessThanOrEqual(124);
    expect(name).toMatch(/^x{100}-y{19}\.csv$/);
  });
});
