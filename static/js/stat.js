// The stat page: swaps the server-drawn image for an interactive graph and keeps it current.
(function () {
  'use strict';
  var G = window.StatfeedGraphs;
  var figure = document.getElementById('graph');
  if (!figure || !window.Chart || !G) { return; }
  var url = figure.getAttribute('data-json');
  var canvas = document.getElementById('graph-canvas');
  var image = document.getElementById('graph-image');
  var graph = null;
  // The current interval fills while the page is open: refresh about as often as it can change.
  var REFRESH_MS = 15000;

  function draw(stat) {
    var sets = [G.dataset(stat.name, stat.points, G.PALETTE[0], false),
                G.dataset('previous ' + stat.timeframe, stat.previous_points, '#9aa3b5', true)];
    if (graph) {
      graph.data.datasets.forEach(function (d, i) { d.data = sets[i].data; });
      graph.options.scales.x.min = stat.window.start;
      graph.options.scales.x.max = stat.window.end;
      graph.update('none');
    } else {
      canvas.hidden = false;
      canvas.parentNode.style.height = image.getAttribute('height') + 'px';
      image.hidden = true;
      graph = G.chart(canvas, sets, stat.window);
      figure.setAttribute('data-ready', 'true');
    }
    graph.$firingSpans = stat.alert_spans || [];
    graph.$annotations = stat.annotations || [];
    graph.update('none');
    figure.setAttribute('data-firing-spans', String(graph.$firingSpans.length));
    figure.setAttribute('data-annotations', String(graph.$annotations.length));
    var fresh = document.getElementById('freshness');
    if (fresh && stat.newest_minute) {
      var ago = Math.max(0, stat.now - stat.newest_minute);
      fresh.textContent = 'Newest data ' + (ago < 60 ? 'this minute' : Math.floor(ago / 60) + ' min ago') + ' · updating live';
    }
  }

  function refresh() {
    G.fetchJson(url).then(draw).catch(function () { /* keep the last graph; the next refresh may succeed */ });
  }

  refresh();
  setInterval(function () { if (!document.hidden) { refresh(); } }, REFRESH_MS);
})();

