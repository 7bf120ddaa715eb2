// unspun report: hovering or clicking an aligned sentence highlights its partner(s) on the other side and scrolls
// them into view; clicking a changed fact scrolls to it. Reads only data-* attributes the renderer wrote.
(function () {
  "use strict";
  function parts(id) { return document.querySelectorAll('.al[data-al="' + id + '"]'); }
  function mark(id, cls, on) { parts(id).forEach(function (el) { el.classList.toggle(cls, on); }); }
  function reveal(el) {
    var pane = el.closest(".doc");
    if (!pane) { return; }
    var top = el.offsetTop - pane.clientHeight / 3;
    pane.scrollTo({ top: Math.max(0, top), behavior: "smooth" });
  }
  var selected = null;
  function select(el) {
    var id = el.getAttribute("data-al");
    if (selected !== null) { mark(selected, "sel", false); }
    if (selected === id) { selected = null; return; }
    selected = id;
    mark(id, "sel", true);
    var other = document.querySelector('.doc:not([data-side="' + el.closest(".doc").getAttribute("data-side") + '"]) .al[data-al="' + id + '"]');
    if (other) { reveal(other); }
  }
  function aligned(event) { return event.target.closest ? event.target.closest(".al") : null; }
  document.addEventListener("mouseover", function (event) {
    var el = aligned(event);
    if (el) { mark(el.getAttribute("data-al"), "hl", true); }
  });
  document.addEventListener("mouseout", function (event) {
    var el = aligned(event);
    if (el) { mark(el.getAttribute("data-al"), "hl", false); }
  });
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a.jump") : null;
    if (link) {
      var spot = document.getElementById(link.getAttribute("href").slice(1));
      if (spot) { event.preventDefault(); reveal(spot); spot.classList.add("flash");
                  setTimeout(function () { spot.classList.remove("flash"); }, 1500); }
      return;
    }
    var el = aligned(event);
    if (el) { select(el); }
  });
  document.addEventListener("keydown", function (event) {
    var el = aligned(event);
    if (el && (event.key === "Enter" || event.key === " ")) { event.preventDefault(); select(el); }
  });
})();
