/* The time strip marks the year in view, and nothing focused hides under the sticky strip.
   Without JavaScript the strip is still a set of links, and CSS scroll-padding keeps most
   focus targets clear of it. */
(function () {
  "use strict";
  var strip = document.getElementById("time-strip");
  if (!strip) return;
  var scroller = strip.querySelector(".strip-scroll");
  var links = {};
  Array.prototype.forEach.call(strip.querySelectorAll("a[data-year]"), function (a) {
    links[(a.getAttribute("href").split("#")[1]) || ""] = a;
  });
  var sections = Array.prototype.slice.call(document.querySelectorAll("section.year"));
  var current = null;

  function bottomOfStrip() { return strip.getBoundingClientRect().bottom; }

  function mark(link) {
    if (link === current) return;
    if (current) { current.classList.remove("current"); current.removeAttribute("aria-current"); }
    current = link;
    if (!link) return;
    link.classList.add("current");
    link.setAttribute("aria-current", "location");
    // Keep the marked year in sight when the strip is wider than the screen.
    var box = link.getBoundingClientRect(), view = scroller.getBoundingClientRect();
    if (box.left < view.left || box.right > view.right) {
      scroller.scrollLeft += box.left - view.left - (view.width - box.width) / 2;
    }
  }

  /* The year in view: the last visible section whose top has passed under the strip. */
  function update() {
    var line = bottomOfStrip() + 8, found = null;
    for (var i = 0; i < sections.length; i += 1) {
      var section = sections[i];
      if (section.hidden) continue;
      var box = section.getBoundingClientRect();
      if (box.top <= line && box.bottom > line) { found = section; break; }
      if (box.top > line && !found) { found = section; break; }
    }
    mark(found ? links[found.id] || null : null);
  }

  var pending = false;
  function schedule() {
    if (pending) return;
    pending = true;
    window.requestAnimationFrame(function () { pending = false; update(); });
  }
  window.addEventListener("scroll", schedule, { passive: true });
  window.addEventListener("resize", schedule);
  document.addEventListener("change", schedule);

  /* WCAG 2.2 focus not obscured: scroll a focused element out from under the strip. */
  function uncover(target) {
    if (strip.contains(target) || !target.getBoundingClientRect) return;
    var bar = strip.getBoundingClientRect(), box = target.getBoundingClientRect();
    var stuck = getComputedStyle(strip).position === "sticky" && bar.top <= 1;
    if (stuck && box.top < bar.bottom && box.bottom > bar.top) {
      window.scrollBy({ top: box.top - bar.bottom - 8, behavior: "instant" });
    }
  }
  document.addEventListener("focusin", function (event) {
    uncover(event.target);
    // The browser may scroll the focused element into view after this event: check again.
    window.requestAnimationFrame(function () { uncover(event.target); });
    // ... and smoothly, so look once more when that scroll ends.
    window.addEventListener("scrollend", function () { uncover(event.target); }, { once: true });
  });
  update();
})();
