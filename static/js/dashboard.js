// The bureau's dashboard charts. The figures come from a JSON block the server rendered
// (<script type="application/json">, data not code), and ECharts is vendored (window.echarts).
const data = JSON.parse(document.getElementById("dashboard-data").textContent);
const echarts = window.echarts;

// Colours with at least 3:1 contrast against white, told apart by shape in the legend too.
const PALETTE = ["#b3261e", "#1a5fb4", "#26734d", "#8a4b08", "#6b3fa0", "#005f73"];

function trendOption(trend) {
  return {
    animation: false,
    color: PALETTE,
    tooltip: { trigger: "axis" },
    legend: { type: "scroll", bottom: 0 },
    grid: { left: 48, right: 16, top: 16, bottom: 56 },
    xAxis: { type: "category", data: trend.periods },
    yAxis: { type: "value", minInterval: 1 },
    series: trend.series.map((s, i) => ({
      name: s.name, type: "line", data: s.values, symbol: ["circle", "rect", "triangle", "diamond", "pin", "arrow"][i],
      symbolSize: 7, lineStyle: { width: s.key === "seeking" ? 4 : 2 },
      stack: s.key === "seeking" ? undefined : "employed",
      areaStyle: s.key === "seeking" ? undefined : { opacity: 0.12 },
    })),
  };
}

function barOption(items) {
  return {
    animation: false,
    color: PALETTE,
    tooltip: { trigger: "axis" },
    grid: { left: 96, right: 24, top: 8, bottom: 24 },
    xAxis: { type: "value", minInterval: 1 },
    yAxis: { type: "category", data: items.map((item) => item.name), inverse: true },
    series: [{ type: "bar", barMaxWidth: 32, data: items.map((item) => item.value), label: { show: true, position: "right" } }],
  };
}

const OPTIONS = { trend: trendOption, byKind: barOption, byProvince: barOption };

document.querySelectorAll("[data-chart]").forEach((element) => {
  const name = element.dataset.chart;
  const chart = echarts.init(element, null, { renderer: "canvas" });
  chart.setOption(OPTIONS[name](data[name]));
  window.addEventListener("resize", () => chart.resize());
  window.addEventListener("beforeprint", () => chart.resize());
});
