/*
 * Streamrec browser snippet, served by the event gateway at /streamrec.js.
 *
 *   <script src="https://events.example/streamrec.js"></script>
 *   <script>
 *     streamrec.init({ userId: "u-123" });          // endpoint: the gateway's base URL, default this script's
 *     streamrec.track("view", "item-42", { page: "product" });
 *   </script>
 *
 * Each event gets a UUID eventId (the dedup key downstream) and the browser's clock as eventTime. Events are
 * batched and sent to POST /v1/beacon with navigator.sendBeacon (text/plain, so no CORS preflight), or with
 * fetch(..., {keepalive: true}) where sendBeacon is missing or refuses; the queue is flushed when the page is hidden
 * or left (pagehide), so the last events of a visit are not lost.
 */
(function (window, document) {
  "use strict";
  if (window.streamrec && window.streamrec.track) {
    return;
  }
  var MAX_BATCH = 50;           // keeps a batch well under the 64 KB sendBeacon/keepalive allowance
  var script = document.currentScript;
  var BEACON_PATH = "/v1/beacon";
  var config = {
    endpoint: script && script.src ? new URL("/", script.src).href : "/",
    userId: null,
    batchSize: 10,
    flushIntervalMs: 1000
  };
  var queue = [];
  var timer = null;

  function uuid() {
    if (window.crypto && window.crypto.randomUUID) {
      return window.crypto.randomUUID();
    }
    var b = new Uint8Array(16);
    window.crypto.getRandomValues(b);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    var h = Array.prototype.map.call(b, function (x) { return (x + 0x100).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }

  function init(options) {
    options = options || {};
    ["endpoint", "userId", "batchSize", "flushIntervalMs"].forEach(function (key) {
      if (options[key] !== undefined) {
        config[key] = options[key];
      }
    });
  }

  function track(type, itemId, context) {
    if (!config.userId) {
      throw new Error("streamrec: call streamrec.init({userId: ...}) before track()");
    }
    var strings = {};
    Object.keys(context || {}).forEach(function (key) {
      strings[key] = String(context[key]);
    });
    var event = {
      eventId: uuid(),
      userId: String(config.userId),
      itemId: String(itemId),
      type: String(type),
      eventTime: new Date().toISOString(),
      context: strings
    };
    queue.push(event);
    if (queue.length >= config.batchSize) {
      flush();
    } else if (timer === null) {
      timer = window.setTimeout(flush, config.flushIntervalMs);
    }
    return event.eventId;
  }

  // endpoint is the gateway's base URL (https://events.example); a full beacon URL is taken as it is
  function beaconUrl() {
    var base = String(config.endpoint).replace(/\/+$/, "");
    return base.slice(-BEACON_PATH.length) === BEACON_PATH ? base : base + BEACON_PATH;
  }

  function send(body) {
    var url = beaconUrl();
    if (navigator.sendBeacon) {
      try {
        // a string body goes out as text/plain;charset=UTF-8, a CORS-safelisted type
        if (navigator.sendBeacon(url, body)) {
          return;
        }
      } catch (ignored) {
        // fall through to fetch
      }
    }
    if (window.fetch) {
      window.fetch(url, {
        method: "POST",
        body: body,
        keepalive: true,
        mode: "cors",
        credentials: "omit",
        headers: { "Content-Type": "text/plain;charset=UTF-8" }
      }).catch(function () { /* the page is going away; nothing left to do */ });
    }
  }

  function flush() {
    if (timer !== null) {
      window.clearTimeout(timer);
      timer = null;
    }
    while (queue.length > 0) {
      send(JSON.stringify(queue.splice(0, MAX_BATCH)));
    }
  }

  window.addEventListener("pagehide", flush);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") {
      flush();
    }
  });

  window.streamrec = { init: init, track: track, flush: flush };
})(window, document);
