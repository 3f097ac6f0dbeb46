// Which Diagnose slot a dropped file fills, by the names Generate's kits and the tutorial use.
import { describe, expect, it } from "vitest";
import { slotForFile } from "../views/diagnose/slot-for-file";
import { parseDiagnoseSettings, serializeDiagnoseSettings, serverOptions, diagnoseTime, defaultDiagnoseSettings } from "../views/diagnose/diagnose-settings";

describe("diagnose slots", () => {
  it("reads kit file names", () => {
    const none = new Set<never>();
    expect(slotForFile("server-chain.crt", none)).toBe("serverChain");
    expect(slotForFile("client-chain.crt", none)).toBe("clientChain");
    expect(slotForFile("alice-chain.crt", none)).toBe("clientChain");
    expect(slotForFile("client-ca.crt", none)).toBe("serverTrustsForClients");
    expect(slotForFile("server-ca.crt", none)).toBe("clientTrustsForServer");
    expect(slotForFile("server.key", none)).toBe("serverKey");
    expect(slotForFile("alice.key", none)).toBe("clientKey");
  });

  it("fills the next free slot, and reports none when all fitting slots are taken", () => {
    expect(slotForFile("mystery.pem", new Set(["clientChain"] as const))).toBe("serverChain");
    expect(slotForFile("server.crt", new Set(["serverChain"] as const))).toBeNull();
    expect(slotForFile("b.key", new Set(["clientKey"] as const))).toBe("serverKey");
  });
});

describe("diagnose settings", () => {
  it("round-trips through the query string and drops malformed values", () => {
    const s = parseDiagnoseSettings(new URLSearchParams("server=nginx-optional&host=api.example.test&at=2027-02-03T04:05&tls=1.2"));
    expect(s).toEqual({ server: "nginx-optional", host: "api.example.test", at: "2027-02-03T04:05", tls: "1.2" });
    expect(parseDiagnoseSettings(serializeDiagnoseSettings(s))).toEqual(s);
    expect(parseDiagnoseSettings(new URLSearchParams("server=apache&host=a%20b&at=yesterday&tls=1.0"))).toEqual(defaultDiagnoseSettings);
    expect(serializeDiagnoseSettings(defaultDiagnoseSettings).toString()).toBe("");
  });

  it("maps the choice onto diagnose()'s options and the time onto UTC", () => {
    expect(serverOptions("node")).toEqual({ server: "node", verifyClient: "on" });
    expect(serverOptions("nginx-optional_no_ca")).toEqual({ server: "nginx", verifyClient: "optional_no_ca" });
    expect(diagnoseTime({ ...defaultDiagnoseSettings, at: "2027-02-03T04:05" })?.toISOString()).toBe("2027-02-03T04:05:00.000Z");
    expect(diagnoseTime(defaultDiagnoseSettings)).toBeUndefined();
  });
});
