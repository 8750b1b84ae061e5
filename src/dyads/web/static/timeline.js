// Timeline: ← and → move between events in date order; the focused event is described under the chart.
(function () {
  var svg = document.getElementById("timeline");
  if (!svg) return;
  var events = Array.prototype.slice.call(svg.querySelectorAll("a.event"));
  var detail = document.getElementById("timeline-detail");
  var initial = detail ? detail.textContent : "";
  events.forEach(function (link, i) {
    link.setAttribute("tabindex", "0");
    link.addEventListener("focus", function () {
      var title = link.querySelector("title");
      if (detail && title) detail.textContent = title.textContent;
    });
    link.addEventListener("blur", function () { if (detail) detail.textContent = initial; });
    link.addEventListener("keydown", function (e) {
      var next = e.key === "ArrowRight" ? i + 1 : e.key === "ArrowLeft" ? i - 1 : -1;
      if (next >= 0 && next < events.length) { e.preventDefault(); events[next].focus(); }
    });
    link.addEventListener("mouseenter", function () {
      var title = link.querySelector("title");
      if (detail && title) detail.textContent = title.textContent;
    });
  });
})();
