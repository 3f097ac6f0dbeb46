"use client";
import type { ReactNode } from "react";
import { keyTypes, P12Profile, splitList, TlsProfile, VerifyMode, type GenerateSettings } from "../../lib/generate-settings";

/** One line of help for each key type. */
const keyTypeHelp: Record<(typeof keyTypes)[number], string> = {
  "ec-p256": "ECDSA P-256: small, fast, accepted everywhere.",
  "ec-p384": "ECDSA P-384: a larger curve some policies require.",
  "rsa-2048": "RSA 2048: for old clients without ECDSA.",
  "rsa-3072": "RSA 3072: stronger; seconds to generate.",
  "rsa-4096": "RSA 4096: the slowest to make and use.",
  ed25519: "Ed25519: modern, but Java 17 cannot use it for TLS.",
};

const profileHelp: Record<TlsProfile, string> = {
  modern: "TLS 1.3 only, for recent clients.",
  intermediate: "TLS 1.2 and 1.3: almost every client.",
};

const verifyHelp: Record<VerifyMode, string> = {
  on: "No valid client certificate: 400. The safe default.",
  optional: "No certificate passes ($ssl_client_verify NONE); check it yourself.",
  optional_no_ca: "Lets some unverified certificates pass: only behind a verifier.",
};

const p12Help: Record<P12Profile, string> = {
  modern: "AES-256 and a SHA-256 MAC: OpenSSL 3, Java 17, Windows 10+, current macOS.",
  compat: "3DES and a SHA-1 MAC: also imports into older macOS Keychain, Windows 7/8 and Java 8.",
};

function Help({ id, children }: { id: string; children: ReactNode }) {
  return (
    <span id={id} className="help muted">
      {children}
    </span>
  );
}

/** The kit form: every setting the URL carries, plus the PKCS#12 password, which it never does. Each choice has one line of help. */
export function GenerateForm({
  settings,
  onChange,
  password,
  onPassword,
  onGenerate,
  busy,
  hasKit,
}: {
  settings: GenerateSettings;
  onChange: (s: GenerateSettings) => void;
  password: string;
  onPassword: (p: string) => void;
  onGenerate: () => void;
  busy: boolean;
  hasKit: boolean;
}) {
  const set = <K extends keyof GenerateSettings>(key: K, value: GenerateSettings[K]) => onChange({ ...settings, [key]: value });
  return (
    <form
      className="gen-form"
      aria-label="Kit settings"
      onSubmit={(e) => {
        e.preventDefault();
        onGenerate();
      }}
    >
      <label className="field">
        Server host names
        <input name="hosts" defaultValue={settings.hosts.join(", ")} aria-describedby="help-hosts" onChange={(e) => set("hosts", splitList(e.target.value))} />
        <Help id="help-hosts">DNS names clients connect to (subjectAltName).</Help>
      </label>
      <label className="field">
        Server IP addresses
        <input name="ips" defaultValue={settings.ips.join(", ")} aria-describedby="help-ips" onChange={(e) => set("ips", splitList(e.target.value))} />
        <Help id="help-ips">For clients connecting by address (subjectAltName).</Help>
      </label>
      <label className="field">
        Client names
        <input name="clients" defaultValue={settings.clients.join(", ")} aria-describedby="help-clients" onChange={(e) => set("clients", splitList(e.target.value))} />
        <Help id="help-clients">One certificate, key, chain and .p12 each.</Help>
      </label>
      <label className="field">
        Key type
        <select name="keyType" value={settings.keyType} aria-describedby="help-key" onChange={(e) => set("keyType", e.target.value as GenerateSettings["keyType"])}>
          {keyTypes.map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </select>
        <Help id="help-key">{keyTypeHelp[settings.keyType]} A new type makes new keys.</Help>
      </label>
      <div className="field">
        <label className="field-row" style={{ margin: 0 }}>
          <input type="checkbox" name="intermediate" checked={settings.intermediate} aria-describedby="help-intermediate" onChange={(e) => set("intermediate", e.target.checked)} />
          Intermediate CAs
        </label>
        <Help id="help-intermediate">A CA under each root: both sides then send a chain.</Help>
      </div>
      <label className="field">
        Validity of the leaves (days)
        <input name="days" type="number" min={1} max={3650} value={settings.days} aria-describedby="help-days" onChange={(e) => set("days", Math.max(1, Math.min(3650, Number(e.target.value) || 1)))} />
        <Help id="help-days">398: the CA/Browser Forum limit for public TLS.</Help>
      </label>
      <label className="field">
        PKCS#12 password (not kept in the link)
        <input name="p12Password" type="password" autoComplete="new-password" value={password} aria-describedby="help-p12" onChange={(e) => onPassword(e.target.value)} />
        <Help id="help-p12">Protects the .p12 files. ASCII only (Java).</Help>
      </label>
      <label className="field">
        PKCS#12 profile
        <select name="p12Profile" value={settings.p12Profile} aria-describedby="help-p12-profile" onChange={(e) => set("p12Profile", e.target.value as GenerateSettings["p12Profile"])}>
          {Object.values(P12Profile).map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
        <Help id="help-p12-profile">{p12Help[settings.p12Profile]}</Help>
      </label>
      <div className="field">
        <label className="field-row" style={{ margin: 0 }}>
          <input type="checkbox" name="crl" checked={settings.crl} aria-describedby="help-crl" onChange={(e) => set("crl", e.target.checked)} />
          Certificate revocation lists (CRLs)
        </label>
        <Help id="help-crl">One CRL per client CA; the servers check it, and you can revoke a client here.</Help>
      </div>
      <label className="field">
        TLS profile (Mozilla)
        <select name="profile" value={settings.profile} aria-describedby="help-profile" onChange={(e) => set("profile", e.target.value as GenerateSettings["profile"])}>
          {Object.values(TlsProfile).map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
        <Help id="help-profile">{profileHelp[settings.profile]}</Help>
      </label>
      <label className="field">
        nginx ssl_verify_client
        <select name="verifyMode" value={settings.verifyMode} aria-describedby="help-verify" onChange={(e) => set("verifyMode", e.target.value as GenerateSettings["verifyMode"])}>
          {Object.values(VerifyMode).map((v) => (
            <option key={v} value={v}>
              {v}
            </option>
          ))}
        </select>
        <Help id="help-verify">{verifyHelp[settings.verifyMode]}</Help>
      </label>
      <label className="field">
        Upstream app
        <input name="upstream" defaultValue={settings.upstream} aria-describedby="help-upstream" onChange={(e) => /^https?:\/\/\S+$/.test(e.target.value) && set("upstream", e.target.value)} />
        <Help id="help-upstream">Where nginx passes checked requests (proxy_pass).</Help>
      </label>
      <button className="btn" type="submit" disabled={busy}>
        {busy ? "Generating…" : "Generate kit"}
      </button>
    </form>
  );
}
