// A small SVG line chart: one series over a time window, gaps where there is no value.
import { time } from './format.js';

const NS = 'http://www.w3.org/2000/svg';
const W = 400;
const H = 160;
const PAD = { left: 46, right: 8, top: 12, bottom: 22 };

function svg(tag, attrs = {}, text) {
  const el = document.createElementNS(NS, tag);
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, String(value));
  if (text !== undefined) el.textContent = text;
  return el;
}

/** Splits points at missing values, so a gap is drawn as a gap. */
function runs(points) {
  const out = [];
  let run = [];
  for (const p of points) {
    if (p.v == null) {
      if (run.length) out.push(run);
      run = [];
    } else {
      run.push(p);
    }
  }
  if (run.length) out.push(run);
  return out;
}

/**
 * Draws `points` ({t: Date, v: number or null}) over [from, to]. `format` renders a value for the
 * axis and the summary a screen reader reads; `tone` is ok, bad or info.
 */
export function lineChart({ title, points, from, to, format = String, tone = 'info', max }) {
  const values = points.map((p) => p.v).filter((v) => v != null);
  const top = Math.max(max ?? 0, ...values, 1);
  const x = (t) => PAD.left + ((t - from) / (to - from)) * (W - PAD.left - PAD.right);
  const y = (v) => H - PAD.bottom - (v / top) * (H - PAD.top - PAD.bottom);
  const last = values.length ? values[values.length - 1] : null;
  const summary = values.length
    ? `${title}: now ${format(last)}, highest ${format(Math.max(...values))}`
    : `${title}: no data in this window`;

  const chart = svg('svg', {
    viewBox: `0 0 ${W} ${H}`, class: 'chart', role: 'img', 'aria-label': summary,
  });
  chart.append(svg('title', {}, summary));
  chart.append(svg('line', { class: 'axis', x1: PAD.left, x2: W - PAD.right, y1: y(0), y2: y(0) }));
  chart.append(svg('line', { class: 'axis', x1: PAD.left, x2: W - PAD.right, y1: y(top), y2: y(top), 'stroke-dasharray': '3 4' }));
  chart.append(svg('text', { x: PAD.left - 6, y: y(top) + 4, 'text-anchor': 'end' }, format(top)));
  chart.append(svg('text', { x: PAD.left - 6, y: y(0) + 4, 'text-anchor': 'end' }, format(0)));
  chart.append(svg('text', { x: PAD.left, y: H - 5 }, time(from).slice(11, 16)));
  chart.append(svg('text', { x: W - PAD.right, y: H - 5, 'text-anchor': 'end' }, time(to).slice(11, 16)));
  for (const run of runs(points)) {
    const line = run.map((p) => `${x(p.t).toFixed(1)},${y(p.v).toFixed(1)}`).join(' ');
    const area = `${x(run[0].t).toFixed(1)},${y(0)} ${line} ${x(run[run.length - 1].t).toFixed(1)},${y(0)}`;
    chart.append(svg('polygon', { class: `area series-${tone}`, points: area }));
    chart.append(svg('polyline', { class: `line series-${tone}`, points: line }));
    if (run.length === 1) {
      chart.append(svg('circle', { class: `series-${tone}`, cx: x(run[0].t), cy: y(run[0].v), r: 3 }));
    }
  }
  return chart;
}
