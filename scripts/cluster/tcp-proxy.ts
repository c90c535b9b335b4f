/**
 * A TCP proxy we control, between the app instances and PostgreSQL, so a test can make the
 * database unreachable without touching the machine's (shared) PostgreSQL: `cut()` closes the
 * listener (new connections are refused) and resets every open connection; `restore()`
 * listens again on the same port.
 */
import net from "node:net";

export interface TcpProxy {
  readonly port: number;
  readonly isCut: boolean;
  cut(): Promise<void>;
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }, port = 0): Promise<TcpProxy> {
  const open = new Set<net.Socket>();
  let server: net.Server | null = null;
  let boundPort = port;
  let cut = false;

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const srv = net.createServer((client) => {
        const upstream = net.connect(target.port, target.host);
        open.add(client);
        open.add(upstream);
        const drop = () => {
          client.destroy();
          upstream.destroy();
          open.delete(client);
          open.delete(upstream);
        };
        client.on("error", drop).on("close", drop);
        upstream.on("error", drop).on("close", drop);
        client.pipe(upstream);
        upstream.pipe(client);
      });
      srv.once("error", reject);
      srv.listen(boundPort, "127.0.0.1", () => {
        const addr = srv.address();
        if (addr && typeof addr === "object") boundPort = addr.port;
        server = srv;
        resolve();
      });
    });

  const closeListener = () =>
    new Promise<void>((resolve) => {
      const srv = server;
      server = null;
      if (!srv) return resolve();
      srv.close(() => resolve());
    });

  const resetAll = () => {
    // resetAndDestroy sends an RST, as a dropped network or a killed server would.
    for (const s of open) {
      if (typeof s.resetAndDestroy === "function") s.resetAndDestroy();
      else s.destroy();
    }
    open.clear();
  };

  await listen();
  return {
    get port() {
      return boundPort;
    },
    get isCut() {
      return cut;
    },
    async cut() {
      cut = true;
      const closed = closeListener();
      resetAll();
      await closed;
    },
    async restore() {
      if (!cut) return;
      await listen();
      cut = false;
    },
    async close() {
      const closed = closeListener();
      resetAll();
      await closed;
    },
  };
}
