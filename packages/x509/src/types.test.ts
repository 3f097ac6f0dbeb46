import { describe, expect, it } from "vitest";
import { KeyType, KitRole, ObjectKind } from "./index.js";

describe("public constants", () => {
  it("name every key type the CLI accepts", () => {
    expect(Object.values(KeyType)).toEqual(["ec-p256", "ec-p384", "rsa-2048", "rsa-3072", "rsa-4096", "ed25519"]);
  });
  it("name the kit roles written to kit.json", () => {
    expect(KitRole.clientP12).toBe("clientP12");
    expect(ObjectKind.pkcs12).toBe("pkcs12");
  });
});
