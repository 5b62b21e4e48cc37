// Interactive graphs for Statfeed pages, drawn with Chart.js from a page's JSON twin.
// Without JavaScript the page keeps the server-drawn image; with it, the image gives way to a
// canvas that shows values on hover and refreshes while the page is open.
(function (global) {
  'use strict';
  var PALETTE = ['#2f6fdf', '#e4572e', '#17a398', '#f3a712', '#7d5ba6', '#29335c', '#db2b39', '#669bbc'];

  var MINUTE = 60, HOUR = 3600, DAY = 86400, MONTH = 30.44 * DAY;
  var MAX_TICKS = 8;
  // Steps between time ticks that people read at a glance; the smallest that keeps to MAX_TICKS wins.
  var STEPS = [MINUTE, 5 * MINUTE, 10 * MINUTE, 15 * MINUTE, 30 * MINUTE, HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR,
               12 * HOUR, DAY, 2 * DAY, 7 * DAY, 14 * DAY];
  var MONTH_STEPS = [1, 2, 3, 6, 12, 24, 60, 120, 240, 600, 1200];

  function pad(n) { return n < 10 ? '0' + n : '' + n; }

  function smallest(steps, span, unit) {
    for (var i = 0; i < steps.length; i++) {
      if (span / (steps[i] * unit) <= MAX_TICKS) { return steps[i]; }
    }
    return null;
  }

  // Ticks on round local times inside [start, end]: whole minutes or hours, midnights, or the first
  // days of months, rather than wherever the window happens to begin.
  function timeTicks(start, end) {
    var span = end - start, ticks = [], d;
    var step = smallest(STEPS, span, 1);
    if (step !== null && step < DAY) {
      var offset = new Date(start * 1000).getTimezoneOffset() * MINUTE;
      for (var t = Math.ceil((start - offset) / step) * step + offset; t <= end; t += step) { ticks.push(t); }
    } else if (step !== null) {
      d = new Date(start * 1000);
      d.setHours(0, 0, 0, 0);
      if (d.getTime() < start * 1000) { d.setDate(d.getDate() + 1); }
      for (; d.getTime() <= end * 1000; d.setDate(d.getDate() + step / DAY)) { ticks.push(d.getTime() / 1000); }
    } else {
      var months = smallest(MONTH_STEPS, span, MONTH) || MONTH_STEPS[MONTH_STEPS.length - 1];
      d = new Date(start * 1000);
      var index = Math.ceil((d.getFullYear() * 12 + d.getMonth() + (d.getDate() > 1 || d.getHours() > 0 ? 1 : 0)) / months) * months;
      for (d = new Date(Math.floor(index / 12), index % 12, 1); d.getTime() <= end * 1000;
           d = new Date(d.getFullYear(), d.getMonth() + months, 1)) {
        ticks.push(d.getTime() / 1000);
      }
    }
    return ticks;
  }

  function label(seconds, spanSeconds) {
    var d = new Date(seconds * 1000);
    var hm = pad(d.getHours()) + ':' + pad(d.getMinutes());
    if (spanSeconds <= DAY) { return hm; }
    var md = d.toLocaleDateString(undefined, { month: 'short', day: 'numeric' });
    if (spanSeconds <= 14 * DAY) { return d.getHours() === 0 && d.getMinutes() === 0 ? md : md + ' ' + hm; }
    return spanSeconds <= 120 * DAY ? md : d.toLocaleDateString(undefined, { month: 'short', year: 'numeric' });
  }

  function when(seconds) {
    return new Date(seconds * 1000).toLocaleString(undefined,
      { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
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

  function chart(canvas, datasets, window) {
    var span = window.end - window.start;
    return new global.Chart(canvas, {
      type: 'line',
      data: { datasets: datasets },
      options: {
        animation: false, responsive: true, maintainAspectRatio: false, parsing: false, normalized: true,
        interaction: { mode: 'index', intersect: false },
        plugins: {
          legend: { display: datasets.length > 1, position: 'bottom', labels: { boxWidth: 14, boxHeight: 2 } },
          tooltip: { callbacks: {
            title: function (items) { return items.length ? when(items[0].parsed.x) : ''; },
            label: function (item) { return item.dataset.label + ': ' + number(item.parsed.y); }
          } }
        },
        scales: {
          x: { type: 'linear', min: window.start, max: window.end, grid: { display: false },
               afterBuildTicks: function (axis) {
                 axis.ticks = timeTicks(axis.min, axis.max).map(function (v) { return { value: v }; });
               },
               ticks: { maxRotation: 0, callback: function (v) { return label(v, span); } } },
          y: { beginAtZero: true, grid: { color: '#eef1f6' }, ticks: { callback: number } }
        }
      }
    });
  }

  // Stretches during which an alert was firing, shaded behind the lines: set chart.$firingSpans
  // to [{from, to}] in unix seconds.
  var firingSpans = {
    id: 'firingSpans',
    beforeDatasetsDraw: function (chart) {
      var spans = chart.$firingSpans || [];
      var x = chart.scales.x, area = chart.chartArea, ctx = chart.ctx;
      ctx.save();
      ctx.fillStyle = 'rgba(214, 69, 65, 0.12)';
      spans.forEach(function (s) {
        var left = Math.max(area.left, x.getPixelForValue(s.from));
        var right = Math.min(area.right, x.getPixelForValue(s.to));
        if (right > left) { ctx.fillRect(left, area.top, right - left, area.bottom - area.top); }
      });
      ctx.restore();
    }
  };
  // Annotations marked on the graph: set chart.$annotations to [{id, at, text}], at in unix
  // seconds. Each is a thin dashed line with a small marker at the top, drawn as the server draws
  // them in images; with the pointer near one, its time and text show in a tip over the graph.
  // The text is someone's input: it only ever goes in as textContent, never as markup.
  var MARK_COLOUR = '#b45309';
  var MARK_REACH = 6; // pixels either side of a line that count as near it
  var MARKER_HALF = 4;

  function markX(chart, mark) { return Math.round(chart.scales.x.getPixelForValue(mark.at)) + 0.5; }

  function nearestMark(chart, x, y) {
    var area = chart.chartArea, best = null, bestDistance = MARK_REACH + 1;
    if (y < area.top - MARKER_HALF || y > area.bottom) { return null; }
    (chart.$annotations || []).forEach(function (m) {
      var distance = Math.abs(markX(chart, m) - x);
      if (distance < bestDistance && markX(chart, m) >= area.left && markX(chart, m) <= area.right) {
        best = m; bestDistance = distance;
      }
    });
    return best;
  }

  function markTip(chart) {
    if (!chart.$markTip) {
      var tip = document.createElement('div');
      tip.className = 'mark-tip';
      tip.setAttribute('role', 'tooltip');
      tip.hidden = true;
      tip.appendChild(document.createElement('time'));
      tip.appendChild(document.createElement('span'));
      chart.canvas.parentNode.appendChild(tip);
      chart.$markTip = tip;
    }
    return chart.$markTip;
  }

  function showMark(chart, mark) {
    var tip = markTip(chart);
    if (!mark) { tip.hidden = true; tip.removeAttribute('data-annotation-id'); return; }
    var x = markX(chart, mark), leftHalf = x < chart.width / 2;
    tip.firstChild.textContent = when(mark.at);
    tip.lastChild.textContent = mark.text;
    tip.setAttribute('data-annotation-id', mark.id);
    tip.style.top = (chart.canvas.offsetTop + chart.chartArea.top) + 'px';
    tip.style.left = leftHalf ? (chart.canvas.offsetLeft + x + MARK_REACH) + 'px' : '';
    tip.style.right = leftHalf ? '' : (chart.canvas.parentNode.clientWidth - chart.canvas.offsetLeft - x + MARK_REACH) + 'px';
    tip.hidden = false;
  }

  var annotationMarks = {
    id: 'annotationMarks',
    afterDatasetsDraw: function (chart) {
      var area = chart.chartArea, ctx = chart.ctx;
      if (!(chart.$annotations || []).length) { return; }
      markTip(chart);
      ctx.save();
      ctx.strokeStyle = MARK_COLOUR;
      ctx.fillStyle = MARK_COLOUR;
      ctx.lineWidth = 1;
      ctx.setLineDash([3, 3]);
      (chart.$annotations || []).forEach(function (m) {
        var x = markX(chart, m);
        if (x < area.left || x > area.right) { return; }
        ctx.beginPath();
        ctx.moveTo(x, area.top);
        ctx.lineTo(x, area.bottom);
        ctx.stroke();
        ctx.beginPath();
        ctx.moveTo(x - MARKER_HALF, area.top);
        ctx.lineTo(x + MARKER_HALF, area.top);
        ctx.lineTo(x, area.top + 2 * MARKER_HALF);
        ctx.closePath();
        ctx.fill();
      });
      ctx.restore();
    },
    afterEvent: function (chart, args) {
      var e = args.event;
      if (e.type === 'mouseout') { showMark(chart, null); return; }
      if (e.type === 'mousemove') { showMark(chart, nearestMark(chart, e.x, e.y)); }
    }
  };
  if (global.Chart) { global.Chart.register(firingSpans, annotationMarks); }

  function fetchJson(url) {
    return fetch(url, { headers: { 'Accept': 'application/json' }, credentials: 'same-origin' })
      .then(function (r) { if (!r.ok) { throw new Error('HTTP ' + r.status); } return r.json(); });
  }

  global.StatfeedGraphs = { PALETTE: PALETTE, dataset: dataset, chart: chart, fetchJson: fetchJson, number: number };
})(window);
