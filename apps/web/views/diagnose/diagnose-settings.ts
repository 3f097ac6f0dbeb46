/**
 * Diagnose's settings (never the files): which server, nginx's ssl_verify_client, the host, the time and
 * the TLS version. They live in the query string so a link reproduces the question.
 */

/** The server choices: Node, or nginx with one of its ssl_verify_client modes. */
export const ServerChoice = { node: "node", nginxOn: "nginx-on", nginxOptional: "nginx-optional", nginxOptionalNoCa: "nginx-optional_no_ca" } as const;
export type ServerChoice = (typeof ServerChoice)[keyof typeof ServerChoice];

export interface DiagnoseSettings {
  server: ServerChoice;
  host: string;
  /** "YYYY-MM-DDTHH:MM" (the datetime-local form, UTC) or "" for now. */
  at: string;
  tls: "1.3" | "1.2";
}

export const defaultDiagnoseSettings: DiagnoseSettings = { server: ServerChoice.nginxOn, host: "localhost", at: "", tls: "1.3" };

/** Labels of the server choices, in menu order. */
export const serverChoiceLabels: Readonly<Record<ServerChoice, string>> = {
  node: "Node (requestCert, ca)",
  "nginx-on": "nginx, ssl_verify_client on",
  "nginx-optional": "nginx, ssl_verify_client optional",
  "nginx-optional_no_ca": "nginx, ssl_verify_client optional_no_ca",
};

const HOST = /^[A-Za-z0-9.:_-]{1,253}$/;
const AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

/** Settings from a query string; anything unknown or malformed keeps its default. */
export function parseDiagnoseSettings(params: URLSearchParams): DiagnoseSettings {
  const server = params.get("server");
  const host = params.get("host");
  const at = params.get("at");
  const tls = params.get("tls");
  return {
    server: server && (Object.values(ServerChoice) as string[]).includes(server) ? (server as ServerChoice) : defaultDiagnoseSettings.server,
    host: host && HOST.test(host) ? host : defaultDiagnoseSettings.host,
    at: at && AT.test(at) && !Number.isNaN(Date.parse(`${at}:00Z`)) ? at : "",
    tls: tls === "1.2" ? "1.2" : "1.3",
  };
}

/** The query string of `settings`; defaults are left out. */
export function serializeDiagnoseSettings(settings: DiagnoseSettings): URLSearchParams {
  const params = new URLSearchParams();
  if (settings.server !== defaultDiagnoseSettings.server) params.set("server", settings.server);
  if (settings.host !== defaultDiagnoseSettings.host) params.set("host", settings.host);
  if (settings.at) params.set("at", settings.at);
  if (settings.tls !== "1.3") params.set("tls", settings.tls);
  return params;
}

/** diagnose()'s server options for a choice. */
export function serverOptions(choice: ServerChoice): { server: "node" | "nginx"; verifyClient: "on" | "optional" | "optional_no_ca" } {
  if (choice === "node") return { server: "node", verifyClient: "on" };
  return { server: "nginx", verifyClient: choice === "nginx-on" ? "on" : choice === "nginx-optional" ? "optional" : "optional_no_ca" };
}

/** The diagnosis time: the setting read as UTC, or undefined for now. */
export function diagnoseTime(settings: DiagnoseSettings): Date | undefined {
  return settings.at ? new Date(`${settings.at}:00Z`) : undefined;
}
