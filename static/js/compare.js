// The overlay page: one interactive line per stat, from the page's JSON twin.
(function () {
  'use strict';
  var G = window.StatfeedGraphs;
  var figure = document.getElementById('graph');
  if (!figure || !window.Chart || !G) { return; }
  G.fetchJson(figure.getAttribute('data-json')).then(function (comparison) {
    var sets = comparison.stats.map(function (s, i) {
      var set = G.dataset(s.name, s.points, G.PALETTE[i % G.PALETTE.length], false);
      set.fill = false;
      return set;
    });
    var canvas = document.getElementById('graph-canvas');
    var image = document.getElementById('graph-image');
    canvas.hidden = false;
    canvas.parentNode.style.height = image.getAttribute('height') + 'px';
    image.hidden = true;
    G.chart(canvas, sets, comparison.window);
    figure.setAttribute('data-ready', 'true');
  }).catch(function () { /* the image stays */ });
})();
