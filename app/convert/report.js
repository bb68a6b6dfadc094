// The report's behaviour: the "Hide code" toggle, the height of sandboxed HTML outputs, and
// the charts (ECharts, inlined before this script), redrawn on resize and theme change.
(function () {
  'use strict';
  var toggle = document.getElementById('hide-code');
  toggle.addEventListener('change', function () {
    document.body.classList.toggle('hide-code', toggle.checked);
  });

  document.querySelectorAll('iframe.output.html').forEach(function (f) {
    function fit() {
      var d = f.contentDocument;
      if (d && d.body) f.style.height = d.body.scrollHeight + 24 + 'px'; // + the body's margins
    }
    f.addEventListener('load', fit);
    fit();
  });

  if (!window.echarts) return;
  var dark = window.matchMedia('(prefers-color-scheme: dark)');
  var charts = [];
  function draw() {
    charts.forEach(function (c) { c.dispose(); });
    charts = [];
    document.querySelectorAll('[data-chart]').forEach(function (el) {
      var chart = echarts.init(el, dark.matches ? 'dark' : null);
      charts.push(chart);
      try {
        var option = JSON.parse(el.nextElementSibling.textContent);
        chart.setOption(option);
        if (option.backgroundColor === undefined) chart.setOption({ backgroundColor: 'transparent' });
      } catch (e) {
        chart.dispose();
        charts.pop();
        el.textContent = 'This chart cannot be drawn: ' + e.message;
      }
    });
  }
  draw();
  dark.addEventListener('change', draw);
  window.addEventListener('resize', function () {
    charts.forEach(function (c) { c.resize(); });
  });
})();
