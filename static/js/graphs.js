// Interactive graphs for Statfeed pages, drawn with Chart.js from a page's JSON twin.
// Without JavaScript the page keeps the server-drawn image; with it, the image gives way to a
// canvas that shows values on hover and refreshes while the page is open.
(function (global) {
  'use strict';
  var PALETTE = ['#2f6fdf', '#e4572e', '#17a398', '#f3a712', '#7d5ba6', '#29335c', '#db2b39', '#669bbc'];

  function pad(n) { return n < 10 ? '0' + n : '' + n; }

  function label(seconds, spanSeconds) {
    var d = new Date(seconds * 1000);
    var hm = pad(d.getHours()) + ':' + pad(d.getMinutes());
    if (spanSeconds <= 86400) { return hm; }
    var md = d.toLocaleDateString(undefined, { month: 'short', day: 'numeric' });
    return spanSeconds <= 7 * 86400 ? md + ' ' + hm : md;
  }

  function number(v) {
    if (v === null || v === undefined) { return '–'; }
    return Math.abs(v) >= 1e15 ? v.toExponential(3) : v.toLocaleString(undefined, { maximumFractionDigits: 3 });
  }

  function dataset(name, points, colour, dashed) {
    return {
      label: name,
      data: points.map(function (p) { return { x: p.time, y: p.value }; }),
      borderColor: colour, backgroundColor: colour + (dashed ? '00' : '22'),
      borderWidth: dashed ? 1.5 : 2, borderDash: dashed ? [5, 4] : [], pointRadius: 0, pointHitRadius: 6,
      fill: !dashed, tension: 0.15, spanGaps: false
    };
  }

  // Ticks at round times: every 10 minutes of an hour, every 3 hours of a day, daily over a week...
  var STEPS = [[3600, 600], [6 * 3600, 3600], [86400, 3 * 3600], [7 * 86400, 86400], [31 * 86400, 7 * 86400],
               [92 * 86400, 14 * 86400], [366 * 86400, 30 * 86400]];

  function tickStep(span) {
    for (var i = 0; i < STEPS.length; i++) { if (span <= STEPS[i][0]) { return STEPS[i][1]; } }
    return 365 * 86400;
  }

  // options.legend: whether Chart.js draws a legend (pages with their own legend say false).
  function chart(canvas, datasets, window, options) {
    var span = window.end - window.start;
    var legend = options && options.legend !== undefined ? options.legend : datasets.length > 1;
    return new global.Chart(canvas, {
      type: 'line',
      data: { datasets: datasets },
      options: {
        animation: false, responsive: true, maintainAspectRatio: false, parsing: false, normalized: true,
        interaction: { mode: 'index', intersect: false },
        plugins: {
          legend: { display: legend, position: 'bottom', labels: { boxWidth: 14, boxHeight: 2 } },
          tooltip: { callbacks: {
            title: function (items) { return items.length ? new Date(items[0].parsed.x * 1000).toLocaleString() : ''; },
            label: function (item) { return item.dataset.label + ': ' + number(item.parsed.y); }
          } }
        },
        scales: {
          x: { type: 'linear', min: window.start, max: window.end, grid: { display: false },
               ticks: { stepSize: tickStep(span), includeBounds: false, maxTicksLimit: 12,
                        callback: function (v) { return label(v, span); } } },
          y: { beginAtZero: true, grid: { color: '#eef1f6' }, ticks: { callback: number } }
        }
      }
    });
  }

  function fetchJson(url) {
    return fetch(url, { headers: { 'Accept': 'application/json' }, credentials: 'same-origin' })
      .then(function (r) { if (!r.ok) { throw new Error('HTTP ' + r.status); } return r.json(); });
  }

  global.StatfeedGraphs = { PALETTE: PALETTE, dataset: dataset, chart: chart, fetchJson: fetchJson, number: number };
})(window);
