import { Backoff } from "./backoff.js";

const FEED_PROTOCOL = "streamrec.feed.v1";
const TOKEN_PROTOCOL_PREFIX = "streamrec.token.";

// Keeps one feed socket open: fetches a token for each attempt, resumes with the last seq seen (the server then
// skips a snapshot the page already shows), and reconnects with backoff after any close.
export class Feed {
  constructor({ tokenSource, onStatus, onHello, onRecommendations }) {
    this.tokenSource = tokenSource;
    this.onStatus = onStatus;
    this.onHello = onHello;
    this.onRecommendations = onRecommendations;
    this.backoff = new Backoff();
    this.lastSeq = null;
    this.socket = null;
  }

  start() {
    this.connect();
  }

  async connect() {
    this.onStatus("connecting", this.backoff.attempts ? `Reconnecting (attempt ${this.backoff.attempts + 1})…` : "Connecting…");
    let token;
    try {
      token = await this.tokenSource();
    } catch (error) {
      this.retry(`No token: ${error.message}`);
      return;
    }
    const scheme = location.protocol === "https:" ? "wss://" : "ws://";
    const since = this.lastSeq === null ? "" : `?since=${this.lastSeq}`;
    // the token travels as a subprotocol, so it stays out of URLs and access logs
    const socket = new WebSocket(`${scheme}${location.host}/v1/feed${since}`, [FEED_PROTOCOL, TOKEN_PROTOCOL_PREFIX + token]);
    this.socket = socket;
    socket.onmessage = (event) => this.receive(JSON.parse(event.data));
    socket.onclose = (event) => {
      const why = event.reason ? `${event.code} ${event.reason}` : `code ${event.code}`;
      this.retry(`Disconnected (${why})`);
    };
  }

  receive(message) {
    if (message.type === "hello") {
      this.backoff.reset();
      this.onStatus("connected", `Connected as ${message.userId}`);
      this.onHello(message);
    } else if (message.type === "recommendations") {
      // the server never sends an older seq after a newer one; the check keeps that true across reconnects
      if (this.lastSeq !== null && message.seq <= this.lastSeq) return;
      this.lastSeq = message.seq;
      this.onRecommendations(message);
    }
  }

  retry(reason) {
    const delay = this.backoff.next();
    this.onStatus("waiting", `${reason}; retrying in ${(delay / 1000).toFixed(1)} s`);
    setTimeout(() => this.connect(), delay);
  }
}
