// Each bus's collection tour as a schematic: townships at their coordinates (longitude,
// latitude on plain axes; no map tiles, which would come from outside), joined in pickup order.
const tours = JSON.parse(document.getElementById("tour-data").textContent);
const echarts = window.echarts;
const zh = document.documentElement.lang.startsWith("zh");

function tourOption(stops) {
  const points = stops.map((stop, i) => ({ name: `${i + 1}. ${stop.name} ${stop.time}`, value: [stop.lon, stop.lat] }));
  return {
    animation: false,
    color: ["#9b1c1c"],
    tooltip: { formatter: (item) => item.name },
    grid: { left: 64, right: 120, top: 24, bottom: 48 },
    xAxis: { type: "value", scale: true, name: zh ? "经度" : "longitude", nameLocation: "middle", nameGap: 28, axisLabel: { formatter: (v) => v.toFixed(2) } },
    yAxis: { type: "value", scale: true, name: zh ? "纬度" : "latitude", nameLocation: "middle", nameGap: 48, axisLabel: { formatter: (v) => v.toFixed(2) } },
    series: [
      { type: "line", data: points.map((p) => p.value), symbol: "none", lineStyle: { type: "dashed", width: 2 } },
      { type: "scatter", data: points, symbolSize: 12,
        label: { show: true, position: "right", formatter: (item) => item.name, color: "#1b1b1b" } },
    ],
  };
}

document.querySelectorAll("[data-tour]").forEach((element) => {
  const stops = tours[element.dataset.tour] || [];
  const chart = echarts.init(element, null, { renderer: "canvas" });
  chart.setOption(tourOption(stops));
  window.addEventListener("resize", () => chart.resize());
});
