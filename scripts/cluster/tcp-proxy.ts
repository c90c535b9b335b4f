/**
 * A TCP proxy we control, between the app instances and PostgreSQL, so a test can make the
 * database unreachable without touching the machine's (shared) PostgreSQL: `cut()` closes the
 * listener (new connections are refused) and resets every open connection; `restore()`
 * listens again on the same port. `loseAnswerTo(text)` lets the next statement containing `text`
 * reach PostgreSQL but resets that connection as soon as the answer comes back: the client never
 * learns whether it committed (a connection lost mid-query).
 */
import net from "node:net";

export interface TcpProxy {
  readonly port: number;
  readonly isCut: boolean;
  cut(): Promise<void>;
  /** The next statement whose bytes contain `text` runs, but its connection is reset before the answer reaches the client. Resolves once that happened. */
  loseAnswerTo(text: string): Promise<void>;
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }, port = 0): Promise<TcpProxy> {
  const open = new Set<net.Socket>();
  let server: net.Server | null = null;
  let boundPort = port;
  let cut = false;
  let armed: { text: string; done: () => void } | null = null;

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
        let doomed: (() => void) | null = null;
        client.on("data", (chunk: Buffer) => {
          if (armed && chunk.includes(armed.text)) {
            doomed = armed.done;
            armed = null;
          }
          upstream.write(chunk);
        });
        upstream.on("data", (chunk: Buffer) => {
          if (!doomed) return void client.write(chunk);
          // The statement ran; its answer is lost with the connection.
          const done = doomed;
          doomed = null;
          if (typeof client.resetAndDestroy === "function") client.resetAndDestroy();
          else client.destroy();
          upstream.destroy();
          done();
        });
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
    loseAnswerTo(text: string) {
      return new Promise<void>((resolve) => {
        armed = { text, done: resolve };
      });
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
