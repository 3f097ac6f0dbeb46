import { describe, expect, it } from "vitest";
import { showControl, showControlInText, toShownJson } from "./show-control.js";

describe("showControl", () => {
  it("shows C0, DEL, C1 and bidi controls as escapes", () => {
    expect(showControl("CN=\x1b]0;pwned\x07evil\x1b[31m")).toBe("CN=\\x1b]0;pwned\\x07evil\\x1b[31m");
    expect(showControl("a\nb\tc\rd\x7f\x9b\u202eZ")).toBe("a\\x0ab\\x09c\\x0dd\\x7f\\x9b\\u202eZ");
    expect(showControl("plain ü é 漢字")).toBe("plain ü é 漢字");
  });

  it("keeps the layout of output text: newlines and tabs stay, the rest is escaped", () => {
    expect(showControlInText("line 1\n\tline 2\x1b[2J\r\n")).toBe("line 1\n\tline 2\\x1b[2J\\x0d\n");
  });

  it("JSON strings carry the same visible escapes, and no raw control byte", () => {
    const json = toShownJson({ subject: "CN=\x1b[31mred\nfake line", n: 1, list: ["\u202e"] });
    expect(JSON.parse(json)).toEqual({ subject: "CN=\\x1b[31mred\\x0afake line", n: 1, list: ["\\u202e"] });
    expect(json).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f]/);
  });
});
