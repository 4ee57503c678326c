/* Filters for a list of events: by country (any or all), type, tag and years.
   The state lives in the query string, so a filtered view can be shared. Without
   JavaScript the form stays hidden and every event is listed. */
(function () {
  "use strict";
  var panel = document.getElementById("filters");
  var form = document.getElementById("filter-form");
  if (!panel || !form || !window.URLSearchParams) return;

  var status = document.getElementById("filter-status");
  var noResults = document.getElementById("no-results");
  var sections = Array.prototype.slice.call(document.querySelectorAll("section.year"));
  var yearLinks = Array.prototype.slice.call(document.querySelectorAll(".year-nav li"));
  var counters = Array.prototype.slice.call(form.querySelectorAll("[data-count-for]"));
  var items = Array.prototype.slice.call(document.querySelectorAll("article.event-item")).map(
    function (el) {
      return {
        el: el,
        country: el.getAttribute("data-countries").split(" ").filter(Boolean),
        type: [el.getAttribute("data-type")],
        tags: (el.getAttribute("data-tags") || "").split("|").filter(Boolean),
        year: parseInt(el.getAttribute("data-year"), 10)
      };
    });
  var years = items.map(function (d) { return d.year; });
  var firstYear = Math.min.apply(null, years), lastYear = Math.max.apply(null, years);

  function values(name) {
    return Array.prototype.slice.call(form.elements[name] ? form.querySelectorAll('[name="' + name + '"]:checked') : [])
      .map(function (input) { return input.value; });
  }
  function selected(name) { var el = form.elements[name]; return el && el.value ? el.value : ""; }

  function readForm() {
    return {
      country: values("country"),
      match: (form.querySelector('[name="match"]:checked') || {}).value || "any",
      type: values("type"),
      tag: selected("tag"),
      from: parseInt(selected("from"), 10) || firstYear,
      to: parseInt(selected("to"), 10) || lastYear
    };
  }

  function fromQuery(query) {
    var params = new URLSearchParams(query);
    var list = function (name) {
      return params.getAll(name).join(",").split(",").filter(Boolean);
    };
    return {
      country: list("country"), match: params.get("match") === "all" ? "all" : "any",
      type: list("type"), tag: params.get("tag") || "",
      from: parseInt(params.get("from"), 10) || firstYear,
      to: parseInt(params.get("to"), 10) || lastYear
    };
  }

  function toQuery(state) {
    var params = new URLSearchParams();
    state.country.forEach(function (c) { params.append("country", c); });
    if (state.country.length > 1 && state.match === "all") params.set("match", "all");
    state.type.forEach(function (t) { params.append("type", t); });
    if (state.tag) params.set("tag", state.tag);
    if (state.from > firstYear) params.set("from", state.from);
    if (state.to < lastYear) params.set("to", state.to);
    return params.toString();
  }

  function writeForm(state) {
    Array.prototype.forEach.call(form.querySelectorAll('[name="country"], [name="type"]'), function (input) {
      input.checked = state[input.name].indexOf(input.value) !== -1;
    });
    var match = form.querySelector('[name="match"][value="' + state.match + '"]');
    if (match) match.checked = true;
    if (form.elements.tag) form.elements.tag.value = state.tag;
    if (form.elements.from) form.elements.from.value = String(state.from);
    if (form.elements.to) form.elements.to.value = String(state.to);
  }

  /* Does an item pass every filter, leaving out the one named `skip` (for facet counts)? */
  function passes(item, state, skip) {
    if (skip !== "country" && state.country.length) {
      var hits = state.country.filter(function (c) { return item.country.indexOf(c) !== -1; });
      if (state.match === "all" ? hits.length < state.country.length : !hits.length) return false;
    }
    if (skip !== "type" && state.type.length && state.type.indexOf(item.type[0]) === -1) return false;
    if (state.tag && item.tags.indexOf(state.tag) === -1) return false;
    return item.year >= state.from && item.year <= state.to;
  }

  function plural(n) { return n + (n === 1 ? " event" : " events"); }

  function apply(state, updateUrl) {
    var shown = 0;
    items.forEach(function (item) {
      var ok = passes(item, state);
      item.el.hidden = !ok;
      if (ok) shown += 1;
    });
    var visibleYears = {};
    sections.forEach(function (section) {
      var n = section.querySelectorAll("article.event-item:not([hidden])").length;
      section.hidden = n === 0;
      visibleYears[section.id] = n;
      var count = section.querySelector("[data-year-count]");
      if (count) count.textContent = plural(n);
    });
    yearLinks.forEach(function (li) {
      var anchor = (li.querySelector("a").getAttribute("href").split("#")[1]) || "";
      if (anchor in visibleYears) li.hidden = visibleYears[anchor] === 0;
    });
    counters.forEach(function (counter) {
      var parts = counter.getAttribute("data-count-for").split(":");
      var kind = parts[0], value = parts.slice(1).join(":");
      var n = items.filter(function (item) {
        return item[kind].indexOf(value) !== -1 && passes(item, state, kind);
      }).length;
      counter.textContent = "(" + n + ")";
    });
    var query = toQuery(state);
    status.textContent = query ? "Showing " + shown + " of " + plural(items.length) + "." : "";
    if (noResults) noResults.hidden = shown !== 0;
    if (updateUrl) {
      var url = location.pathname + (query ? "?" + query : "") + location.hash;
      try { history.replaceState(null, "", url); } catch (e) { /* the view still filters */ }
    }
  }

  panel.hidden = false;
  var initial = fromQuery(location.search);
  writeForm(initial);
  if (toQuery(initial)) panel.open = true;
  apply(initial, false);

  form.addEventListener("change", function () { apply(readForm(), true); });
  form.addEventListener("submit", function (event) { event.preventDefault(); apply(readForm(), true); });
  form.addEventListener("reset", function () {
    setTimeout(function () { apply(readForm(), true); }, 0);
  });
  var clear = document.getElementById("no-results-clear");
  if (clear) clear.addEventListener("click", function () { form.reset(); panel.open = true; });
})();
