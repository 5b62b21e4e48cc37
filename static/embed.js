/*
 * Statfeed embeds, compatible with StatHat's:
 *   <script src="https://STATFEED/embed.js"></script>
 *   <script>StatHatEmbed.render({s1: 'KEY', s2: 'KEY2', w: 760, h: 235, tf: '1d', title: 'Signups', style: 'fill'});</script>
 * s1, s2, s3 (and on: s4, ...) name public stats by id or shared stats by their share token.
 * style is 'fill' (default), 'line', 'mini' or 'spark'. The graph is an image, so it needs no
 * further script, works behind strict CSPs, and links to the stat's page.
 */
(function (global) {
  'use strict';
  var script = document.currentScript;
  var base = script && script.src ? script.src.replace(/\/embed\.js(\?.*)?$/, '') : '';
  var STYLES = { fill: 1, line: 1, mini: 1, spark: 1 };

  function keys(options) {
    var found = [];
    for (var i = 1; i <= 20; i++) {
      var key = options['s' + i];
      if (key) { found.push(String(key)); }
    }
    return found;
  }

  function graphUrl(options, format) {
    var style = STYLES[options.style] ? options.style : 'fill';
    var q = keys(options).map(function (k, i) { return 's' + (i + 1) + '=' + encodeURIComponent(k); });
    q.push('w=' + encodeURIComponent(options.w || (style === 'spark' ? 120 : 760)));
    q.push('h=' + encodeURIComponent(options.h || (style === 'spark' ? 30 : 235)));
    q.push('tf=' + encodeURIComponent(options.tf || '1d'));
    q.push('style=' + style);
    if (options.title) { q.push('title=' + encodeURIComponent(options.title)); }
    return base + '/embed/graph.' + (format || 'png') + '?' + q.join('&');
  }

  function element(options) {
    var img = document.createElement('img');
    img.src = graphUrl(options, options.format === 'svg' ? 'svg' : 'png');
    img.width = options.w || (options.style === 'spark' ? 120 : 760);
    img.height = options.h || (options.style === 'spark' ? 30 : 235);
    img.alt = options.title || 'Statfeed graph';
    img.className = 'statfeed-embed';
    img.style.border = '0';
    // No wider than the page it is put in (a phone's is narrower than most graphs), keeping its shape.
    img.style.maxWidth = '100%';
    img.style.height = 'auto';
    var link = document.createElement('a');
    link.href = base + '/embed/open?s1=' + encodeURIComponent(keys(options)[0] || '');
    link.appendChild(img);
    return link;
  }

  function render(options) {
    options = options || {};
    if (!keys(options).length) { return null; }
    var node = element(options);
    var target = options.target && document.getElementById(options.target);
    var here = document.currentScript;
    if (target) {
      target.appendChild(node);
    } else if (here && here.parentNode) {
      here.parentNode.insertBefore(node, here.nextSibling);
    } else {
      document.body.appendChild(node);
    }
    return node;
  }

  global.StatHatEmbed = { render: render, url: graphUrl };
  global.StatfeedEmbed = global.StatHatEmbed;
})(window);
