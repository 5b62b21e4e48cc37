// Code examples as tabs: one language at a time (without scripts, all are shown one after another).
(function () {
  'use strict';
  var tabs = document.getElementById('example-tabs');
  if (!tabs) { return; }
  var examples = document.querySelectorAll('#examples .example');
  function show(lang) {
    Array.prototype.forEach.call(examples, function (e) { e.hidden = e.getAttribute('data-lang') !== lang; });
    Array.prototype.forEach.call(tabs.querySelectorAll('button'), function (b) {
      b.classList.toggle('active', b.getAttribute('data-lang') === lang);
    });
  }
  Array.prototype.forEach.call(document.querySelectorAll('.example-title'), function (t) { t.hidden = true; });
  tabs.hidden = false;
  tabs.addEventListener('click', function (e) {
    var lang = e.target.getAttribute && e.target.getAttribute('data-lang');
    if (lang) { show(lang); }
  });
  show('curl');
})();
