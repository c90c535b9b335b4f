/**
 * Prometheus metrics at GET /metrics (prom-client): one registry per runtime (server/runtime.ts).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { Env } from "./env";

export interface PoolStats {
  total: number;
  idle: number;
  waiting: number;
}

/** Where the gauges read their values when scraped. */
export interface MetricSources {
  /** Socket.IO connections open on this instance. */
  sockets(): number;
  /** The database pool, or null before it exists. */
  pool(): PoolStats | null;
}

export interface Metrics {
  registry: Registry;
  messagesStored: Counter;
  sendAckSeconds: Histogram;
  messageWriteSeconds: Histogram;
  messageBatchSize: Histogram;
  socketEvents: Counter<"event" | "outcome">;
}

export function createMetrics(sources: MetricSources): Metrics {
  const registry = new Registry();
  // Process metrics, including nodejs_eventloop_lag_seconds and its percentiles.
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 20 });
  new Gauge({
    name: "parley_sockets_connected",
    help: "Socket.IO connections open on this instance.",
    registers: [registry],
    collect() {
      this.set(sources.sockets());
    },
  });
  const pool = (name: string, help: string, pick: (s: { total: number; idle: number; waiting: number }) => number) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        const s = sources.pool();
        this.set(s ? pick(s) : 0);
      },
    });
  pool("parley_db_pool_connections", "Database connections open (busy + idle).", (s) => s.total);
  pool("parley_db_pool_idle", "Idle database connections.", (s) => s.idle);
  pool("parley_db_pool_waiting", "Queries waiting for a database connection.", (s) => s.waiting);
  return {
    registry,
    messagesStored: new Counter({ name: "parley_messages_stored_total", help: "Messages committed by this instance (rate() gives messages/s).", registers: [registry] }),
    sendAckSeconds: new Histogram({
      name: "parley_send_ack_seconds",
      help: "message:send received to ack sent (validation, commit, broadcast).",
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    messageWriteSeconds: new Histogram({
      name: "parley_message_write_seconds",
      help: "One group commit of messages: the statement that assigns seqs and inserts the batch, until it commits.",
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers: [registry],
    }),
    messageBatchSize: new Histogram({
      name: "parley_message_batch_size",
      help: "Messages per group commit (messages that queued while the room's previous write was in flight).",
      buckets: [1, 2, 4, 8, 16, 32, 64, 100],
      registers: [registry],
    }),
    socketEvents: new Counter({ name: "parley_socket_events_total", help: "Socket events handled, by event and outcome (ok or error code).", labelNames: ["event", "outcome"], registers: [registry] }),
  };
}

export async function serveMetrics(req: IncomingMessage, res: ServerResponse, env: Env, metrics: Metrics): Promise<void> {
  if (req.method !== "GET") {
    res.writeHead(405, { allow: "GET" }).end();
    return;
  }
  if (env.METRICS_TOKEN && req.headers.authorization !== `Bearer ${env.METRICS_TOKEN}`) {
    res.writeHead(401, { "content-type": "application/json", "www-authenticate": "Bearer" });
    res.end(JSON.stringify({ error: { code: "UNAUTHENTICATED", message: "A metrics token is required." } }));
    return;
  }
  const { registry } = metrics;
  res.writeHead(200, { "content-type": registry.contentType, "cache-control": "no-store" });
  res.end(await registry.metrics());
}
