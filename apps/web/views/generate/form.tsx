"use client";
import { keyTypes, splitList, TlsProfile, VerifyMode, type GenerateSettings } from "../../lib/generate-settings";

/** The kit form: every setting the URL carries, plus the PKCS#12 password, which it never does. */
export function GenerateForm({
  settings,
  onChange,
  password,
  onPassword,
  onGenerate,
  busy,
}: {
  settings: GenerateSettings;
  onChange: (s: GenerateSettings) => void;
  password: string;
  onPassword: (p: string) => void;
  onGenerate: () => void;
  busy: boolean;
}) {
  const set = <K extends keyof GenerateSettings>(key: K, value: GenerateSettings[K]) => onChange({ ...settings, [key]: value });
  return (
    <form
      className="wb-section"
      aria-label="Kit settings"
      onSubmit={(e) => {
        e.preventDefault();
        onGenerate();
      }}
    >
      <label className="field">
        Server host names
        <input name="hosts" defaultValue={settings.hosts.join(", ")} onChange={(e) => set("hosts", splitList(e.target.value))} />
      </label>
      <label className="field">
        Server IP addresses
        <input name="ips" defaultValue={settings.ips.join(", ")} onChange={(e) => set("ips", splitList(e.target.value))} />
      </label>
      <label className="field">
        Client names
        <input name="clients" defaultValue={settings.clients.join(", ")} onChange={(e) => set("clients", splitList(e.target.value))} />
      </label>
      <label className="field">
        Key type
        <select name="keyType" value={settings.keyType} onChange={(e) => set("keyType", e.target.value as GenerateSettings["keyType"])}>
          {keyTypes.map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </select>
      </label>
      <label className="field-row">
        <input type="checkbox" name="intermediate" checked={settings.intermediate} onChange={(e) => set("intermediate", e.target.checked)} />
        Intermediate CAs
      </label>
      <label className="field">
        Validity of the leaves (days)
        <input name="days" type="number" min={1} max={3650} value={settings.days} onChange={(e) => set("days", Math.max(1, Math.min(3650, Number(e.target.value) || 1)))} />
      </label>
      <label className="field">
        PKCS#12 password (not kept in the link)
        <input name="p12Password" type="password" autoComplete="new-password" value={password} onChange={(e) => onPassword(e.target.value)} />
      </label>
      <label className="field">
        TLS profile (Mozilla)
        <select name="profile" value={settings.profile} onChange={(e) => set("profile", e.target.value as GenerateSettings["profile"])}>
          {Object.values(TlsProfile).map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        nginx ssl_verify_client
        <select name="verifyMode" value={settings.verifyMode} onChange={(e) => set("verifyMode", e.target.value as GenerateSettings["verifyMode"])}>
          {Object.values(VerifyMode).map((v) => (
            <option key={v} value={v}>
              {v}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        Upstream app
        <input name="upstream" defaultValue={settings.upstream} onChange={(e) => /^https?:\/\/\S+$/.test(e.target.value) && set("upstream", e.target.value)} />
      </label>
      <button className="btn" type="submit" disabled={busy}>
        {busy ? "Generating…" : "Generate kit"}
      </button>
    </form>
  );
}
