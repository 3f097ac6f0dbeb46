/** Listening and closing for the lab's plain HTTP servers, so each server file keeps only its routes. */
import type { Server } from "node:http";

/** Starts and stops `http`: listen resolves to the bound port (0 picks a free one); close drops open connections. */
export function listenControls(http: Server): {
  listen: (port: number, host?: string) => Promise<number>;
  close: () => Promise<void>;
} {
  return {
    listen: (port, host = "127.0.0.1") =>
      new Promise((resolve, reject) => {
        http.once("error", reject);
        http.listen(port, host, () => {
          http.off("error", reject);
          const address = http.address();
          resolve(typeof address === "object" && address ? address.port : port);
        });
      }),
    close: () =>
      new Promise((resolve) => {
        http.close(() => resolve());
        http.closeAllConnections();
      }),
  };
}
