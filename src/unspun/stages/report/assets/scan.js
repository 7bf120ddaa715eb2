// unspun scan report: pick a site (from the list, or by clicking it in the network) to show only its families and
// pick out its arrows. Reads only the data-* attributes the renderer wrote; the page is complete without it.
(function () {
  "use strict";
  var select = document.getElementById("site-filter");
  var count = document.getElementById("family-count");
  var net = document.querySelector("svg.net");
  var current = "";
  function families(site) {
    var shown = 0, all = document.querySelectorAll("article.family");
    all.forEach(function (el) {
      var on = site === "" || (el.getAttribute("data-sites") || "").split(" ").indexOf(site) >= 0;
      el.hidden = !on;
      if (on) { shown += 1; }
    });
    if (count) { count.textContent = site === "" ? "" : shown + " of " + all.length + " families shown"; }
  }
  function arrows(site) {
    if (!net) { return; }
    net.classList.toggle("focus", site !== "");
    net.querySelectorAll(".flow").forEach(function (el) {
      el.classList.toggle("on", el.getAttribute("data-from") === site || el.getAttribute("data-to") === site);
    });
    net.querySelectorAll("g.site").forEach(function (el) { el.classList.toggle("on", el.getAttribute("data-site") === site); });
  }
  function choose(site) {
    current = site;
    if (select) { select.value = site; }
    families(site);
    arrows(site);
  }
  if (select) { select.addEventListener("change", function () { choose(select.value); }); }
  if (net) {
    net.addEventListener("click", function (event) {
      var node = event.target.closest ? event.target.closest("g.site") : null;
      if (!node) { return; }
      var site = node.getAttribute("data-site");
      choose(current === site ? "" : site);
    });
    net.addEventListener("keydown", function (event) {
      var node = event.target.closest ? event.target.closest("g.site") : null;
      if (node && (event.key === "Enter" || event.key === " ")) { event.preventDefault(); node.dispatchEvent(new MouseEvent("click", { bubbles: true })); }
    });
  }
})();
