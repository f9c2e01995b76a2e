(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("report-data").textContent);
  var colors = ["#2563eb", "#f59e0b", "#dc2626", "#10b981", "#8b5cf6", "#0891b2", "#db2777"];

  function fmtNum(v) {
    if (Math.abs(v) >= 1e6) return (v / 1e6).toFixed(2) + "M";
    if (Math.abs(v) >= 1e3) return (v / 1e3).toFixed(1) + "k";
    return (Math.round(v * 100) / 100).toString();
  }
  function fmtMs(v) {
    if (v === 0) return "0";
    if (v >= 1000) return (v / 1000).toFixed(v >= 10000 ? 0 : 1) + "s";
    if (v >= 1) return v.toFixed(v >= 100 ? 0 : 1) + "ms";
    return (v * 1000).toFixed(0) + "\u00b5s";
  }
  function fmtBytes(v) {
    var units = ["B", "KiB", "MiB", "GiB"], u = 0;
    while (Math.abs(v) >= 1024 && u < units.length - 1) { v /= 1024; u++; }
    return (u === 0 ? Math.round(v) : v.toFixed(1)) + " " + units[u];
  }
  function fmtUnit(v, unit) {
    if (v == null) return "-";
    if (unit === "ms") return fmtMs(v);
    if (unit === "bytes/s") return fmtBytes(v) + "/s";
    if (unit === "/s") return fmtNum(v) + "/s";
    return fmtNum(v);
  }
  function fmtClock(s) {
    var m = Math.floor(s / 60), r = Math.round(s - m * 60);
    return m + ":" + (r < 10 ? "0" : "") + r;
  }
  function fmtPercentile(x) {
    var p = 100 * (1 - 1 / x);
    return (Math.round(p * 10000) / 10000) + "%";
  }

  function draw(el, spec) {
    if (!spec) throw new Error("no data for chart");
    var width = Math.max(320, el.clientWidth || 600);
    var series = [{ label: spec.kind === "spectrum" ? "percentile" : spec.kind === "bars" ? "step" : "time",
      value: function (u, v) {
        if (v == null) return "-";
        if (spec.kind === "spectrum") return fmtPercentile(v);
        if (spec.kind === "bars") return spec.labels[v] || "";
        return fmtClock(v);
      } }];
    var columns = [spec.x];
    spec.series.forEach(function (s, i) {
      var color = colors[i % colors.length];
      var opts = { label: s.label, stroke: color, width: 1.5, spanGaps: false,
        value: function (u, v) { return fmtUnit(v, spec.unit); } };
      if (s.dashed) opts.dash = [6, 4];
      if (spec.kind === "bars") {
        opts.fill = color + "cc";
        opts.paths = uPlot.paths.bars({ size: [0.35, 64], align: i === 0 ? -1 : 1 });
        opts.points = { show: false };
      }
      series.push(opts);
      columns.push(s.values);
    });
    var yAxis = { size: 90, values: function (u, splits) { return splits.map(function (v) { return fmtUnit(v, spec.unit); }); } };
    var opts = { width: width, height: 280, series: series, scales: { x: { time: false } }, axes: [{}, yAxis] };
    if (spec.kind === "time") {
      opts.axes[0] = { label: "elapsed (m:ss)", values: function (u, splits) { return splits.map(fmtClock); } };
      opts.scales.y = { range: function (u, min, max) { return [0, max > 0 ? max * 1.05 : 1]; } };
    } else if (spec.kind === "bars") {
      opts.scales.x = { time: false, range: [-0.5, spec.x.length - 0.5] };
      opts.scales.y = { range: function (u, min, max) { return [0, max > 0 ? max * 1.1 : 1]; } };
      opts.axes[0] = { splits: function () { return spec.x; },
        values: function (u, splits) { return splits.map(function (i) { return spec.labels[i] || ""; }); } };
    } else if (spec.kind === "spectrum") {
      opts.scales.x = { time: false, distr: 3, log: 10 };
      opts.scales.y = { range: function (u, min, max) { return [0, max > 0 ? max * 1.05 : 1]; } };
      opts.axes[0] = { label: "percentile", values: function (u, splits) {
        return splits.map(function (v) {
          var k = Math.log10(v);
          return Math.abs(k - Math.round(k)) < 1e-9 ? fmtPercentile(v) : "";
        });
      } };
    }
    new uPlot(opts, columns, el);
  }

  var drawn = 0;
  Array.prototype.forEach.call(document.querySelectorAll("[data-chart]"), function (el) {
    try {
      draw(el, data.charts[el.getAttribute("data-chart")]);
      drawn++;
    } catch (e) {
      console.error("chart " + el.getAttribute("data-chart") + ": " + (e && e.message ? e.message : e));
    }
  });
  document.body.dataset.chartsDrawn = String(drawn);
  window.__reportErrorsFlush();
})();
