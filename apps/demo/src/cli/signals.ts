/**
 * SIGINT and SIGTERM for the whole CLI. A one-shot command (inspect, kit, …) ends on the first signal with
 * 128 + the signal number (130, 143, as shells report it), after removing what it had half written. A
 * server (serve, app, up) stops gracefully on the first signal (its io.signal aborts) and hard on the
 * second. One-shot commands used to install one-shot handlers that nobody listened to, so the first
 * Ctrl-C or kill was swallowed.
 */
import { removePartialOutput } from "./files.js";

/** Exit codes after a signal: 128 + its number (signal(7): SIGINT 2, SIGTERM 15). */
export const SignalExitCode = { SIGINT: 130, SIGTERM: 143 } as const;
export type HandledSignal = keyof typeof SignalExitCode;

/** The process's signal handling: the signal servers wait on, and the switch that makes the first signal graceful. */
export interface SignalControl {
  /** Aborted by the first signal while a server runs. */
  signal: AbortSignal;
  /** Called once a long-running command is up: from now on the first signal stops it gracefully. */
  serve(): void;
}

/** Installs the SIGINT/SIGTERM handlers of the process (main.ts only). */
export function installSignalHandlers(): SignalControl {
  const controller = new AbortController();
  let serving = false;
  const onSignal = (name: HandledSignal) => {
    if (serving && !controller.signal.aborted) {
      controller.abort();
      return;
    }
    removePartialOutput();
    process.exit(SignalExitCode[name]);
  };
  for (const name of Object.keys(SignalExitCode) as HandledSignal[]) process.on(name, () => onSignal(name));
  return { signal: controller.signal, serve: () => void (serving = true) };
}
