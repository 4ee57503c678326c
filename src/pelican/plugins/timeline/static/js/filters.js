/* Filters and views of a list of events: by country (between them, or any of them), role,
   type, tag and years; compact or full; oldest or newest first. The state lives in the
   query string, so a view can be shared. Without JavaScript the controls stay hidden and
   every event is listed, oldest first. */
(function () {
  "use strict";
  var panel = document.getElementById("filters");
  var form = document.getElementById("filter-form");
  if (!panel || !form || !window.URLSearchParams) return;

  var status = document.getElementById("filter-status");
  var noResults = document.getElementById("no-results");
  var list = document.getElementById("year-list");
  var viewOptions = document.getElementById("view-options");
  var compactBox = document.getElementById("view-compact");
  var newestBox = document.getElementById("view-newest");
  var sections = Array.prototype.slice.call(document.querySelectorAll("section.year"));
  var yearLinks = Array.prototype.slice.call(document.querySelectorAll(".time-strip a, .year-nav li"));
  var counters = Array.prototype.slice.call(form.querySelectorAll("[data-count-for]"));
  var items = Array.prototype.slice.call(document.querySelectorAll("article.event-item")).map(
    function (el) {
      return {
        el: el,
        country: el.getAttribute("data-countries").split(" ").filter(Boolean),
        role: (el.getAttribute("data-roles") || "").split(" ").filter(Boolean),
        type: [el.getAttribute("data-type")],
        tags: (el.getAttribute("data-tags") || "").split("\n").filter(Boolean),
        year: parseInt(el.getAttribute("data-year"), 10)
      };
    });
  var years = items.map(function (d) { return d.year; });
  var firstYear = Math.min.apply(null, years), lastYear = Math.max.apply(null, years);

  function checked(name) {
    return Array.prototype.slice.call(form.querySelectorAll('[name="' + name + '"]:checked'))
      .map(function (input) { return input.value; });
  }
  function selected(name) { var el = form.elements[name]; return el && el.value ? el.value : ""; }

  function readForm() {
    return {
      country: checked("country"),
      match: (form.querySelector('[name="match"]:checked') || {}).value || "all",
      role: selected("role"),
      type: checked("type"),
      tag: selected("tag"),
      from: parseInt(selected("from"), 10) || firstYear,
      to: parseInt(selected("to"), 10) || lastYear,
      compact: !!(compactBox && compactBox.checked),
      newest: !!(newestBox && newestBox.checked)
    };
  }

  function fromQuery(query) {
    var params = new URLSearchParams(query);
    var many = function (name) {
      return params.getAll(name).join(",").split(",").filter(Boolean);
    };
    return {
      country: many("country"), match: params.get("match") === "any" ? "any" : "all",
      role: params.get("role") || "",
      type: many("type"), tag: params.get("tag") || "",
      from: parseInt(params.get("from"), 10) || firstYear,
      to: parseInt(params.get("to"), 10) || lastYear,
      compact: params.get("view") === "compact",
      newest: params.get("order") === "newest"
    };
  }

  function toQuery(state, withView) {
    var params = new URLSearchParams();
    state.country.forEach(function (c) { params.append("country", c); });
    if (state.country.length > 1 && state.match === "any") params.set("match", "any");
    if (state.role) params.set("role", state.role);
    state.type.forEach(function (t) { params.append("type", t); });
    if (state.tag) params.set("tag", state.tag);
    if (state.from > firstYear) params.set("from", state.from);
    if (state.to < lastYear) params.set("to", state.to);
    if (withView && state.compact) params.set("view", "compact");
    if (withView && state.newest) params.set("order", "newest");
    return params.toString();
  }

  function writeForm(state) {
    Array.prototype.forEach.call(form.querySelectorAll('[name="country"], [name="type"]'), function (input) {
      input.checked = state[input.name].indexOf(input.value) !== -1;
    });
    var match = form.querySelector('[name="match"][value="' + state.match + '"]');
    if (match) match.checked = true;
    ["role", "tag"].forEach(function (name) {
      var el = form.elements[name];
      if (el) el.value = state[name];
      if (el && el.value !== state[name]) el.value = "";  // an option this page lacks
    });
    if (form.elements.from) form.elements.from.value = String(state.from);
    if (form.elements.to) form.elements.to.value = String(state.to);
    if (compactBox) compactBox.checked = state.compact;
    if (newestBox) newestBox.checked = state.newest;
  }

  /* Does an item pass every filter, leaving out the one named `skip` (for facet counts)? */
  function passes(item, state, skip) {
    if (skip !== "country" && state.country.length) {
      var hits = state.country.filter(function (c) { return item.country.indexOf(c) !== -1; });
      if (state.match === "all" ? hits.length < state.country.length : !hits.length) return false;
    }
    if (state.role && item.role.indexOf(state.role) === -1) return false;
    if (skip !== "type" && state.type.length && state.type.indexOf(item.type[0]) === -1) return false;
    if (state.tag && item.tags.indexOf(state.tag) === -1) return false;
    return item.year >= state.from && item.year <= state.to;
  }

  function plural(n) { return n + (n === 1 ? " event" : " events"); }

  function labelOf(name, value) {
    var input = form.querySelector('[name="' + name + '"][value="' + value + '"]');
    return input ? input.getAttribute("data-label") : value;
  }
  function optionText(name, value) {
    var select = form.elements[name];
    var option = select && Array.prototype.filter.call(select.options, function (o) { return o.value === value; })[0];
    return option ? option.textContent.replace(/\s*\(\d+\)$/, "") : value;
  }
  function join(words, last) {
    if (words.length < 2) return words.join("");
    return words.slice(0, -1).join(", ") + " " + last + " " + words[words.length - 1];
  }

  /* The filter in words: what the reader asked for, so the answer can be checked. */
  function describe(state, shown) {
    var parts = [];
    if (state.country.length) {
      var names = state.country.map(function (c) { return labelOf("country", c); });
      if (names.length === 1) parts.push("involving " + names[0]);
      else if (state.match === "all") parts.push("involving " + (names.length === 2 ? "both " : "all of ") + join(names, "and"));
      else parts.push("involving " + (names.length === 2 ? "either " : "any of ") + join(names, "or"));
    }
    if (state.role) parts.push("with " + optionText("role", state.role));
    if (state.type.length) {
      parts.push("of type " + join(state.type.map(function (t) { return labelOf("type", t); }), "or"));
    }
    if (state.tag) parts.push("tagged \u201c" + state.tag + "\u201d");
    if (state.from > firstYear || state.to < lastYear) {
      parts.push(state.from === state.to ? "in " + state.from : "from " + state.from + " to " + state.to);
    }
    return "Showing " + shown + " of " + plural(items.length) + " " + parts.join(", ") + ".";
  }

  function arrange(state) {
    document.body.classList.toggle("compact", state.compact);
    if (!list) return;
    var wanted = state.newest ? sections.slice().reverse() : sections;
    wanted.forEach(function (section) {
      list.appendChild(section);
      var articles = Array.prototype.slice.call(section.querySelectorAll("article.event-item"));
      if (state.newest) articles.reverse();
      articles.forEach(function (article) { section.appendChild(article); });
    });
  }

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
    yearLinks.forEach(function (link) {
      var a = link.tagName === "LI" ? link.querySelector("a") : link;
      var anchor = (a.getAttribute("href").split("#")[1]) || "";
      if (anchor in visibleYears) {
        if (link.tagName === "LI") link.hidden = visibleYears[anchor] === 0;
        else link.classList.toggle("filtered-out", visibleYears[anchor] === 0);
      }
    });
    counters.forEach(function (counter) {
      var parts = counter.getAttribute("data-count-for").split(":");
      var kind = parts[0], value = parts.slice(1).join(":");
      var n = items.filter(function (item) {
        return item[kind].indexOf(value) !== -1 && passes(item, state, kind);
      }).length;
      counter.textContent = "(" + n + ")";
    });
    arrange(state);
    var filtered = toQuery(state, false) !== "";
    status.textContent = filtered ? describe(state, shown) : "";
    document.body.classList.toggle("filtered", filtered);
    if (noResults) noResults.hidden = shown !== 0;
    if (updateUrl) {
      var query = toQuery(state, true);
      var url = location.pathname + (query ? "?" + query : "") + location.hash;
      try { history.replaceState(null, "", url); } catch (e) { /* the view still filters */ }
    }
  }

  panel.hidden = false;
  if (viewOptions) viewOptions.hidden = false;
  var initial = fromQuery(location.search);
  writeForm(initial);
  apply(initial, false);  // a shared link opens with the panel closed: the answer comes first

  form.addEventListener("change", function () { apply(readForm(), true); });
  form.addEventListener("submit", function (event) { event.preventDefault(); apply(readForm(), true); });
  form.addEventListener("reset", function () {
    setTimeout(function () { apply(readForm(), true); }, 0);
  });
  if (viewOptions) viewOptions.addEventListener("change", function () { apply(readForm(), true); });
  var clear = document.getElementById("no-results-clear");
  if (clear) clear.addEventListener("click", function () { form.reset(); panel.open = true; });
})();
