// The timeline's live stream: server-sent events of new activities, added on top as they arrive.
// EventSource reconnects by itself and sends Last-Event-ID, so the server replays what was missed.
(function () {
  var list = document.getElementById('timeline');
  if (!list || !window.EventSource) {
    return;
  }
  var state = document.getElementById('live-state');
  var source = new EventSource('/feed/events');

  function ago(seconds) {
    return seconds < 10 ? 'just now' : Math.round(seconds) + ' s ago';
  }

  source.addEventListener('activity', function (event) {
    var activity = JSON.parse(event.data);
    if (list.querySelector('[data-activity="' + activity.id + '"]')) {
      return; // already on the page (a replay after reconnecting)
    }
    var item = document.createElement('li');
    item.className = 'activity new';
    item.setAttribute('data-activity', activity.id);
    item.setAttribute('data-verb', activity.verb);
    var link = document.createElement('a');
    link.className = 'activity-text';
    link.href = activity.url;
    link.textContent = activity.summary; // user text: never parsed as HTML
    var time = document.createElement('time');
    time.className = 'muted';
    time.textContent = ago(Date.now() / 1000 - activity.time);
    item.appendChild(link);
    item.appendChild(document.createTextNode(' '));
    item.appendChild(time);
    list.insertBefore(item, list.firstChild);
    var empty = document.getElementById('feed-empty');
    if (empty) {
      empty.remove();
    }
  });

  source.addEventListener('unseen', function (event) {
    var count = parseInt(event.data, 10);
    var link = document.querySelector('a[href="/notifications"]');
    var badge = document.getElementById('unseen-badge');
    if (!badge && link && count > 0) {
      badge = document.createElement('span');
      badge.className = 'badge';
      badge.id = 'unseen-badge';
      link.appendChild(badge);
    }
    if (badge) {
      badge.textContent = String(count);
      badge.hidden = count <= 0;
    }
  });

  source.onopen = function () {
    if (state) {
      state.textContent = '● live';
      state.setAttribute('data-live', 'true');
    }
  };
  source.onerror = function () {
    if (state) {
      state.textContent = 'reconnecting…';
      state.setAttribute('data-live', 'false');
    }
  };
})();
