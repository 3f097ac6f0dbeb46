import { describe, expect, it } from "vitest";
import { parseTarget } from "../src/probe/target.js";

describe("parseTarget", () => {
  it("reads URLs and HOST:PORT", () => {
    expect(parseTarget("https://localhost:9443/api?x=1")).toEqual({ host: "localhost", port: 9443, servername: "localhost", path: "/api?x=1" });
    expect(parseTarget("https://example.test/")).toMatchObject({ port: 443, path: "/" });
    expect(parseTarget("127.0.0.1:8443", "localhost")).toEqual({ host: "127.0.0.1", port: 8443, servername: "localhost", path: "/" });
    expect(parseTarget("[::1]:8443")).toMatchObject({ host: "::1", port: 8443 });
    expect(parseTarget("https://[::1]:8443/")).toMatchObject({ host: "::1", port: 8443 });
  });

  it("says in one line what is wrong", () => {
    expect(parseTarget("http://localhost:80/")).toBe('"http://localhost:80/": probe speaks TLS, use an https:// URL or HOST:PORT');
    expect(parseTarget("localhost")).toBe('"localhost" is neither an https:// URL nor HOST:PORT');
    expect(parseTarget("localhost:99999")).toBe('"localhost:99999": port must be 1-65535');
    expect(parseTarget("localhost:1", " ")).toBe("--servername: give a host name");
  });
});
