// A daily chart as inline SVG: bars for emails sent, lines for unique opens and replies.

const NS = "http://www.w3.org/2000/svg";
const W = 900, H = 230, PAD = { top: 16, right: 12, bottom: 28, left: 36 };
const SERIES = [
  { key: "unique_opened", label: "Opened", cls: "line-open" },
  { key: "unique_replies", label: "Replied", cls: "line-reply" },
];

function s(tag, attrs = {}, text) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

/** An `<svg>` for `days` (`[{ date, sent, unique_opened, unique_replies, … }]`, oldest first). */
export function dailyChart(days) {
  const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", class: "chart" });
  svg.append(s("title", {}, `Daily activity, ${days.length} day${days.length === 1 ? "" : "s"}`));
  if (days.length === 0) {
    svg.append(s("text", { x: W / 2, y: H / 2, "text-anchor": "middle", class: "axis" }, "No activity yet"));
    return svg;
  }
  const innerW = W - PAD.left - PAD.right, innerH = H - PAD.top - PAD.bottom;
  const max = Math.max(1, ...days.flatMap((d) => [d.sent ?? 0, ...SERIES.map((x) => d[x.key] ?? 0)]));
  const step = innerW / days.length;
  const y = (v) => PAD.top + innerH - (v / max) * innerH;
  const xMid = (i) => PAD.left + step * i + step / 2;

  for (const t of [0, 0.5, 1]) {
    const v = Math.round(max * t);
    svg.append(s("line", { x1: PAD.left, x2: W - PAD.right, y1: y(v), y2: y(v), class: "grid" }),
      s("text", { x: PAD.left - 6, y: y(v) + 4, "text-anchor": "end", class: "axis" }, v));
  }
  days.forEach((d, i) => {
    const top = y(d.sent ?? 0);
    const bar = s("rect", { x: PAD.left + step * i + step * 0.15, y: top, width: step * 0.7, height: PAD.top + innerH - top, class: "bar-sent" });
    bar.append(s("title", {}, `${d.date}: ${d.sent ?? 0} sent, ${d.unique_opened ?? 0} opened, ${d.unique_replies ?? 0} replied`));
    svg.append(bar);
  });
  for (const series of SERIES) {
    const points = days.map((d, i) => `${xMid(i).toFixed(1)},${y(d[series.key] ?? 0).toFixed(1)}`).join(" ");
    svg.append(s("polyline", { points, class: series.cls, fill: "none" }));
  }
  const every = Math.ceil(days.length / 8);
  days.forEach((d, i) => {
    if (i % every === 0) svg.append(s("text", { x: xMid(i), y: H - 8, "text-anchor": "middle", class: "axis" }, (d.date ?? "").slice(5)));
  });
  return svg;
}

/** The legend as plain elements (the CSS classes give the colours). */
export function legend() {
  const item = (cls, label) => {
    const span = document.createElement("span");
    span.className = `key ${cls}`;
    span.textContent = label;
    return span;
  };
  const div = document.createElement("div");
  div.className = "legend";
  div.append(item("bar-sent", "Sent"), ...SERIES.map((x) => item(x.cls, x.label)));
  return div;
}
