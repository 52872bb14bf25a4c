/* cadregraph site: sortable tables, the search box, the networks (vis-network).
 * Offline by design: everything comes from files of this site, nothing from the network.
 * Text from articles reaches the page only through textContent (never innerHTML), and
 * page data is read with JSON.parse from <script type="application/json"> blocks. */
(function () {
  "use strict";
  var root = document.body.getAttribute("data-root") || "";
  var TYPES = {
    person: { vi: "Nhân sự", shape: "dot", color: "#2b6cb0" },
    body: { vi: "Cơ quan", shape: "square", color: "#2f855a" },
    meeting: { vi: "Hội nghị", shape: "diamond", color: "#dd6b20" },
    directive: { vi: "Văn bản", shape: "triangle", color: "#805ad5" },
    article: { vi: "Bài viết", shape: "dot", color: "#718096" }
  };
  var ORDER = { person: 0, body: 1, meeting: 2, directive: 3, article: 4 };
  var EDGE_COLORS = { post: "#2f855a", attendee: "#2b6cb0", organizer: "#dd6b20", discusses: "#805ad5",
                      implements: "#b83280", issuer: "#805ad5", sub: "#718096" };

  /* "Đào Phú THÙY" -> "dao phu thuy": no diacritics, lower case, single spaces */
  function fold(s) {
    return String(s || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d")
      .replace(/Đ/g, "D").toLowerCase().replace(/\s+/g, " ").trim();
  }
  function each(list, f) { Array.prototype.forEach.call(list, f); }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  /* -- tables that sort by a column when its header is clicked ------------------------ */
  function cellValue(td, kind) {
    if (!td) return "";
    if (td.hasAttribute("data-v")) return td.getAttribute("data-v");
    if (kind === "date") { var t = td.querySelector("time"); return t ? t.getAttribute("datetime") : ""; }
    return td.textContent.trim();
  }
  function sortable(table) {
    var heads = table.tHead.rows[0].cells;
    each(heads, function (th, i) {
      var kind = th.getAttribute("data-sort");
      if (!kind) return;
      function go() {
        var asc = th.getAttribute("aria-sort") !== "ascending";
        each(heads, function (o) { if (o.hasAttribute("data-sort")) o.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", asc ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = cellValue(a.cells[i], kind), y = cellValue(b.cells[i], kind), c;
          if (kind === "num") {
            c = (parseFloat(x) || 0) - (parseFloat(y) || 0);
          } else if (kind === "date") {
            if (!x || !y) return x === y ? 0 : (x ? -1 : 1); /* undated last, either way */
            c = x < y ? -1 : x > y ? 1 : 0;
          } else {
            c = fold(x) < fold(y) ? -1 : fold(x) > fold(y) ? 1 : 0;
          }
          return asc ? c : -c;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      }
      th.addEventListener("click", go);
      th.addEventListener("keydown", function (e) {
        if (e.key === "Enter" || e.key === " ") { e.preventDefault(); go(); }
      });
    });
  }

  /* -- search: every page has the box; the index is a script of this site, loaded on first use */
  var pending = null;
  function withIndex(done) {
    if (window.cgSearch) { done(window.cgSearch); return; }
    if (pending) { pending.push(done); return; }
    pending = [done];
    var s = document.createElement("script");
    s.src = root + "assets/search-index.js";
    s.onload = function () { var p = pending; pending = null; p.forEach(function (f) { f(window.cgSearch || []); }); };
    document.head.appendChild(s);
  }
  function find(items, query) {
    var q = fold(query);
    var words = q.split(" ").filter(Boolean);
    if (!words.length) return [];
    var hits = [];
    items.forEach(function (it) {
      var hay = it.f + " " + it.x;
      for (var i = 0; i < words.length; i++) if (hay.indexOf(words[i]) < 0) return;
      var inName = words.every(function (w) { return it.f.indexOf(w) >= 0; });
      var score = it.f === q ? 0 : it.f.indexOf(q) === 0 ? 1 : it.f.indexOf(q) >= 0 ? 2 : inName ? 3 : 4;
      hits.push([score, it]);
    });
    hits.sort(function (a, b) {
      return a[0] - b[0] || ORDER[a[1].t] - ORDER[b[1].t] || (a[1].f < b[1].f ? -1 : a[1].f > b[1].f ? 1 : 0);
    });
    return hits.slice(0, 30).map(function (h) { return h[1]; });
  }
  function searchBox(box) {
    var input = box.querySelector("input.q"), list = box.querySelector("ol.results");
    var active = -1;
    function show(items) {
      list.textContent = "";
      active = -1;
      if (!input.value.trim()) { list.hidden = true; return; }
      if (!items.length) {
        list.appendChild(el("li", "none", "Không tìm thấy (nothing found)"));
      }
      items.forEach(function (it) {
        var li = el("li"), a = el("a");
        a.href = root + it.u;
        a.appendChild(el("span", "badge t-" + it.t, (TYPES[it.t] || {}).vi || it.t));
        a.appendChild(el("span", "name", it.l));
        if (it.d) a.appendChild(el("span", "detail", it.d));
        li.appendChild(a);
        list.appendChild(li);
      });
      list.hidden = false;
    }
    function update() {
      var v = input.value;
      withIndex(function (items) { if (input.value === v) show(find(items, v)); });
    }
    input.addEventListener("input", update);
    input.addEventListener("focus", function () { withIndex(function () {}); if (input.value) update(); });
    input.addEventListener("keydown", function (e) {
      var links = list.querySelectorAll("a");
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        e.preventDefault();
        if (!links.length) return;
        active = (active + (e.key === "ArrowDown" ? 1 : links.length - 1) + links.length) % links.length;
        each(links, function (a, i) { a.classList.toggle("active", i === active); });
      } else if (e.key === "Enter") {
        e.preventDefault();
        var target = links[active >= 0 ? active : 0];
        if (target) location.href = target.href;
      } else if (e.key === "Escape") {
        list.hidden = true;
      }
    });
    document.addEventListener("click", function (e) { if (!box.contains(e.target)) list.hidden = true; });
  }

  /* -- networks ------------------------------------------------------------------------ */
  var typeLabels = {}; /* kind -> its label, the first line of a node's tooltip after the name */
  function tip(text) { return el("div", "tip", text); } /* plain text: never parsed as HTML */
  /* a page's network comes packed (exports/site_network.py, packed): nodes as
   * [id, label, type, info, depth, url], link titles as indexes into titles */
  function unpack(net) {
    return {
      nodes: net.nodes.map(function (a) {
        return { id: a[0], label: a[1], type: a[2], info: a[3], depth: a[4], url: a[5] };
      }),
      edges: net.edges.map(function (a) { return [a[0], a[1], a[2], net.titles[a[3]], a[4]]; }),
      center: net.center
    };
  }
  /* links come as [from, to, kind, title, width, first, last], from and to indexes of nodes */
  function links(nodes, list) {
    return list.map(function (a) {
      return { from: nodes[a[0]].id, to: nodes[a[1]].id, kind: a[2], title: a[3], width: a[4], first: a[5], last: a[6] };
    });
  }
  function url(n) { return n.url || n.id + ".html"; }
  function short(s, n) { return s.length > n ? s.slice(0, n - 1) + "…" : s; }
  function visNode(n, center) {
    var t = TYPES[n.type] || TYPES.article;
    var size = n.id === center ? 22 : n.depth === 2 ? 9 : (n.degree ? 8 + Math.min(n.degree, 30) / 2 : 14);
    return {
      id: n.id, label: short(n.label, 30), shape: t.shape, size: size, url: url(n),
      title: tip([n.label, typeLabels[n.type], n.info].filter(Boolean).join("\n")),
      color: { background: t.color, border: n.id === center ? "#1a202c" : t.color,
               highlight: { background: t.color, border: "#1a202c" },
               hover: { background: t.color, border: "#1a202c" } },
      borderWidth: n.id === center ? 3 : 1,
      font: { size: n.id === center ? 18 : n.depth === 2 ? 11 : 14, color: "#1a202c",
              strokeWidth: 3, strokeColor: "#ffffff" }
    };
  }
  function visEdge(e, i) {
    return { id: i, from: e.from, to: e.to, title: tip(e.title), width: e.width || 1, dashes: e.kind === "sub",
             color: { color: EDGE_COLORS[e.kind] || "#a0aec0", opacity: 0.55,
                      highlight: "#1a202c", hover: "#1a202c" } };
  }
  function draw(container, nodes, edges, center) {
    var big = nodes.length > 150;
    var options = {
      autoResize: true,
      layout: { improvedLayout: !big, randomSeed: 7 },
      physics: big ? { solver: "barnesHut",
                       barnesHut: { gravitationalConstant: -4000, springLength: 140, damping: 0.3 },
                       stabilization: { iterations: 250, updateInterval: 50, fit: true } }
                   : { solver: "forceAtlas2Based", forceAtlas2Based: { gravitationalConstant: -60, springLength: 100 },
                       stabilization: { iterations: 300, fit: true } },
      interaction: { hover: true, tooltipDelay: 120, navigationButtons: false, keyboard: false },
      edges: { smooth: false }
    };
    var dsNodes = new vis.DataSet(nodes.map(function (n) { return visNode(n, center); }));
    var network = new vis.Network(container, { nodes: dsNodes, edges: new vis.DataSet(edges.map(visEdge)) }, options);
    container.removeAttribute("data-ready");
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: false }); /* settled: the drawing stays still */
      network.fit();
      container.setAttribute("data-ready", "1");
    });
    network.on("click", function (p) {
      if (!p.nodes.length) return;
      var n = dsNodes.get(p.nodes[0]);
      if (n && n.url && n.id !== center) location.href = root + n.url;
    });
    network.on("hoverNode", function () { container.style.cursor = "pointer"; });
    network.on("blurNode", function () { container.style.cursor = ""; });
    window.cgNetwork = network;
    window.cgNodes = dsNodes;
    return network;
  }

  function overview(container) {
    var data = window.cgOverview, form = document.getElementById("filters"), shown = document.getElementById("shown");
    if (!data || !form) return;
    typeLabels = data.types || {};
    var select = form.elements.body;
    data.bodies.forEach(function (b) { var o = el("option", "", b[1]); o.value = b[0]; select.appendChild(o); });
    var network = null, byId = {}, all = links(data.nodes, data.edges);
    data.nodes.forEach(function (n) { byId[n.id] = n; });
    function under(body) { /* the body and every body under it */
      var found = {}, todo = [body];
      while (todo.length) {
        var b = todo.pop();
        if (found[b]) continue;
        found[b] = true;
        (data.children[b] || []).forEach(function (c) { todo.push(c); });
      }
      return found;
    }
    function inPeriod(first, last, from, to) {
      return !(to && first && first > to) && !(from && last && last < from);
    }
    function render() {
      var types = {};
      each(form.querySelectorAll("input[name=type]"), function (c) { types[c.value] = c.checked; });
      var from = form.elements.from.value, to = form.elements.to.value, body = select.value;
      var limit = Math.max(10, parseInt(form.elements.limit.value, 10) || data.limit);
      var keep = {}, dated = from || to;
      data.nodes.forEach(function (n) {
        if (!types[n.type]) return;
        if (dated && !(n.first && inPeriod(n.first, n.last, from, to))) return;
        keep[n.id] = true;
      });
      var edges = all.filter(function (e) { return !dated || !e.first || inPeriod(e.first, e.last, from, to); });
      if (dated) { /* undated entities (bodies, documents) linked to what the period keeps */
        var linked = {};
        edges.forEach(function (e) {
          [[e.from, e.to], [e.to, e.from]].forEach(function (pair) {
            var other = byId[pair[1]];
            if (keep[pair[0]] && other && types[other.type] && !other.first) linked[pair[1]] = true;
          });
        });
        Object.keys(linked).forEach(function (id) { keep[id] = true; });
      }
      if (body) {
        var scope = under(body), near = {};
        Object.keys(scope).forEach(function (b) { near[b] = true; });
        edges.forEach(function (e) {
          if (scope[e.from]) near[e.to] = true;
          if (scope[e.to]) near[e.from] = true;
        });
        Object.keys(keep).forEach(function (id) { if (!near[id]) delete keep[id]; });
      }
      var nodes = data.nodes.filter(function (n) { return keep[n.id]; });
      var total = nodes.length;
      nodes = nodes.slice(0, limit); /* the most connected first */
      var drawn = {};
      nodes.forEach(function (n) { drawn[n.id] = true; });
      edges = edges.filter(function (e) { return drawn[e.from] && drawn[e.to]; });
      shown.textContent = "Đang vẽ " + nodes.length + " / " + total + " thực thể, " + edges.length +
        " liên kết (drawing " + nodes.length + " of " + total + " entities, " + edges.length + " links)";
      if (network) network.destroy();
      network = draw(container, nodes, edges, null);
    }
    form.addEventListener("change", render);
    form.addEventListener("submit", function (e) { e.preventDefault(); render(); });
    render();
  }

  function init() {
    each(document.querySelectorAll("table.sortable"), sortable);
    each(document.querySelectorAll("header .search"), searchBox);
    var container = document.getElementById("network");
    var block = document.getElementById("cg-data");
    if (!container || !block || typeof vis === "undefined") return;
    var data = JSON.parse(block.textContent), net;
    if (data.network) {
      typeLabels = data.network.types || {};
      net = unpack(data.network);
      draw(container, net.nodes, links(net.nodes, net.edges), net.center);
    } else if (data.overview) overview(container);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
