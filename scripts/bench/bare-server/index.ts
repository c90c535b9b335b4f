/**
 * The reference: a bare Socket.IO 4.8 broadcast server with Parley's event names and message
 * shape, but no authentication, no validation beyond shape, no persistence. `room:join` joins,
 * `message:send` assigns the room's next seq in memory, broadcasts `message:new` to the room
 * (sender included, as Parley does) and acks. The bench drives it with the same load as Parley.
 *
 * Env: PORT (required), PARSER=msgpack to use socket.io-msgpack-parser.
 */
import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import { Server, type ServerOptions } from "socket.io";
import msgpackParser from "socket.io-msgpack-parser";

const port = Number(process.env.PORT);
if (!Number.isInteger(port) || port <= 0) throw new Error("PORT is required");

const http = createServer((req, res) => {
  if (req.url === "/api/health") {
    res.writeHead(200, { "content-type": "application/json" }).end('{"status":"ok"}');
    return;
  }
  res.writeHead(404).end();
});
const options: Partial<ServerOptions> = { serveClient: false, maxHttpBufferSize: 32 * 1024, pingInterval: 10_000, pingTimeout: 10_000 };
if (process.env.PARSER === "msgpack") options.parser = msgpackParser;
const io = new Server(http, options);
const seqs = new Map<string, number>();

type Reply = (r: unknown) => void;

io.on("connection", (socket) => {
  socket.on("room:join", (payload: { roomId?: unknown }, ack?: Reply) => {
    const roomId = typeof payload?.roomId === "string" ? payload.roomId : "";
    void socket.join(`room:${roomId}`);
    ack?.({ ok: true, data: { roomId, lastSeq: seqs.get(roomId) ?? 0, online: [], typing: [] } });
  });
  socket.on("message:send", (payload: { roomId?: unknown; clientId?: unknown; body?: unknown }, ack?: Reply) => {
    if (typeof payload?.roomId !== "string" || typeof payload.clientId !== "string" || typeof payload.body !== "string") {
      ack?.({ ok: false, error: { code: "VALIDATION_FAILED", message: "bad payload" } });
      return;
    }
    const seq = (seqs.get(payload.roomId) ?? 0) + 1;
    seqs.set(payload.roomId, seq);
    const message = {
      id: randomUUID(),
      roomId: payload.roomId,
      seq,
      clientId: payload.clientId,
      author: { id: socket.id, name: "bare" },
      body: payload.body,
      createdAt: new Date().toISOString(),
      editedAt: null,
      deleted: false,
      rev: 0,
    };
    io.to(`room:${payload.roomId}`).emit("message:new", message);
    ack?.({ ok: true, data: { message, duplicate: false } });
  });
});

http.listen(port, "127.0.0.1", () => process.send?.({ type: "listening", port }));
process.on("SIGTERM", () => {
  void io.close();
  http.close(() => process.exit(0));
});
