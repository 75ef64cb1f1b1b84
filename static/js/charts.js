// charts.js draws sendash's charts and adds small conveniences to pages.
//
// Pages must work fully without this script: every chart has a table and a
// text alternative beside it, rendered by the server. This file is the only
// script of ours on a page (no inline scripts: the Content-Security-Policy
// forbids them), loaded after /static/vendor/echarts/echarts.min.js.
//
// Contract with the server-rendered HTML, one per chart:
//
//   <figure class="chart">
//     <div class="chart-canvas" id="chart-ID" data-chart-options="chart-ID-options"
//          role="img" aria-label="..."></div>
//     ...table, caption...
//     <script type="application/json" id="chart-ID-options">{ECharts option}</script>
//   </figure>
//
// The option is plain JSON: functions (e.g. go-echarts "__f__" formatters)
// cannot be evaluated under the CSP, so use ECharts' string templates instead.
// Tooltips are drawn on the canvas (renderMode "richText") unless the option
// says otherwise: ECharts' HTML tooltips set inline style attributes, which a
// CSP without 'unsafe-inline' styles blocks. Write tooltip templates with "\n",
// not "<br>".
//
// A chart whose height grows with its content (the similar-schools small
// multiples: one panel an indicator) carries data-chart-height="PX": the
// canvas is set to that height before drawing (a style property set from
// script, which the CSP allows, unlike a style attribute in the HTML).
//
// A map's canvas also carries data-chart-map="/static/geo/....json": the
// boundaries, fetched once a page (same origin; the browser caches them) and
// registered under the name the option's series gives (series[0].map)
// before the map is drawn; a further series' map "name:PREFIX" (an inset,
// e.g. London) gets the areas whose code starts with PREFIX. A map's canvas is focusable: the arrow keys step
// through its areas, showing each one's tooltip, and a status line after
// the map's summary reads the same text to screen readers.
//
// The canvas element's data-chart-state goes "drawing" then "drawn" (or
// "failed", with the reason in data-chart-error); the stylesheet keeps a canvas
// hidden until it has a state. Once ECharts has finished rendering (animation
// included) the element gets data-chart-rendered="true", which tests wait for.
(function () {
  'use strict';

  var reducedMotion = window.matchMedia
    ? window.matchMedia('(prefers-reduced-motion: reduce)')
    : { matches: false };

  // Every chart drawn on this page, so they can be resized together.
  var drawn = [];

  function readOption(el) {
    var id = el.getAttribute('data-chart-options');
    if (!id) {
      throw new Error('missing data-chart-options attribute');
    }
    var source = document.getElementById(id);
    if (!source) {
      throw new Error('no option element #' + id);
    }
    return JSON.parse(source.textContent);
  }

  // Draw tooltips on the canvas instead of as HTML (see the note at the top).
  function useCanvasTooltips(option) {
    var tips = option.tooltip;
    if (!tips) {
      return;
    }
    tips = Array.isArray(tips) ? tips : [tips];
    for (var i = 0; i < tips.length; i++) {
      if (tips[i] && typeof tips[i] === 'object' && !tips[i].renderMode) {
        tips[i].renderMode = 'richText';
      }
    }
  }

  function markFailed(el, err) {
    el.setAttribute('data-chart-state', 'failed');
    el.setAttribute('data-chart-error', String(err && err.message ? err.message : err));
    if (window.console) {
      window.console.error('sendash chart ' + el.id + ': ', err);
    }
  }

  // Boundaries fetched on this page, by URL: a promise each, so two maps
  // of the same boundaries fetch them once.
  var maps = {};

  function loadMap(url) {
    if (!maps[url]) {
      maps[url] = window.fetch(url, { credentials: 'same-origin' }).then(function (res) {
        if (!res.ok) {
          throw new Error('map ' + url + ': HTTP ' + res.status);
        }
        return res.json();
      });
    }
    return maps[url];
  }

  // registerMaps registers the boundaries under each map name the series
  // use: "name" as fetched, "name:PREFIX" (an inset) with only the areas
  // whose series.nameProperty starts with PREFIX.
  function registerMaps(geo, series) {
    series.forEach(function (s) {
      if (!s || !s.map || window.echarts.getMap(s.map)) {
        return;
      }
      var cut = s.map.indexOf(':');
      if (cut < 0) {
        window.echarts.registerMap(s.map, geo);
        return;
      }
      var prefix = s.map.slice(cut + 1);
      var prop = s.nameProperty || 'name';
      window.echarts.registerMap(s.map, {
        type: geo.type,
        features: geo.features.filter(function (f) {
          return String(f.properties && f.properties[prop]).indexOf(prefix) === 0;
        })
      });
    });
  }

  function drawChart(el) {
    var option;
    try {
      option = readOption(el);
    } catch (err) {
      markFailed(el, err);
      return;
    }
    if (reducedMotion.matches) {
      option.animation = false;
    }
    useCanvasTooltips(option);
    // The stylesheet hides a canvas without a state (so no empty box shows
    // with JS off); reveal it before init so ECharts measures its real size.
    el.setAttribute('data-chart-state', 'drawing');
    var px = parseInt(el.getAttribute('data-chart-height'), 10);
    if (px > 0) {
      el.style.height = px + 'px';
    }
    var mapURL = el.getAttribute('data-chart-map');
    if (!mapURL) {
      initChart(el, option);
      return;
    }
    var all = Array.isArray(option.series) ? option.series : [option.series];
    var series = all[0];
    if (!window.fetch || !series || !series.map) {
      markFailed(el, new Error('cannot load map ' + mapURL));
      return;
    }
    loadMap(mapURL).then(function (geo) {
      registerMaps(geo, all);
      var chart = initChart(el, option);
      if (chart) {
        addMapKeys(el, chart, series, all.length);
      }
    }, function (err) {
      markFailed(el, err);
    });
  }

  // addMapKeys lets the keyboard step through a map's areas (arrow keys,
  // Home, End; Escape hides the tooltip) and writes the shown area's text
  // into a status line after the map.
  function addMapKeys(el, chart, series, nseries) {
    var data = series.data || [];
    var status = document.createElement('p');
    status.className = 'map-status';
    status.setAttribute('role', 'status');
    // after the map's text alternative (in the figure's grid, a paragraph
    // between the map and its table would push the table below the map)
    var summary = el.parentElement && el.parentElement.querySelector('.chart-summary');
    (summary || el).insertAdjacentElement('afterend', status);
    var at = -1;
    // the same area in every series (an inset draws it again), by name
    function mark(type) {
      for (var k = 1; k < nseries; k++) {
        chart.dispatchAction({ type: type, seriesIndex: k, name: data[at].name });
      }
    }
    function show(i) {
      if (at >= 0) {
        chart.dispatchAction({ type: 'downplay', seriesIndex: 0, dataIndex: at });
        mark('downplay');
      }
      at = i;
      chart.dispatchAction({ type: 'highlight', seriesIndex: 0, dataIndex: at });
      mark('highlight');
      chart.dispatchAction({ type: 'showTip', seriesIndex: 0, dataIndex: at });
      var tip = data[at] && data[at].tooltip && data[at].tooltip.formatter;
      status.textContent = tip ? String(tip).replace(/\n/g, ': ') : '';
    }
    el.addEventListener('keydown', function (ev) {
      var n = data.length;
      if (n === 0) {
        return;
      }
      var next = -1;
      switch (ev.key) {
        case 'ArrowRight':
        case 'ArrowDown':
          next = (at + 1) % n;
          break;
        case 'ArrowLeft':
        case 'ArrowUp':
          next = at <= 0 ? n - 1 : at - 1;
          break;
        case 'Home':
          next = 0;
          break;
        case 'End':
          next = n - 1;
          break;
        case 'Escape':
          chart.dispatchAction({ type: 'hideTip' });
          status.textContent = '';
          return;
        default:
          return;
      }
      ev.preventDefault();
      show(next);
    });
  }

  // initChart draws an option into a revealed canvas; it returns the chart,
  // or null after marking the canvas failed.
  function initChart(el, option) {
    try {
      var chart = window.echarts.init(el, null, { renderer: 'canvas' });
      chart.on('finished', function () {
        el.setAttribute('data-chart-rendered', 'true');
      });
      chart.setOption(option);
      drawn.push(chart);
      el.setAttribute('data-chart-state', 'drawn');
      // follow the box, not only the window: a scroll bar appearing after
      // the first charts were drawn narrows them without a resize event
      if (window.ResizeObserver) {
        new window.ResizeObserver(scheduleResize).observe(el);
      }
      return chart;
    } catch (err) {
      markFailed(el, err);
      return null;
    }
  }

  function drawAll() {
    var els = document.querySelectorAll('.chart-canvas');
    if (els.length === 0) {
      return;
    }
    if (!window.echarts) {
      for (var i = 0; i < els.length; i++) {
        markFailed(els[i], new Error('ECharts did not load'));
      }
      return;
    }
    for (var j = 0; j < els.length; j++) {
      drawChart(els[j]);
    }
  }

  function resizeAll() {
    for (var i = 0; i < drawn.length; i++) {
      if (!drawn[i].isDisposed()) {
        drawn[i].resize();
      }
    }
  }

  // Before printing: no tooltip left over from the mouse, and the charts fit
  // the paper's width.
  // Paint at once: the browser lays out the printout before the next frame.
  function beforePrint() {
    resizeAll();
    for (var i = 0; i < drawn.length; i++) {
      var chart = drawn[i];
      if (!chart.isDisposed()) {
        var tips = chart.getOption().tooltip;
        if (tips && tips.length) {
          chart.setOption({ tooltip: { hideDelay: 0 } }); // hide now, not in 100 ms
          chart.dispatchAction({ type: 'hideTip' });
        }
        chart.dispatchAction({ type: 'updateAxisPointer', currTrigger: 'leave' });
        chart.getZr().flush();
      }
    }
  }

  // Resize at most once per animation frame however many resize events arrive.
  var resizePending = false;
  function scheduleResize() {
    if (resizePending) {
      return;
    }
    resizePending = true;
    window.requestAnimationFrame(function () {
      resizePending = false;
      resizeAll();
    });
  }

  // Follow a change of the reduced-motion preference without a reload.
  function onMotionChange() {
    for (var i = 0; i < drawn.length; i++) {
      if (!drawn[i].isDisposed()) {
        drawn[i].setOption({ animation: !reducedMotion.matches });
      }
    }
  }

  // Progressive enhancement: any element with an id and a data-copy-link
  // attribute (e.g. a section heading or a table) gets a "Copy link" button
  // that copies the page URL pointing at that element.
  function addCopyLinks() {
    if (!navigator.clipboard || !window.isSecureContext) {
      return;
    }
    var targets = document.querySelectorAll('[data-copy-link][id]');
    for (var i = 0; i < targets.length; i++) {
      addCopyLink(targets[i]);
    }
  }

  function addCopyLink(target) {
    var button = document.createElement('button');
    var label = target.getAttribute('data-copy-link') || 'Copy link';
    button.type = 'button';
    button.className = 'copy-link';
    button.textContent = label;
    var status = document.createElement('span');
    status.className = 'copy-link-status';
    status.setAttribute('role', 'status');
    button.addEventListener('click', function () {
      var url = new URL(window.location.href);
      url.hash = target.id;
      navigator.clipboard.writeText(url.toString()).then(
        function () { status.textContent = 'Link copied'; },
        function () { status.textContent = 'Could not copy the link'; }
      );
    });
    target.insertAdjacentElement('afterend', status);
    target.insertAdjacentElement('afterend', button);
  }

  function start() {
    drawAll();
    addCopyLinks();
    window.addEventListener('resize', scheduleResize);
    window.addEventListener('beforeprint', beforePrint);
    window.addEventListener('afterprint', resizeAll);
    if (reducedMotion.addEventListener) {
      reducedMotion.addEventListener('change', onMotionChange);
    }
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
