// Load driver for the push service benchmark. Opens many feed WebSockets, then takes commands on stdin, one per
// line, and answers one JSON line on stdout for each:
//   mark <expected> <timeoutMs>  -> {"event":"marked"} now, later {"event":"done","messages":n,"ms":t,"p50":..,"p99":..}
//                                   once <expected> recommendations arrived after the mark (or the timeout passed)
//   stats                        -> {"event":"stats","open":n,"received":n}
//   close                        -> closes every socket and exits
// Tokens are signed here with the push service's secret (same format as FeedTokens), one user per socket.
import { createHmac } from "node:crypto";
import { createInterface } from "node:readline";
import WebSocket from "ws";

const args = Object.fromEntries(process.argv.slice(2).map((arg) => arg.replace(/^--/, "").split("=", 2)));
const url = args.url;
const connections = Number(args.connections);
const secret = args.secret ?? "";
const userPrefix = args["user-prefix"] ?? "bench-user-";
const inFlight = Number(args["ramp-concurrency"] ?? 200);

const sockets = new Set();
let open = 0;
let failed = 0;
let received = 0;
let mark = null;

function token(userId) {
  const expiry = Math.floor(Date.now() / 1000) + 3600;
  const payload = Buffer.from(`${expiry}.${userId}`).toString("base64url");
  return `${payload}.${createHmac("sha256", secret).update(payload).digest("base64url")}`;
}

function onMessage(data) {
  const text = data.toString();
  if (!text.startsWith('{"type":"recommendations"')) return;
  received += 1;
  if (!mark) return;
  const now = Date.now();
  const at = text.lastIndexOf('"triggerEventTime":');
  if (at >= 0) mark.latencies.push(now - parseInt(text.slice(at + 19), 10));
  mark.count += 1;
  if (mark.count >= mark.expected) finishMark();
}

function finishMark() {
  const { started, count, latencies, timer } = mark;
  clearTimeout(timer);
  mark = null;
  latencies.sort((a, b) => a - b);
  const pick = (q) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] : null);
  say({ event: "done", messages: count, ms: Date.now() - started, p50: pick(0.5), p99: pick(0.99), max: pick(1) });
}

function say(object) {
  process.stdout.write(`${JSON.stringify(object)}\n`);
}

function connectOne(i) {
  return new Promise((resolve) => {
    const userId = `${userPrefix}${i}`;
    const target = secret ? `${url}?token=${token(userId)}` : `${url}?user=${userId}`;
    const socket = new WebSocket(target, { perMessageDeflate: false });
    socket.on("open", () => { open += 1; sockets.add(socket); resolve(); });
    socket.on("message", onMessage);
    socket.on("error", () => { failed += 1; resolve(); });
    socket.on("close", () => { if (sockets.delete(socket)) open -= 1; });
  });
}

async function connectAll() {
  const started = Date.now();
  let next = 0;
  const workers = Array.from({ length: inFlight }, async () => {
    while (next < connections) await connectOne(next++);
  });
  await Promise.all(workers);
  say({ event: "connected", open, failed, ms: Date.now() - started });
}

createInterface({ input: process.stdin }).on("line", (line) => {
  const [command, ...rest] = line.trim().split(/\s+/);
  if (command === "mark") {
    const expected = Number(rest[0]);
    const timer = setTimeout(() => mark && finishMark(), Number(rest[1] ?? 60000));
    mark = { expected, count: 0, latencies: [], started: Date.now(), timer };
    say({ event: "marked" });
  } else if (command === "stats") {
    say({ event: "stats", open, received });
  } else if (command === "close") {
    for (const socket of sockets) socket.terminate();
    process.exit(0);
  }
});

connectAll();
