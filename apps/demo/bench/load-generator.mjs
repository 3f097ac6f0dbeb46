#!/usr/bin/env node
// One load-generator process of server.bench.mjs (started with child_process.fork; several run at once, so
// one process's event loop and TLS work cannot be what limits the server). For each job from the parent it
// drives HTTP/1.1 over TLS with the lab's client certificate for `ms` milliseconds and answers with every
// latency, the error count and its own CPU time (process.cpuUsage), so the bench can show its share of the CPU.
// Every connection verifies the server certificate against the kit's server CA; none offers a session to
// resume (tls.connect without `session`: each "new handshake" is a full TLS 1.3 handshake).
import { readFileSync } from "node:fs";
import { connect, createSecureContext } from "node:tls";
import { join } from "node:path";

let secureContext;

/** Where the response starting the buffer ends (RFC 9112 6.3: chunked, else Content-Length), or -1 if incomplete. */
function responseEnd(buffer) {
  const end = buffer.indexOf("\r\n\r\n");
  if (end === -1) return -1;
  const head = buffer.subarray(0, end).toString("latin1");
  if (/\r\ntransfer-encoding:\s*chunked/i.test(head)) {
    // Small bodies only: the last chunk (size 0) and the empty trailer end the message.
    const last = buffer.indexOf("\r\n0\r\n\r\n", end + 2);
    return last === -1 ? -1 : last + 7;
  }
  const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1] ?? 0);
  return buffer.length < end + 4 + length ? -1 : end + 4 + length;
}

/** Reads one HTTP/1.1 response from the socket's buffered bytes; resolves its status. */
function readResponse(socket, state) {
  return new Promise((resolve, reject) => {
    const tryParse = () => {
      const end = responseEnd(state.buffer);
      if (end === -1) return false;
      const status = Number(state.buffer.subarray(9, 12).toString("latin1"));
      state.buffer = state.buffer.subarray(end);
      resolve(status);
      return true;
    };
    if (tryParse()) return;
    const onData = (chunk) => {
      state.buffer = state.buffer.length === 0 ? chunk : Buffer.concat([state.buffer, chunk]);
      if (tryParse()) cleanup();
    };
    const onError = (error) => (cleanup(), reject(error));
    const onClose = () => (cleanup(), reject(new Error("closed")));
    const cleanup = () => {
      socket.off("data", onData);
      socket.off("error", onError);
      socket.off("close", onClose);
    };
    socket.on("data", onData);
    socket.on("error", onError);
    socket.on("close", onClose);
  });
}

function open(port) {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: "127.0.0.1", port, secureContext, servername: "localhost" });
    // Every write goes out at once, as curl and browsers do (TCP_NODELAY): with Nagle, a request written
    // right after the client's Finished waits for the server's delayed ACK (40 ms, tcp(7)).
    socket.setNoDelay(true);
    socket.once("secureConnect", () => (socket.authorized ? resolve(socket) : reject(new Error(String(socket.authorizationError)))));
    socket.once("error", reject);
  });
}

/** New connections: full handshake, one request, close. Latency is connect to response. */
async function handshakes({ port, path, ms, concurrency }) {
  const latencies = [];
  let errors = 0;
  const deadline = performance.now() + ms;
  const worker = async () => {
    while (performance.now() < deadline) {
      const start = performance.now();
      let socket;
      try {
        socket = await open(port);
        socket.write(`GET ${path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`);
        const status = await readResponse(socket, { buffer: Buffer.alloc(0) });
        if (status !== 200) throw new Error(`status ${status}`);
        latencies.push(performance.now() - start);
      } catch {
        errors += 1;
      } finally {
        socket?.destroy();
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { latencies, errors };
}

/** Keep-alive: `concurrency` verified connections, one request after another on each. */
async function keepAlive({ port, path, ms, concurrency }) {
  const latencies = [];
  let errors = 0;
  const deadline = performance.now() + ms;
  const worker = async () => {
    let socket = await open(port);
    let state = { buffer: Buffer.alloc(0) };
    while (performance.now() < deadline) {
      const start = performance.now();
      socket.write(`GET ${path} HTTP/1.1\r\nHost: localhost\r\n\r\n`);
      try {
        if ((await readResponse(socket, state)) !== 200) errors += 1;
        else latencies.push(performance.now() - start);
      } catch {
        // nginx closes a keep-alive connection after keepalive_requests (1000 by default): reconnect.
        socket.destroy();
        socket = await open(port);
        state = { buffer: Buffer.alloc(0) };
      }
    }
    socket.destroy();
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { latencies, errors };
}

process.on("message", async (job) => {
  if (job.kitDir) {
    const read = (name) => readFileSync(join(job.kitDir, name));
    // One context for every connection: the key and certificates are parsed once, not per handshake.
    secureContext = createSecureContext({ ca: read("server-ca.crt"), cert: read("client.crt"), key: read("client.key") });
    process.send({ ready: true });
    return;
  }
  const cpu = process.cpuUsage();
  const began = performance.now();
  const result = await (job.mode === "handshakes" ? handshakes(job) : keepAlive(job));
  const used = process.cpuUsage(cpu);
  process.send({ ...result, ms: performance.now() - began, cpuMs: (used.user + used.system) / 1000 });
});
