/** The static server of `npm start`: the site's files, Next export paths, its 404 page, nothing outside the root. */
import { mkdirSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDir } from "@mtls-lab/peers";
import { createStaticServer, type StaticServer } from "../src/lab/static.js";

const root = tempDir("mtls-lab-site-");
const outside = tempDir("mtls-lab-outside-");
let server: StaticServer;
let port: number;

function get(path: string): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path, agent: false }, (res) => {
      let body = "";
      res.on("data", (d: Buffer) => (body += d.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, type: String(res.headers["content-type"]), body }));
    });
    req.on("error", reject);
    req.end();
  });
}

beforeAll(async () => {
  mkdirSync(join(root.path, "learn"));
  mkdirSync(join(root.path, "_next"));
  writeFileSync(join(root.path, "index.html"), "<h1>home</h1>");
  writeFileSync(join(root.path, "learn", "01-what.html"), "<h1>chapter</h1>");
  writeFileSync(join(root.path, "_next", "app.js"), "console.log(1)");
  writeFileSync(join(root.path, "404.html"), "<h1>missing</h1>");
  writeFileSync(join(outside.path, "secret.txt"), "secret");
  server = createStaticServer(root.path);
  port = await server.listen(0);
});

afterAll(async () => {
  await server?.close();
  root.cleanup();
  outside.cleanup();
});

describe("static site server", () => {
  it("serves files, directory indexes and extensionless export paths with their types", async () => {
    expect(await get("/")).toMatchObject({ status: 200, body: "<h1>home</h1>", type: "text/html; charset=utf-8" });
    expect(await get("/learn/01-what")).toMatchObject({ status: 200, body: "<h1>chapter</h1>" });
    expect((await get("/_next/app.js")).type).toContain("javascript");
  });

  it("answers unknown paths and escapes from the root with the 404 page", async () => {
    expect(await get("/nope")).toMatchObject({ status: 404, body: "<h1>missing</h1>" });
    const name = outside.path.split("/").pop();
    for (const path of [`/../${name}/secret.txt`, `/..%2f${name}%2fsecret.txt`, "/%2e%2e/%2e%2e/etc/passwd", "/%E0%A4%A"]) {
      const answer = await get(path);
      expect(answer.status, path).toBe(404);
      expect(answer.body).not.toContain("secret");
    }
  });
});
