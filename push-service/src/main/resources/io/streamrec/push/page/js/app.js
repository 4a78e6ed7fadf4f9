import { Feed } from "./feed.js";
import { createTracker } from "./tracker.js";
import { LatencyChart } from "./chart.js";
import { View } from "./view.js";

const USER_KEY = "streamrec.demo.user";

async function main() {
  const [config, catalog] = await Promise.all([getJson("config.json"), loadCatalog()]);
  const view = new View(catalog);
  const userId = chooseUser();
  view.user(userId);
  view.catalogue();

  const chart = new LatencyChart(document.getElementById("chart"));
  let connectedAt = 0;
  const feed = new Feed({
    tokenSource: () => token(config, userId),
    onStatus: (state, text) => view.status(state, text),
    onHello: () => { connectedAt = Date.now(); },
    onRecommendations: (message) => {
      const receivedAt = Date.now();
      view.recommendations(message);
      const { basis, ms } = latencyOf(message.payload, receivedAt);
      // a snapshot generated before this socket opened shows state, not how fast the pipeline is
      if (message.payload.generatedAt < connectedAt) {
        view.latency(null, `snapshot from ${new Date(message.payload.generatedAt).toLocaleTimeString()}`);
      } else {
        view.latency(ms, basis);
        chart.add(ms);
      }
    },
  });
  feed.start();

  view.gateway(config.gatewayUrl, "loading the gateway snippet…");
  const tracker = await createTracker(config.gatewayUrl, userId);
  view.gateway(config.gatewayUrl, tracker.mode);
  document.body.addEventListener("click", async (event) => {
    const button = event.target.closest("button[data-action]");
    if (!button) return;
    const { action, item } = button.dataset;
    view.lastAction(`Sending ${action} ${item}…`);
    try {
      const outcome = await tracker.track(action, item, { page: "streamrec-live" });
      view.lastAction(`${action} ${item}: ${outcome}`);
    } catch (error) {
      view.lastAction(`${action} ${item} failed: ${error.message}. The gateway must allow the origin ${location.origin} (CORS).`);
    }
  });
}

function latencyOf(payload, receivedAt) {
  if (payload.triggerEventTime !== null) {
    return { basis: "event → screen", ms: receivedAt - payload.triggerEventTime };
  }
  return { basis: "generated → screen", ms: receivedAt - payload.generatedAt };
}

function chooseUser() {
  const fromUrl = new URLSearchParams(location.search).get("user");
  if (fromUrl) return fromUrl;
  let stored = localStorage.getItem(USER_KEY);
  if (!stored) {
    stored = `demo-${Math.random().toString(36).slice(2, 8)}`;
    localStorage.setItem(USER_KEY, stored);
  }
  return stored;
}

async function token(config, userId) {
  const fromUrl = new URLSearchParams(location.search).get("token");
  if (fromUrl) return fromUrl;
  if (!config.demoMode) throw new Error("not in demo mode: open this page with ?token=<feed token>");
  const body = await getJson(`v1/demo/token?user=${encodeURIComponent(userId)}`);
  return body.token;
}

async function loadCatalog() {
  try {
    const items = await getJson("catalog.json");
    return new Map(items.map((item) => [item.itemId, item.name]));
  } catch {
    return new Map();
  }
}

async function getJson(path) {
  const answer = await fetch(path, { cache: "no-store" });
  const body = await answer.json();
  if (!answer.ok) throw new Error(body.error ?? `HTTP ${answer.status}`);
  return body;
}

main().catch((error) => {
  document.getElementById("status").dataset.state = "failed";
  document.getElementById("status-text").textContent = `The page failed to start: ${error.message}`;
});
