/* Full-text search over the events with MiniSearch, from a classic script that works
   from file:// as well as on the hosted site. Matched words are highlighted. */
(function () {
  "use strict";
  var form = document.getElementById("search-form");
  var input = document.getElementById("search-q");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var data = window.TIMELINE_SEARCH;
  if (!form || !data || !window.MiniSearch) {
    if (status) status.textContent = "Search could not be loaded.";
    return;
  }
  var MAX_RESULTS = 50;

  /* Lowercase, without accents, dotless ı read as i: "Zürich" and "zurich" match. */
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/\u0131/g, "i").toLowerCase();
  }

  var index = null;
  function buildIndex() {
    index = new window.MiniSearch({
      fields: data.fields,
      storeFields: data.stored,
      processTerm: function (term) { return fold(term); },
      searchOptions: {
        boost: { title: 3, people: 2, systems: 2, tags: 2, places: 1.5, summary: 1.5 },
        prefix: function (term, i, terms) { return i === terms.length - 1 && term.length > 2; },
        fuzzy: 0.15,
        combineWith: "AND"
      }
    });
    index.addAll(data.documents);
  }

  /* Wrap the words the result matched (result.terms, folded) in <mark>. */
  function highlight(parent, text, terms) {
    text.split(/([\p{L}\p{N}]+)/u).forEach(function (part, i) {
      var hit = i % 2 === 1 && terms.indexOf(fold(part)) !== -1;
      if (hit) {
        var mark = document.createElement("mark");
        mark.textContent = part;
        parent.appendChild(mark);
      } else if (part) {
        parent.appendChild(document.createTextNode(part));
      }
    });
  }

  function show(query) {
    list.textContent = "";
    query = query.trim();
    if (!query) { status.textContent = ""; return; }
    if (!index) buildIndex();
    var started = performance.now();
    var results = index.search(query);
    if (!results.length) results = index.search(query, { combineWith: "OR" });
    var took = Math.round(performance.now() - started);
    status.textContent = results.length
      ? results.length + (results.length === 1 ? " event matches" : " events match") + " “" + query + "”" +
        (results.length > MAX_RESULTS ? "; the best " + MAX_RESULTS + " are shown." : ".")
      : "No event matches “" + query + "”.";
    status.setAttribute("data-ms", String(took));
    results.slice(0, MAX_RESULTS).forEach(function (result) {
      var li = document.createElement("li");
      var heading = document.createElement("h2");
      var link = document.createElement("a");
      link.href = (list.getAttribute("data-base") || "") + result.url;
      highlight(link, result.title, result.terms);
      heading.appendChild(link);
      var meta = document.createElement("p");
      meta.className = "result-meta";
      meta.textContent = result.date + " · " + result.type;
      var summary = document.createElement("p");
      highlight(summary, result.summary, result.terms);
      li.appendChild(heading);
      li.appendChild(meta);
      li.appendChild(summary);
      list.appendChild(li);
    });
  }

  function remember(query) {
    var url = location.pathname + (query ? "?q=" + encodeURIComponent(query) : "");
    try { history.replaceState(null, "", url); } catch (e) { /* results still show */ }
  }

  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { show(input.value); remember(input.value.trim()); }, 120);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    show(input.value);
    remember(input.value.trim());
  });

  var initial = new URLSearchParams(location.search).get("q") || "";
  input.value = initial;
  if (initial) {
    status.textContent = "Searching…";
    setTimeout(function () { show(initial); }, 0);
  } else {
    input.focus();
  }
})();
