// The console's flow heatmap: reads its data from the chart element's data- attributes.
(function () {
  var el = document.getElementById('heatmap');
  if (!el) { return; }
  var banks = JSON.parse(el.dataset.banks);
  var cells = JSON.parse(el.dataset.cells);
  if (!window.echarts || banks.length === 0) { el.style.display = 'none'; return; }
  var max = 0;
  cells.forEach(function (c) { if (c[2] > max) { max = c[2]; } });
  var chart = echarts.init(el, null, { locale: el.dataset.locale });
  chart.setOption({
    aria: { enabled: true },
    tooltip: { position: 'top' },
    grid: { left: 120, bottom: 80 },
    xAxis: { type: 'category', data: banks, name: el.dataset.xName },
    yAxis: { type: 'category', data: banks, name: el.dataset.yName },
    visualMap: { min: 0, max: max || 1, orient: 'horizontal', left: 'center', bottom: 0,
      inRange: { color: ['#e8f0f8', '#0b4f8a'] } },
    series: [{ type: 'heatmap', data: cells, label: { show: true } }]
  });
})();
