/** Small test-only PKI built with the generate module: a root, an intermediate, leaves, and an unrelated CA. */
import { exportPrivateKeyPem, generateKeyPair, issueCertificate, type IssuedCertificate, type KeyType } from "../src/index.js";

export interface TestPki {
  root: IssuedCertificate;
  rootKey: CryptoKeyPair;
  intermediate: IssuedCertificate;
  intermediateKey: CryptoKeyPair;
  client: IssuedCertificate;
  clientKey: CryptoKeyPair;
  clientKeyPem: string;
  other: IssuedCertificate;
}

export async function buildPki(keyType: KeyType = "ec-p256"): Promise<TestPki> {
  const rootKey = await generateKeyPair(keyType);
  const root = await issueCertificate({ profile: "root", subject: "CN=Test Root,O=mTLS Lab Test", publicKey: rootKey.publicKey, signingKey: rootKey.privateKey });
  const intermediateKey = await generateKeyPair(keyType);
  const intermediate = await issueCertificate({ profile: "intermediate", subject: "CN=Test Intermediate,O=mTLS Lab Test", publicKey: intermediateKey.publicKey, issuer: { certificate: root.der, privateKey: rootKey.privateKey } });
  const clientKey = await generateKeyPair(keyType);
  const client = await issueCertificate({ profile: "client", subject: "CN=client,O=mTLS Lab Test", publicKey: clientKey.publicKey, issuer: { certificate: intermediate.der, privateKey: intermediateKey.privateKey } });
  const otherKey = await generateKeyPair(keyType);
  const other = await issueCertificate({ profile: "root", subject: "CN=Other Root,O=mTLS Lab Test", publicKey: otherKey.publicKey, signingKey: otherKey.privateKey });
  return { root, rootKey, intermediate, intermediateKey, client, clientKey, clientKeyPem: await exportPrivateKeyPem(clientKey.privateKey), other };
}
