import { describe, expect, it } from "vitest";
import { treeRows } from "./file-tree";

const files = [
  { id: "1", name: "README.md", group: "kit" },
  { id: "2", name: "nginx/mtls-reverse.conf", group: "kit" },
  { id: "3", name: "nginx/snippets/tls.conf", group: "kit" },
  { id: "4", name: "pasted.pem", group: "inspected" },
];

describe("explorer tree", () => {
  it("nests files in their group and path folders, folders first", () => {
    const rows = treeRows(files, new Set());
    expect(rows.map((r) => `${"  ".repeat(r.depth)}${r.label}`)).toEqual(["kit", "  nginx", "    snippets", "      tls.conf", "    mtls-reverse.conf", "  README.md", "inspected", "  pasted.pem"]);
    expect(rows.find((r) => r.label === "tls.conf")?.fileId).toBe("3");
  });

  it("leaves out a collapsed folder's contents", () => {
    const rows = treeRows(files, new Set(["kit/nginx"]));
    expect(rows.map((r) => r.label)).toEqual(["kit", "nginx", "README.md", "inspected", "pasted.pem"]);
    expect(rows.find((r) => r.label === "nginx")?.expanded).toBe(false);
  });
});
