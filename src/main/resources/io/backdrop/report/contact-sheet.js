// Shows the rows whose status is in the page's hash (#status=FAILED or #status=FAILED,REJECTED),
// so that a filtered view can be linked to; no hash shows every row.
(function () {
  'use strict';
  var sheet = document.getElementById('sheet');
  var shown = document.getElementById('shown');
  var rows = Array.prototype.slice.call(sheet.querySelectorAll('article.row'));
  var sections = Array.prototype.slice.call(sheet.querySelectorAll('section'));
  var buttons = Array.prototype.slice.call(document.querySelectorAll('.filter button'));

  function wanted() {
    var match = /(?:^#|&)status=([^&]*)/.exec(window.location.hash);
    if (!match) {
      return null;
    }
    var statuses = decodeURIComponent(match[1]).split(',')
      .map(function (s) { return s.trim().toUpperCase(); })
      .filter(function (s) { return s && s !== 'ALL'; });
    return statuses.length ? statuses : null;
  }

  function apply() {
    var statuses = wanted();
    var visible = 0;
    rows.forEach(function (row) {
      var show = !statuses || statuses.indexOf(row.getAttribute('data-status')) >= 0;
      row.hidden = !show;
      if (show) {
        visible++;
      }
    });
    // A section none of whose rows is shown is hidden with its heading.
    sections.forEach(function (section) {
      section.hidden = section.querySelector('article.row:not([hidden])') === null;
    });
    buttons.forEach(function (button) {
      var status = button.getAttribute('data-status');
      var pressed = statuses ? statuses.indexOf(status) >= 0 : status === '';
      button.setAttribute('aria-pressed', String(pressed));
    });
    sheet.setAttribute('data-filter', statuses ? statuses.join(',') : 'ALL');
    sheet.setAttribute('data-visible', String(visible));
    shown.textContent = visible + ' of ' + rows.length + ' rows on this page shown';
  }

  // An image the browser cannot decode becomes a placeholder instead of a broken-image icon.
  function unreadable(img) {
    var note = document.createElement('div');
    note.className = 'placeholder';
    note.textContent = 'preview could not be shown';
    img.replaceWith(note);
  }

  Array.prototype.slice.call(sheet.querySelectorAll('img')).forEach(function (img) {
    if (img.complete && img.naturalWidth === 0) {
      unreadable(img);
    } else {
      img.addEventListener('error', function () { unreadable(img); });
    }
  });

  buttons.forEach(function (button) {
    button.addEventListener('click', function () {
      var status = button.getAttribute('data-status');
      window.location.hash = status ? 'status=' + encodeURIComponent(status) : '';
    });
  });
  window.addEventListener('hashchange', apply);
  apply();
  document.documentElement.setAttribute('data-ready', 'true');
}());
