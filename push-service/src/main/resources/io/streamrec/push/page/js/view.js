// Renders the feed into the page. Only textContent is used for data, so item ids and names cannot inject markup.
const ACTIONS = [["view", "View"], ["add_to_cart", "Cart"], ["purchase", "Buy"]];

export class View {
  constructor(catalog) {
    this.catalog = catalog;
  }

  status(state, text) {
    document.getElementById("status").dataset.state = state;
    document.getElementById("status-text").textContent = text;
  }

  user(userId) {
    document.getElementById("user").textContent = userId;
  }

  gateway(url, mode) {
    document.getElementById("gateway").textContent = url;
    document.getElementById("tracker-mode").textContent = mode;
  }

  lastAction(text) {
    document.getElementById("last-action").textContent = text;
  }

  latency(ms, basis) {
    document.getElementById("latency").textContent = ms === null ? "–" : `${Math.round(ms)} ms`;
    document.getElementById("latency-basis").textContent = basis;
  }

  recommendations(message) {
    const p = message.payload;
    document.getElementById("seq").textContent = message.seq;
    document.getElementById("strategy").textContent = p.strategy;
    document.getElementById("strategy-version").textContent = p.strategyVersion;
    document.getElementById("experiment-group").textContent = p.experimentGroup ?? "none";
    document.getElementById("recs-empty").hidden = p.items.length > 0;
    const shown = new Set([...document.querySelectorAll("#recs li")].map((li) => li.dataset.item));
    document.getElementById("recs").replaceChildren(...p.items.map((item, index) => {
      const li = document.createElement("li");
      li.dataset.item = item.itemId;
      if (!shown.has(item.itemId)) li.classList.add("fresh");
      li.append(
        text("span", "rank", `${index + 1}.`),
        this.itemLabel(item.itemId),
        text("span", "score", item.score.toFixed(3)),
        sources(item.sources),
        actions(item.itemId),
      );
      return li;
    }));
  }

  catalogue() {
    document.getElementById("catalog").replaceChildren(...[...this.catalog.entries()].map(([itemId]) => {
      const li = document.createElement("li");
      li.dataset.item = itemId;
      li.append(this.itemLabel(itemId), actions(itemId));
      return li;
    }));
  }

  itemLabel(itemId) {
    const span = document.createElement("span");
    const name = this.catalog.get(itemId);
    span.append(text("span", "name", name ?? itemId));
    if (name) span.append(text("span", "item-id", itemId));
    return span;
  }
}

function sources(map) {
  const div = document.createElement("div");
  div.className = "sources";
  for (const [source, weight] of Object.entries(map).sort((a, b) => b[1] - a[1])) {
    div.append(text("span", "source", `${source} ${weight.toFixed(2)}`));
  }
  return div;
}

function actions(itemId) {
  const div = document.createElement("div");
  div.className = "actions";
  for (const [type, label] of ACTIONS) {
    const button = text("button", "", label);
    button.type = "button";
    button.dataset.action = type;
    button.dataset.item = itemId;
    div.append(button);
  }
  return div;
}

function text(tag, className, content) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  node.textContent = content;
  return node;
}
