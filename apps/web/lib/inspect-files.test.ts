import { describe, expect, it } from "vitest";
import type { CertificateInfo, DecodedItem, Pkcs12Info, PrivateKeyInfo } from "@mtls-lab/x509";
import { filesForDecoded, flattenItems, itemTitle, memberFile, type BundleFileData } from "./inspect-files";
import type { WorkbenchFile } from "./workbench-state";

const cert = (subject: string) => ({ kind: "certificate", subject, issuer: subject, der: new Uint8Array([1]) }) as unknown as CertificateInfo;
const key = { kind: "privateKey", format: "pkcs8", encrypted: false, publicKey: { algorithm: "EC", size: 256, curve: "P-256", spkiSha256: "00" }, der: new Uint8Array([2]) } as PrivateKeyInfo;

describe("inspect files", () => {
  it("opens one object as itself and several as a bundle", () => {
    expect(filesForDecoded("a", "one.pem", [cert("CN=one")])[0]).toMatchObject({ id: "a", editor: "object", group: "inspected" });
    const bundle = filesForDecoded("b", "two.pem", [cert("CN=a,O=x"), cert("CN=b")])[0]!;
    expect(bundle.editor).toBe("bundle");
    expect((bundle.data as BundleFileData).items.length).toBe(2);
  });

  it("lists a PKCS#12's members as a bundle marked pkcs12, and members open by index", () => {
    const p12 = { kind: "pkcs12", items: [cert("CN=client\\, Inc.,O=x"), key], der: new Uint8Array() } as Pkcs12Info;
    const [file] = filesForDecoded("c", "client.p12", [p12]) as WorkbenchFile<BundleFileData>[];
    expect(file!.data.container).toBe("pkcs12");
    expect(flattenItems([p12]).map((i) => i.kind)).toEqual(["certificate", "privateKey"]);
    expect(memberFile(file!, 0)).toMatchObject({ id: "c#0", name: "client, Inc.", group: "client.p12", editor: "object" });
    expect(memberFile(file!, 1)?.name).toBe("EC private key");
    expect(memberFile(file!, 2)).toBeNull();
  });

  it("titles items without a CN by their kind", () => {
    expect(itemTitle(cert("O=only org"))).toBe("O=only org");
    expect(itemTitle({ ...key, publicKey: undefined, encrypted: true } as DecodedItem)).toBe("private key (encrypted)");
  });

  it("shows control and bidi characters of a CN as escapes in the title", () => {
    expect(itemTitle(cert("CN=red\x1b[31m\u202eevil"))).toBe("red\\x1b[31m\\u202eevil");
  });
});
