/**
 * What `mtls-lab probe` connects to: an https URL or HOST:PORT (IPv6 in brackets), and the name it
 * sends in SNI and checks the certificate against.
 */
import { isIP } from "node:net";

/** A parsed probe target. */
export interface ProbeTarget {
  /** Where the TCP connection goes. */
  host: string;
  port: number;
  /** The name sent as SNI and checked in the certificate; an IP address is checked but not sent (RFC 6066 3). */
  servername: string;
  /** Path of the one request; "/" unless the URL names one. */
  path: string;
}

/** Parses `URL|HOST:PORT`; a string result is the one-line reason it is not a target. */
export function parseTarget(text: string, servername?: string): ProbeTarget | string {
  let host: string;
  let port: number;
  let path = "/";
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      return `${JSON.stringify(text)} is not a URL`;
    }
    if (url.protocol !== "https:") return `${JSON.stringify(text)}: probe speaks TLS, use an https:// URL or HOST:PORT`;
    host = url.hostname.replace(/^\[(.*)\]$/, "$1");
    port = url.port === "" ? 443 : Number(url.port);
    path = `${url.pathname || "/"}${url.search}`;
  } else {
    const match = /^(?:\[([^\]]+)\]|([^:\s/]+)):(\d+)$/.exec(text);
    if (!match) return `${JSON.stringify(text)} is neither an https:// URL nor HOST:PORT`;
    host = (match[1] ?? match[2])!;
    port = Number(match[3]);
  }
  if (!Number.isInteger(port) || port < 1 || port > 65535) return `${JSON.stringify(text)}: port must be 1-65535`;
  if (servername !== undefined && servername.trim() === "") return "--servername: give a host name";
  return { host, port, servername: servername ?? host, path };
}

/** True when the name is an IP address (no SNI is sent for it). */
export function isAddress(name: string): boolean {
  return isIP(name) !== 0;
}
