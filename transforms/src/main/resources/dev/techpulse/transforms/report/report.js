// techpulse report: charts from the inlined data (#report-data, gzipped JSON in base64) with the
// inlined Chart.js. Missing values are null and drawn as gaps (spanGaps: false); a chart with no
// value at all says "No data" over its axes instead of drawing zeros.
(function () {
'use strict';
(function () {
  var packed = document.getElementById('report-data').textContent.replace(/\s+/g, '');
  var raw = atob(packed), bytes = new Uint8Array(raw.length);
  for (var b = 0; b < raw.length; b++) { bytes[b] = raw.charCodeAt(b); }
  new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'))).text()
    .then(function (text) { report(JSON.parse(text)); })
    .catch(function (e) {
      var p = document.createElement('p');
      p.className = 'warn';
      p.textContent = 'The charts cannot be drawn: this browser cannot read the report\'s data (' + e + ').';
      document.querySelector('header').appendChild(p);
      console.error(e);
    });
})();

function report(data) {
  var techs = data.techs;
  var DAY_MS = 86400000;
  var COLORS = ['#2563eb', '#dc2626', '#059669', '#d97706', '#7c3aed', '#db2777', '#0891b2',
    '#65a30d', '#4b5563', '#ea580c', '#9ca3af'];

  function count(n) {
    if (n === null || n === undefined) { return 'no data'; }
    var abs = Math.abs(n);
    if (abs < 1000) { return String(Math.round(n * 10) / 10); }
    var units = ['k', 'M', 'B', 'T'];
    var v = n, u = -1;
    while (Math.abs(v) >= 999.95 && u < units.length - 1) { v /= 1000; u++; }
    return v.toFixed(1) + ' ' + units[u];
  }
  function isoDay(epochDay) { return new Date(epochDay * DAY_MS).toISOString().slice(0, 10); }
  function dayLabels(first, n) {
    var start = Date.parse(first + 'T00:00:00Z') / DAY_MS, out = [];
    for (var i = 0; i < n; i++) { out.push(isoDay(start + i)); }
    return out;
  }
  var days = dayLabels(data.firstDay, data.days);

  function hasData(chart) {
    return chart.data.datasets.some(function (ds) {
      return ds.data.some(function (v) { return v !== null && v !== undefined; });
    });
  }
  Chart.register({
    id: 'noData',
    afterDraw: function (chart, args, opts) {
      if (chart.config.type === 'line' && chart.canvas.classList.contains('spark')) { return; }
      if (hasData(chart)) { return; }
      var a = chart.chartArea, ctx = chart.ctx;
      ctx.save();
      ctx.fillStyle = '#6b7280';
      ctx.font = 'italic 14px system-ui, sans-serif';
      ctx.textAlign = 'center';
      ctx.fillText(chart.options.plugins.noData.text || 'No data', (a.left + a.right) / 2,
        (a.top + a.bottom) / 2);
      ctx.restore();
    }
  });
  Chart.defaults.animation = false;
  Chart.defaults.maintainAspectRatio = false;
  Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif';

  function title(text) { return { display: true, text: text, font: { size: 14, weight: '600' } }; }
  function axis(text, extra) {
    var a = { title: { display: true, text: text } };
    for (var k in extra || {}) { a[k] = extra[k]; }
    return a;
  }
  function countAxis(text, extra) {
    var a = axis(text, extra);
    a.beginAtZero = true;
    a.ticks = { callback: function (v) { return count(v); } };
    return a;
  }
  function options(titleText, scales, noDataText) {
    return {
      responsive: true,
      plugins: {
        title: title(titleText),
        legend: { display: true, position: 'bottom' },
        noData: { text: noDataText },
        tooltip: { callbacks: { label: function (c) {
          var y = c.parsed.y;
          return (c.dataset.label || '') + ': ' + (y === null ? 'no data' : count(y));
        } } }
      },
      scales: scales
    };
  }
  var charts = [];
  function make(id, config) {
    var chart = new Chart(document.getElementById(id), config);
    charts.push(chart);
    return chart;
  }

  // Sparklines in the scorecard: the daily downloads of the last data.days days. The first rows
  // are drawn at once, the others when they come near the screen (or before printing), so a
  // scorecard of a thousand technologies opens as fast as one of ten.
  function sparkline(canvas) {
    if (Chart.getChart(canvas)) { return; }
    var t = techs[Number(canvas.dataset.tech)];
    charts.push(new Chart(canvas, {
      type: 'line',
      data: { labels: days, datasets: [{ data: t.dl, borderColor: COLORS[0], borderWidth: 1.2,
        pointRadius: 0, spanGaps: false, fill: false }] },
      options: { responsive: false, events: [],
        plugins: { legend: { display: false }, tooltip: { enabled: false }, title: { display: false } },
        scales: { x: { display: false }, y: { display: false, beginAtZero: true } } }
    }));
  }
  var sparks = Array.prototype.slice.call(document.querySelectorAll('canvas.spark'));
  sparks.slice(0, 40).forEach(sparkline);
  var lazy = sparks.slice(40);
  if (lazy.length && 'IntersectionObserver' in window) {
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (e) {
        if (e.isIntersecting) { observer.unobserve(e.target); sparkline(e.target); }
      });
    }, { rootMargin: '600px 0px' });
    lazy.forEach(function (c) { observer.observe(c); });
  } else {
    lazy.forEach(sparkline);
  }

  // Downloads per day: the 7-day rolling mean of the ten technologies with most 30-day downloads.
  var top = techs.map(function (t, i) { return i; })
    .filter(function (i) { return techs[i].dl !== null; })
    .sort(function (a, b) { return (techs[b].dl30 || 0) - (techs[a].dl30 || 0); })
    .slice(0, 10);
  make('chart-top', {
    type: 'line',
    data: { labels: days, datasets: top.map(function (i, k) {
      return { label: techs[i].name, data: techs[i].mean, borderColor: COLORS[k],
        backgroundColor: COLORS[k], borderWidth: 1.5, pointRadius: 0, spanGaps: false };
    }) },
    options: options('Downloads per day, 7-day rolling mean, of the ' +
      (top.length === 1 ? 'technology' : top.length + ' technologies') +
      ' with most downloads in 30 days (gaps: days without data)', {
      x: axis('date (UTC)', { ticks: { maxTicksLimit: 10 } }),
      y: countAxis('downloads per day')
    }, 'No download data')
  });

  // Per technology.
  var daily = make('chart-daily', {
    type: 'bar',
    data: { labels: days, datasets: [
      { type: 'bar', label: 'downloads per day', data: [], backgroundColor: '#93c5fd' },
      { type: 'line', label: '7-day rolling mean', data: [], borderColor: '#1d4ed8',
        borderWidth: 2, pointRadius: 0, spanGaps: false }
    ] },
    options: options('', { x: axis('date (UTC)', { ticks: { maxTicksLimit: 8 } }),
      y: countAxis('downloads per day') }, 'No download data for this technology')
  });
  var split = make('chart-split', {
    type: 'bar',
    data: { labels: data.weekEnds, datasets: [] },
    options: options('', { x: axis('7 days ending (UTC)', { stacked: true }),
      y: countAxis('downloads per 7 days', { stacked: true }) },
      'No split of downloads for this technology')
  });
  var commits = make('chart-commits', {
    type: 'bar',
    data: { labels: data.commitWeeks, datasets: [
      { label: 'commits per week', data: [], backgroundColor: '#6ee7b7' }] },
    options: options('', { x: axis('week starting (Sunday, UTC)', { ticks: { maxTicksLimit: 9 } }),
      y: countAxis('commits per week') }, 'No commit activity (no repository, or not fetched)')
  });
  var issues = make('chart-issues', {
    type: 'bar',
    data: { labels: data.weekEnds, datasets: [
      { label: 'issues opened', data: [], backgroundColor: '#fca5a5', yAxisID: 'y' },
      { label: 'issues closed', data: [], backgroundColor: '#86efac', yAxisID: 'y' },
      { type: 'line', label: 'median days to close (closed that week)', data: [],
        borderColor: '#7c3aed', pointRadius: 3, spanGaps: false, yAxisID: 'y2' }] },
    options: options('', { x: axis('7 days ending (UTC)'),
      y: countAxis('issues per 7 days'),
      y2: axis('median days to close', { position: 'right', beginAtZero: true,
        grid: { drawOnChartArea: false } }) }, 'No issue activity (no repository, or not fetched)')
  });
  // Epoch days on a linear axis, labelled as dates; fixed to the 365 days ending at the as-of
  // date unless (snapshots) the points themselves say where the axis goes.
  var dateAxis = function (text, fixed) {
    var a = axis(text, { type: 'linear',
      ticks: { callback: function (v) { return isoDay(v); }, maxTicksLimit: 7, includeBounds: false } });
    if (fixed) { a.min = data.yearFrom; a.max = data.asOfDay; }
    return a;
  };
  var stars = make('chart-stars', {
    type: 'line',
    data: { datasets: [
      { label: 'stars', data: [], borderColor: '#d97706', backgroundColor: '#d97706', yAxisID: 'y', pointRadius: 3 },
      { label: 'forks', data: [], borderColor: '#0891b2', backgroundColor: '#0891b2', yAxisID: 'y2', pointRadius: 3 }] },
    options: options('', { x: dateAxis('snapshot date (UTC)', false),
      y: countAxis('stars', { beginAtZero: false }),
      y2: countAxis('forks', { position: 'right', beginAtZero: false, grid: { drawOnChartArea: false } }) },
      'No repository snapshot')
  });
  stars.options.plugins.tooltip.callbacks.title = function (items) { return isoDay(items[0].parsed.x); };
  var releases = make('chart-releases', {
    type: 'scatter',
    data: { datasets: [
      { label: 'PyPI release', data: [], backgroundColor: '#2563eb', pointRadius: 5, pointStyle: 'circle' },
      { label: 'GitHub release', data: [], backgroundColor: '#111827', pointRadius: 5, pointStyle: 'rectRot' },
      { label: 'pre-release (either)', data: [], backgroundColor: '#f59e0b', pointRadius: 4, pointStyle: 'triangle' }] },
    options: options('', { x: dateAxis('release date (UTC)', true),
      y: axis('source', { min: -0.5, max: 1.5,
        afterBuildTicks: function (scale) { scale.ticks = [{ value: 0 }, { value: 1 }]; },
        ticks: { callback: function (v) { return v === 0 ? 'PyPI' : 'GitHub'; } } }) },
      'No release in the last 365 days')
  });
  releases.options.plugins.tooltip.callbacks.label = function (c) {
    return c.raw.label + ' (' + isoDay(c.raw.x) + ')';
  };

  function show(i) {
    var t = techs[i];
    document.getElementById('tech-meta').textContent =
      'packages: ' + t.packages + ' · repository: ' + (t.repo || 'none');
    daily.options.plugins.title.text = 'Daily downloads of ' + t.name + ' (last ' + data.days + ' days)';
    daily.data.datasets[0].data = t.dl || [];
    daily.data.datasets[1].data = t.mean || [];
    daily.update();

    var select = document.getElementById('split-select');
    var previous = select.value;
    select.innerHTML = '';
    Object.keys(t.split).forEach(function (dim) {
      var o = document.createElement('option');
      o.value = dim; o.textContent = dim;
      select.appendChild(o);
    });
    if (t.split[previous]) { select.value = previous; }
    select.parentNode.hidden = select.options.length === 0;
    showSplit(t, select.value);

    commits.options.plugins.title.text = 'Commits per week of ' + (t.repo || t.name) + ' (52 weeks)';
    commits.data.datasets[0].data = t.commits || [];
    commits.update();

    issues.options.plugins.title.text = ['Issues of ' + (t.repo || t.name) + ' opened and closed per week (13 weeks)',
      'median days to close, 90 d: ' + (t.medianClose90 === null ? 'no data' : t.medianClose90.toFixed(1) + ' d')];
    issues.data.datasets[0].data = t.issues ? t.issues.opened : [];
    issues.data.datasets[1].data = t.issues ? t.issues.closed : [];
    issues.data.datasets[2].data = t.issues ? t.issues.median : [];
    issues.update();

    stars.options.plugins.title.text = 'Stars and forks of ' + (t.repo || t.name) + ' (snapshots of successive runs)';
    stars.data.datasets[0].data = t.stars.map(function (s) { return { x: s[0], y: s[1] }; });
    stars.data.datasets[1].data = t.stars.map(function (s) { return { x: s[0], y: s[2] }; });
    // The axis spans the snapshots, at least 60 days, so one snapshot sits mid-axis.
    var xs = t.stars.map(function (s) { return s[0]; });
    var lo = Math.min.apply(null, xs.length ? xs : [data.asOfDay]);
    var hi = Math.max.apply(null, xs.length ? xs : [data.asOfDay]);
    var pad = Math.max(0, 60 - (hi - lo)) / 2;
    stars.options.scales.x.min = lo - pad;
    stars.options.scales.x.max = hi + pad;
    stars.update();

    releases.options.plugins.title.text = 'Releases of ' + t.name + ' on PyPI and GitHub (365 days)';
    var points = [[], [], []];
    t.releases.forEach(function (r) {
      points[r[3] ? 2 : r[2]].push({ x: r[0], y: r[2], label: r[1] });
    });
    releases.data.datasets.forEach(function (ds, k) { ds.data = points[k]; });
    releases.update();
  }
  function showSplit(t, dim) {
    var s = t.split[dim];
    split.options.plugins.title.text = s
      ? 'Downloads of ' + t.name + ' by ' + dim + ' per 7 days'
      : 'Downloads of ' + t.name + ' by dimension';
    split.data.datasets = s ? s.labels.map(function (label, k) {
      return { label: label, data: s.data[k], backgroundColor: COLORS[k % COLORS.length] };
    }) : [];
    split.update();
  }
  var techSelect = document.getElementById('tech-select');
  techSelect.addEventListener('change', function () { show(Number(techSelect.value)); });
  document.getElementById('split-select').addEventListener('change', function (e) {
    showSplit(techs[Number(techSelect.value)], e.target.value);
  });
  // The detail opens on the technology with most downloads in 30 days (the first if none has any).
  techSelect.value = String(top.length ? top[0] : 0);
  show(Number(techSelect.value));

  // Sortable scorecard: numbers numerically, "no data" always last.
  var table = document.getElementById('scorecard-table');
  table.querySelectorAll('th').forEach(function (th, col) {
    th.querySelector('button').addEventListener('click', function () {
      var asc = th.getAttribute('aria-sort') !== 'ascending';
      table.querySelectorAll('th').forEach(function (h) { h.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
      var numeric = th.dataset.type === 'num';
      var body = table.tBodies[0];
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = a.cells[col].dataset.sort, y = b.cells[col].dataset.sort;
        if (x === '' || y === '') { return (x === '') - (y === ''); }
        var d = numeric ? Number(x) - Number(y) : x.localeCompare(y);
        return asc ? d : -d;
      });
      rows.forEach(function (r) { body.appendChild(r); });
    });
  });

  window.addEventListener('beforeprint', function () {
    sparks.forEach(sparkline);
    charts.forEach(function (c) { c.resize(); });
  });
  window.techpulseReport = { charts: charts };
  document.body.dataset.ready = 'true';
}
})();
