// A bar chart of the most recent update latencies as inline SVG: no library, redrawn whole on each sample.
const SVG = "http://www.w3.org/2000/svg";
const WIDTH = 300;
const HEIGHT = 90;
const LABEL_SPACE = 14;

export class LatencyChart {
  constructor(container, capacity = 40) {
    this.container = container;
    this.capacity = capacity;
    this.samples = [];
    this.draw();
  }

  add(ms) {
    this.samples.push(ms);
    if (this.samples.length > this.capacity) this.samples.shift();
    this.draw();
  }

  draw() {
    const svg = element("svg", { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: "img",
      "aria-label": `latencies of the last ${this.samples.length} updates` });
    const plotHeight = HEIGHT - LABEL_SPACE;
    svg.appendChild(element("line", { class: "axis", x1: 0, y1: plotHeight, x2: WIDTH, y2: plotHeight }));
    const max = Math.max(1, ...this.samples);
    const slot = WIDTH / this.capacity;
    this.samples.forEach((ms, i) => {
      const height = Math.max(1, (ms / max) * (plotHeight - 4));
      const bar = element("rect", { class: "bar", x: i * slot + 1, y: plotHeight - height,
        width: Math.max(1, slot - 2), height });
      bar.appendChild(element("title", {}, `${Math.round(ms)} ms`));
      svg.appendChild(bar);
    });
    const label = this.samples.length ? `max ${Math.round(max)} ms · last ${Math.round(this.samples.at(-1))} ms` : "no live updates yet";
    svg.appendChild(element("text", { x: 0, y: HEIGHT - 2 }, label));
    this.container.replaceChildren(svg);
  }
}

function element(name, attributes, text) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  if (text !== undefined) node.textContent = text;
  return node;
}
