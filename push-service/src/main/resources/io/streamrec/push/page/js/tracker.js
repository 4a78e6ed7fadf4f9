// Sends view/cart/buy events to the gateway: through the gateway's own snippet (GET {gateway}/streamrec.js) when
// it loads, else with a plain fetch to POST {gateway}/v1/events. Either way the gateway must allow this page's
// origin (CORS).
const SNIPPET_TIMEOUT_MS = 3000;

export async function createTracker(gatewayUrl, userId) {
  const snippet = await loadSnippet(`${gatewayUrl}/streamrec.js`);
  if (snippet) {
    snippet.init({ endpoint: gatewayUrl, userId });
    return {
      mode: "gateway snippet",
      async track(type, itemId, context) {
        snippet.track(type, itemId, context);
        return "queued by streamrec.js";
      },
    };
  }
  return {
    mode: "direct POST /v1/events",
    async track(type, itemId, context) {
      const event = { eventId: newEventId(), userId, itemId, type, context };
      const answer = await fetch(`${gatewayUrl}/v1/events`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(event),
      });
      if (!answer.ok) {
        const body = await answer.text();
        throw new Error(`gateway answered ${answer.status}: ${body.slice(0, 200)}`);
      }
      return `accepted (${answer.status})`;
    },
  };
}

function loadSnippet(src) {
  return new Promise((resolve) => {
    const script = document.createElement("script");
    const timer = setTimeout(() => resolve(null), SNIPPET_TIMEOUT_MS);
    script.src = src;
    script.async = true;
    script.onload = () => {
      clearTimeout(timer);
      const api = window.streamrec;
      resolve(api && typeof api.init === "function" && typeof api.track === "function" ? api : null);
    };
    script.onerror = () => {
      clearTimeout(timer);
      resolve(null);
    };
    document.head.appendChild(script);
  });
}

function newEventId() {
  if (crypto.randomUUID) return crypto.randomUUID();
  // pages on plain http outside localhost have no randomUUID; getRandomValues is always there
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
