/* Full-text search over the events with MiniSearch, from a classic script that works
   from file:// as well as on the hosted site. The index was built with the site
   (exports/search_data.py), so the page only loads it. Every hit shows the words it
   matched: in its title or summary, or else in a line quoting the field that matched. */
(function () {
  "use strict";

  /* Words and their folding: exports/search_data.py does the same (tokenize, fold). */
  var WORD = /[\p{L}\p{M}\p{N}]+/gu;
  function tokenize(text) { return text.match(WORD) || []; }
  /* Lowercase, without accents, dotless ı read as i: "Zürich" and "zurich" match. */
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/\u0131/g, "i").toLowerCase();
  }

  function options(data) {
    return {
      fields: data.fields,
      tokenize: tokenize,
      processTerm: function (term) { return fold(term); },
      searchOptions: {
        boost: { title: 3, people: 2, systems: 2, tags: 2, places: 1.5, summary: 1.5 },
        prefix: function (term, i, terms) { return i === terms.length - 1 && term.length > 2; },
        fuzzy: 0.15,
        combineWith: "AND"
      }
    };
  }

  var data = window.TIMELINE_SEARCH;
  /* For the tests: the options, so that an index built in a browser can be compared. */
  window.TimelineSearch = { options: options, tokenize: tokenize, fold: fold };

  var form = document.getElementById("search-form");
  var input = document.getElementById("search-q");
  var order = document.getElementById("search-order");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  if (!form || !data || !window.MiniSearch) {
    if (status) status.textContent = "Search could not be loaded.";
    return;
  }
  var MAX_RESULTS = 50;
  var SNIPPET_BEFORE = 10, SNIPPET_AFTER = 18;  /* words around a match in the text */
  /* The fields a hit may have matched outside its title and summary, as shown. */
  var LABELS = { people: "People", systems: "Equipment", places: "Places", tags: "Tags",
                 type: "Type", body: "Text", sources: "Sources" };
  var ORDERS = { relevance: null, oldest: 1, newest: -1 };

  /* The index, and every event's texts as rows (data.row names the columns). */
  var index = null, rows = null;
  function load() {
    index = window.MiniSearch.loadJSON(data.index, options(data));
    rows = JSON.parse(data.rows);
    window.TimelineSearch.index = index;
    window.TimelineSearch.documents = function () { return rows.map(record); };
  }
  function record(row, id) {
    var doc = { id: id };
    data.row.forEach(function (name, column) { doc[name] = row[column]; });
    return doc;
  }

  /* Append text to parent, the words that fold to one of terms wrapped in <mark>. */
  function highlight(parent, text, terms) {
    var last = 0;
    text.replace(WORD, function (word, at) {
      if (terms.indexOf(fold(word)) !== -1) {
        if (at > last) parent.appendChild(document.createTextNode(text.slice(last, at)));
        var mark = document.createElement("mark");
        mark.textContent = word;
        parent.appendChild(mark);
        last = at + word.length;
      }
      return word;
    });
    if (last < text.length) parent.appendChild(document.createTextNode(text.slice(last)));
  }

  /* The words around the first match in a long text, with ellipses where it was cut. */
  function snippet(text, terms) {
    var words = text.split(/\s+/);
    var at = words.findIndex(function (w) {
      return tokenize(w).some(function (t) { return terms.indexOf(fold(t)) !== -1; });
    });
    if (at < 0) return text;
    var start = Math.max(0, at - SNIPPET_BEFORE), end = Math.min(words.length, at + SNIPPET_AFTER);
    return (start > 0 ? "… " : "") + words.slice(start, end).join(" ") +
      (end < words.length && words[words.length - 1] !== "…" ? " …" : "");
  }

  /* Where the result matched: title and summary, or else the first other field. */
  function matchedFields(result) {
    var fields = {};
    Object.keys(result.match).forEach(function (term) {
      result.match[term].forEach(function (field) { fields[field] = true; });
    });
    return fields;
  }

  function item(result) {
    var doc = record(rows[result.id], result.id);
    var li = document.createElement("li");
    var heading = document.createElement("h2");
    var link = document.createElement("a");
    link.href = (list.getAttribute("data-base") || "") + doc.url;
    highlight(link, doc.title, result.terms);
    heading.appendChild(link);
    var meta = document.createElement("p");
    meta.className = "result-meta";
    meta.textContent = doc.date + " · " + doc.type;
    var summary = document.createElement("p");
    highlight(summary, doc.summary, result.terms);
    li.appendChild(heading);
    li.appendChild(meta);
    li.appendChild(summary);
    var fields = matchedFields(result);
    if (!fields.title && !fields.summary) {
      var field = Object.keys(LABELS).filter(function (f) { return fields[f]; })[0];
      if (field) {
        var why = document.createElement("p");
        why.className = "result-why";
        var label = document.createElement("span");
        label.className = "result-field";
        label.textContent = LABELS[field] + ": ";
        why.appendChild(label);
        var text = field === "body" ? snippet(doc.body, result.terms) : doc[field];
        highlight(why, text, result.terms);
        li.appendChild(why);
      }
    }
    return li;
  }

  function chosenOrder() {
    return order && ORDERS.hasOwnProperty(order.value) ? order.value : "relevance";
  }

  function show(query) {
    query = query.trim();
    if (!query) { list.textContent = ""; status.textContent = ""; return; }
    if (!index) load();
    var started = performance.now();
    var results = index.search(query);
    if (!results.length) results = index.search(query, { combineWith: "OR" });
    var direction = ORDERS[chosenOrder()];
    /* A document's id is its place in the timeline, so ids sort by date. */
    if (direction) results.sort(function (a, b) { return direction * (a.id - b.id); });
    var took = performance.now() - started;
    var shown = document.createDocumentFragment();
    results.slice(0, MAX_RESULTS).forEach(function (result) { shown.appendChild(item(result)); });
    list.textContent = "";
    list.appendChild(shown);
    var cut = direction ? "; the first " + MAX_RESULTS + " by date are shown." :
      "; the best " + MAX_RESULTS + " are shown.";
    status.textContent = results.length
      ? results.length + (results.length === 1 ? " event matches" : " events match") + " “" + query + "”" +
        (results.length > MAX_RESULTS ? cut : ".")
      : "No event matches “" + query + "”.";
    status.setAttribute("data-ms", took.toFixed(2));
  }

  function remember(query) {
    var params = new URLSearchParams();
    if (query) params.set("q", query);
    if (chosenOrder() !== "relevance") params.set("order", chosenOrder());
    var search = params.toString();
    try { history.replaceState(null, "", location.pathname + (search ? "?" + search : "")); }
    catch (e) { /* results still show */ }
  }

  function update() { show(input.value); remember(input.value.trim()); }
  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(update, 120);
  });
  if (order) order.addEventListener("change", update);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(timer);
    update();
  });

  var params = new URLSearchParams(location.search);
  var initial = params.get("q") || "";
  if (order && ORDERS.hasOwnProperty(params.get("order"))) order.value = params.get("order");
  input.value = initial;
  if (initial) {
    show(initial);
  } else {
    input.focus();
    /* Load the index once the page is shown, so that the first query is answered at once. */
    setTimeout(function () { if (!index) load(); }, 0);
  }
})();
