// Keeps a dashboard's graphs current while it is open: each image is fetched again now and then.
(function () {
  'use strict';
  var REFRESH_MS = 60000;
  setInterval(function () {
    if (document.hidden) { return; }
    var images = document.querySelectorAll('#tiles img');
    Array.prototype.forEach.call(images, function (img) {
      var url = img.getAttribute('src').replace(/&_=\d+$/, '');
      img.setAttribute('src', url + '&_=' + Date.now());
    });
  }, REFRESH_MS);
  var remove = document.getElementById('delete-dashboard');
  if (remove) {
    remove.addEventListener('submit', function (e) {
      if (!window.confirm('Delete this dashboard? Its stats are kept.')) { e.preventDefault(); }
    });
  }
})();
