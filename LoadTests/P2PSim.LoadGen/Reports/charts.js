// P2PSim load report charts: plain SVG drawn from the JSON embedded in the page. No library, no network.
(function () {
  "use strict";
  var NS = "http://www.w3.org/2000/svg";
  var COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"];
  var report = JSON.parse(document.getElementById("report-data").textContent);
  var rendered = 0;
  var points = 0;

  function el(name, attrs, parent) {
    var node = document.createElementNS(NS, name);
    for (var key in attrs) { node.setAttribute(key, attrs[key]); }
    if (parent) { parent.appendChild(node); }
    return node;
  }

  function text(parent, x, y, content, attrs) {
    var node = el("text", Object.assign({ x: x, y: y }, attrs || {}), parent);
    node.textContent = content;
    return node;
  }

  function niceMax(value) {
    if (!(value > 0)) { return 1; }
    var power = Math.pow(10, Math.floor(Math.log10(value)));
    var steps = [1, 2, 2.5, 5, 10];
    for (var i = 0; i < steps.length; i++) { if (steps[i] * power >= value) { return steps[i] * power; } }
    return 10 * power;
  }

  function fmt(v) {
    if (v === 0) { return "0"; }
    if (Math.abs(v) >= 1000) { return (v / 1000).toFixed(v % 1000 === 0 ? 0 : 1) + "k"; }
    if (Math.abs(v) < 1) { return v.toPrecision(2); }
    return String(Math.round(v * 100) / 100);
  }

  // spec: { title, xLabel, yLabel, logY, series: [{ name, points: [[x, y], ...], dashed }] }
  function lineChart(container, spec) {
    var W = 560, H = 320, L = 64, R = 16, T = 32, B = 48;
    var all = [];
    spec.series.forEach(function (s) { s.points.forEach(function (p) { all.push(p); }); });
    if (all.length === 0) { return; }
    var xMin = Math.min.apply(null, all.map(function (p) { return p[0]; }));
    var xMax = Math.max.apply(null, all.map(function (p) { return p[0]; }));
    if (xMax === xMin) { xMax = xMin + 1; }
    var yMaxRaw = Math.max.apply(null, all.map(function (p) { return p[1]; }));
    var logY = !!spec.logY;
    var yMinLog = 0, yMaxLog = 1;
    if (logY) {
      var positive = all.map(function (p) { return p[1]; }).filter(function (v) { return v > 0; });
      yMinLog = Math.floor(Math.log10(Math.max(Math.min.apply(null, positive.length ? positive : [1]), 1e-3)));
      yMaxLog = Math.ceil(Math.log10(Math.max(yMaxRaw, 1e-3)));
      if (yMaxLog <= yMinLog) { yMaxLog = yMinLog + 1; }
    }
    var yMax = niceMax(yMaxRaw);
    function sx(x) { return L + (x - xMin) / (xMax - xMin) * (W - L - R); }
    function sy(y) {
      if (logY) {
        var v = Math.log10(Math.max(y, Math.pow(10, yMinLog)));
        return T + (1 - (v - yMinLog) / (yMaxLog - yMinLog)) * (H - T - B);
      }
      return T + (1 - y / yMax) * (H - T - B);
    }

    var figure = document.createElement("figure");
    figure.className = "chart";
    var svg = el("svg", { viewBox: "0 0 " + W + " " + H, width: W, height: H, role: "img", "class": "chart-svg" });
    figure.appendChild(svg);
    text(svg, W / 2, 18, spec.title, { "text-anchor": "middle", "class": "chart-title" });

    // Grid and y ticks.
    var ticks = [];
    if (logY) { for (var e = yMinLog; e <= yMaxLog; e++) { ticks.push(Math.pow(10, e)); } }
    else { for (var i = 0; i <= 5; i++) { ticks.push(yMax * i / 5); } }
    ticks.forEach(function (v) {
      var y = sy(v);
      el("line", { x1: L, x2: W - R, y1: y, y2: y, "class": "grid" }, svg);
      text(svg, L - 6, y + 4, fmt(v), { "text-anchor": "end", "class": "tick" });
    });
    for (var j = 0; j <= 5; j++) {
      var xv = xMin + (xMax - xMin) * j / 5;
      text(svg, sx(xv), H - B + 16, fmt(xv), { "text-anchor": "middle", "class": "tick" });
    }
    el("line", { x1: L, x2: W - R, y1: H - B, y2: H - B, "class": "axis" }, svg);
    el("line", { x1: L, x2: L, y1: T, y2: H - B, "class": "axis" }, svg);
    text(svg, (L + W - R) / 2, H - 8, spec.xLabel, { "text-anchor": "middle", "class": "label" });
    text(svg, 14, (T + H - B) / 2, spec.yLabel + (logY ? " (log)" : ""), { "text-anchor": "middle", "class": "label", transform: "rotate(-90 14 " + (T + H - B) / 2 + ")" });

    spec.series.forEach(function (s, index) {
      var color = s.color || COLORS[index % COLORS.length];
      var sorted = s.points.slice().sort(function (a, b) { return a[0] - b[0]; });
      var path = sorted.map(function (p) { return sx(p[0]).toFixed(1) + "," + sy(p[1]).toFixed(1); }).join(" ");
      el("polyline", { points: path, fill: "none", stroke: color, "stroke-width": 2, "stroke-dasharray": s.dashed ? "6 4" : "none", "class": "series" }, svg);
      if (!s.dashed) {
        sorted.forEach(function (p) {
          var c = el("circle", { cx: sx(p[0]).toFixed(1), cy: sy(p[1]).toFixed(1), r: 3, fill: color, "class": "point" }, svg);
          el("title", {}, c).textContent = s.name + ": " + fmt(p[0]) + " → " + fmt(p[1]);
          points++;
        });
      }
      var ly = T + 4 + index * 16;
      el("rect", { x: L + 10, y: ly, width: 12, height: 4, fill: color }, svg);
      text(svg, L + 28, ly + 6, s.name, { "class": "legend" });
    });
    container.appendChild(figure);
    rendered++;
  }

  function barChart(container, spec) {
    var W = 560, H = 40 + spec.bars.length * 34, L = 190, R = 80;
    var max = niceMax(Math.max.apply(null, spec.bars.map(function (b) { return b.value; })));
    var figure = document.createElement("figure");
    figure.className = "chart";
    var svg = el("svg", { viewBox: "0 0 " + W + " " + H, width: W, height: H, role: "img", "class": "chart-svg" });
    figure.appendChild(svg);
    text(svg, W / 2, 18, spec.title, { "text-anchor": "middle", "class": "chart-title" });
    spec.bars.forEach(function (b, i) {
      var y = 32 + i * 34;
      var w = (W - L - R) * b.value / max;
      var bar = el("rect", { x: L, y: y, width: Math.max(w, 1).toFixed(1), height: 22, fill: COLORS[i % COLORS.length], "class": "point bar" }, svg);
      el("title", {}, bar).textContent = b.name + ": " + Math.round(b.value);
      text(svg, L - 8, y + 15, b.name, { "text-anchor": "end", "class": "tick" });
      text(svg, L + w + 6, y + 15, Math.round(b.value) + (b.note ? " (" + b.note + ")" : ""), { "class": "tick" });
      points++;
    });
    container.appendChild(figure);
    rendered++;
  }

  function ms(us) { return us / 1000; }

  var ceilings = document.getElementById("chart-ceilings");
  var h = report.headline;
  var bars = [
    { name: "bare one-shot", value: h.bareOneShotPerSecond },
    { name: "bare persistent", value: h.barePersistentPerSecond },
    { name: "classic mix (P2PSim client)", value: h.classicPerSecond },
    { name: "classic mix (bare client)", value: h.classicRawPerSecond }
  ].filter(function (b) { return b.value != null; });
  if (ceilings && bars.length) { barChart(ceilings, { title: "Throughput, closed model, 16 clients, ops/s (long reference runs)", bars: bars }); }

  var sessions = document.getElementById("chart-sessions");
  var m = h.sessionMedians;
  if (sessions && m) {
    barChart(sessions, {
      title: "Sessions, ceilings, classic mix: ops/s (median of " + h.sessionRounds.length + " rounds)",
      bars: [
        { name: "bare persistent", value: m.barePersistent.perSecond },
        { name: "session mix", value: m.sessionMix.perSecond },
        { name: "bare pipelined", value: m.barePipelined.perSecond },
        { name: "pipelined (codecs)", value: m.pipelinedRaw.perSecond },
        { name: "pipelined (client)", value: m.pipelinedClient.perSecond },
        { name: "classic mix", value: m.classic.perSecond }
      ]
    });
  }

  var sweeps = document.getElementById("chart-sweeps");
  report.sweeps.forEach(function (sweep) {
    var offered = sweep.points.map(function (p) { return p.offeredPerSecond; });
    lineChart(sweeps, {
      title: sweep.scenario + ": throughput vs offered load", xLabel: "offered ops/s", yLabel: "achieved ops/s",
      series: [
        { name: "achieved", points: sweep.points.map(function (p) { return [p.offeredPerSecond, p.achievedPerSecond]; }) },
        { name: "offered = achieved", dashed: true, color: "#999", points: [[Math.min.apply(null, offered), Math.min.apply(null, offered)], [Math.max.apply(null, offered), Math.max.apply(null, offered)]] }
      ]
    });
    lineChart(sweeps, {
      title: sweep.scenario + ": latency vs offered load", xLabel: "offered ops/s", yLabel: "ms", logY: true,
      series: [
        { name: "p50", points: sweep.points.map(function (p) { return [p.offeredPerSecond, ms(p.p50)]; }) },
        { name: "p90", points: sweep.points.map(function (p) { return [p.offeredPerSecond, ms(p.p90)]; }) },
        { name: "p99", points: sweep.points.map(function (p) { return [p.offeredPerSecond, ms(p.p99)]; }) }
      ]
    });
  });

  var timelines = document.getElementById("chart-timelines");
  report.runs.filter(function (r) { return r.group.indexOf("sweep:") !== 0 && r.group !== "ratio" && r.group !== "session-ratio" && r.group !== "store-ratio" && r.timeline.length > 0; }).forEach(function (run) {
    var section = document.createElement("div");
    section.className = "timeline";
    timelines.appendChild(section);
    var throughput = [
      { name: "ok/s", points: run.timeline.map(function (p) { return [p.seconds, p.okPerSecond]; }) },
      { name: "failed/s", points: run.timeline.map(function (p) { return [p.seconds, p.failedPerSecond]; }) }
    ];
    if (run.simulations.join(" ").indexOf("arrivals") >= 0) {
      throughput.push({ name: "offered arrivals/s", dashed: true, color: "#999", points: run.timeline.map(function (p) { return [p.seconds, p.level]; }) });
    }
    lineChart(section, { title: run.name + ": throughput over time", xLabel: "s", yLabel: "ops/s", series: throughput });
    lineChart(section, {
      title: run.name + ": latency over time", xLabel: "s", yLabel: "ms", logY: true,
      series: [
        { name: "p50", points: run.timeline.map(function (p) { return [p.seconds, ms(p.p50)]; }) },
        { name: "p99", points: run.timeline.map(function (p) { return [p.seconds, ms(p.p99)]; }) },
        { name: "max", points: run.timeline.map(function (p) { return [p.seconds, ms(p.max)]; }) }
      ]
    });
  });

  document.body.setAttribute("data-charts-rendered", String(rendered));
  document.body.setAttribute("data-chart-points", String(points));
})();
