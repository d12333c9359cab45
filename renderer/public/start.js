/* global window, location */
/*
 * The window's first questions to the host, asked while the app's code is still loading: index.html
 * runs this before the bundle, which takes a moment to parse. main.tsx takes the answers from
 * `window.__start` (or asks itself, when this did not run). The calls are main.tsx's own: the host's
 * status, the bureau and, when the window opens on 企业台账, the registry's first page (the
 * registry screen's HEAD_ROWS rows). Plain JavaScript without imports, so that nothing has to load
 * before it; tests/unit/start-script.test.ts holds it to the app's routes and numbers.
 */
(function () {
  var api = window.api;
  if (!api || !api.host) return;
  // settled or not, a rejection is taken up by main.tsx later: not an unhandled one meanwhile
  var quiet = function (p) {
    p.catch(function () {});
    return p;
  };
  var route = location.hash.replace(/^#\/?/, '').split('/')[0];
  window.__start = {
    status: quiet(api.host.status()),
    bureau: quiet(api['bureau.get']({})),
    head: route === 'units' ? quiet(api['units.head']({ limit: 200 })) : undefined,
  };
})();
