// Bring the highlighted evidence sentence into view and give it the keyboard focus.
(function () {
  var mark = document.getElementById("evidence");
  if (!mark) return;
  mark.scrollIntoView({ block: "center" });
  mark.focus({ preventScroll: true });
})();
