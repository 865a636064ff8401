"use strict";
// pathsum's page. One selection at a time: `state` says what is selected, and render(state)
// recomputes every note, highlight and text from DATA (made by pathsum in Python) from
// scratch, so nothing an earlier selection showed can survive it. This script computes no
// derivative: it only shows what DATA holds.
(function () {
  const DATA = JSON.parse(document.getElementById("pathsum-data").textContent);
  const $ = id => document.getElementById(id);
  const nodeGroup = v => $("node-" + v);
  const edgeGroup = e => $("edge-" + e);
  const names = DATA.names;
  let state = {kind: "initial"};

  // What the page shows for a state: a plain object, built from DATA only.
  function view(s) {
    const v = {notes: {}, seeds: [], hl: [], read: [], current: null, title: "Nothing selected",
               heading: null, rows: [], entry: null, term: null, stepper: null, said: "",
               terms: []};
    if (s.kind === "initial") {
      const first = DATA.initial;
      v.notes = first.notes; v.seeds = first.seeds; v.hl = first.edges; v.title = first.title;
    } else if (s.kind === "sweep") {
      const sweep = DATA.sweeps[s.dir][s.seed];
      v.seeds = [s.seed]; v.title = sweep.title; v.heading = sweep.heading;
      v.stepper = {at: s.step, of: sweep.steps.length, unit: "step"};
      if (s.step === null) {
        sweep.notes.forEach((text, node) => { v.notes[node] = [text]; });
        v.rows = sweep.values.map((value, node) => [node, value]);
        v.said = sweep.title + ": " + sweep.mul + " mul, " + sweep.add + " add in all";
      } else {
        for (const done of sweep.steps.slice(0, s.step + 1)) {
          v.notes[done.node] = [done.note];
          v.rows.push([done.node, done.value]);
        }
        const now = sweep.steps[s.step];
        v.current = now.node; v.read = now.terms.map(t => t.edge); v.said = now.said;
        v.terms = now.terms;
      }
    } else if (s.kind === "entry") {
      const entry = DATA.entries[s.k];
      v.entry = s.k; v.term = s.term; v.title = entry.head + " = " + entry.value;
      v.hl = s.term === null ? entry.edges : entry.terms[s.term].edges;
      if (entry.terms.length) v.stepper = {at: s.term, of: entry.terms.length, unit: "path"};
    }
    return v;
  }

  // Each node is drawn with DATA.notes_per_node lines of room at the end of its label, as
  // wide as the widest note any selection writes there: a note fills them in place.
  function room(v) {
    const lines = [...nodeGroup(v).querySelectorAll("text")];
    return lines.slice(lines.length - DATA.notes_per_node);
  }

  function note(v, lines) {
    room(v).forEach((t, i) => { t.textContent = lines[i] || ""; });
  }

  function cells(row, tag, texts) {
    for (const text of texts) {
      const cell = document.createElement(tag);
      cell.textContent = text;
      row.appendChild(cell);
    }
  }

  function showSweep(v) {
    const table = $("sweep");
    table.replaceChildren();
    if (v.heading === null) return;
    cells(table.insertRow(), "th", ["node", v.heading]);
    for (const [node, value] of v.rows) {
      const row = table.insertRow();
      if (node === v.current) row.className = "current";
      cells(row, "td", [names[node], value]);
    }
  }

  function showStep(v) {
    $("step-said").textContent = v.said;
    const table = $("step-terms");
    table.replaceChildren();
    if (!v.terms.length) return;
    cells(table.insertRow(), "th", ["edge read", "partial", "× value", "= term", "running sum"]);
    for (const t of v.terms) {
      const factor = t.factor === null ? "(seed: 1)" : t.factor;
      const row = [DATA.edge_names[t.edge], t.partial, factor, t.term, t.sum];
      cells(table.insertRow(), "td", row);
    }
  }

  function showStepper(v) {
    const box = $("stepper");
    box.hidden = v.stepper === null;
    if (v.stepper === null) return;
    const {at, of, unit} = v.stepper;
    $("prev").disabled = at === 0;
    $("next").disabled = at === of - 1;
    $("step-at").textContent = at === null
      ? "all " + of + " " + unit + "s: Next shows them one at a time"
      : unit + " " + (at + 1) + " of " + of;
  }

  function showEntry(v) {
    $("entry").hidden = v.entry === null;
    const list = $("terms");
    const hadFocus = list.contains(document.activeElement);
    list.replaceChildren();
    if (v.entry === null) return;
    $("entry-" + v.entry).classList.add("on");
    const entry = DATA.entries[v.entry];
    $("paths").textContent = entry.explain;
    entry.terms.forEach((term, i) => {
      const button = document.createElement("button");
      button.type = "button";
      button.id = "term-" + i;
      button.textContent = "[" + term.name + "] " + term.factors + " = " + term.value;
      if (i === v.term) button.classList.add("on");
      button.addEventListener("click", () => render({kind: "entry", k: v.entry, term: i}));
      const item = document.createElement("li");
      item.appendChild(button);
      list.appendChild(item);
    });
    $("path-cost").textContent = entry.path_cost;
    $("sweep-value").textContent = entry.sweep_value;
    $("sweep-costs").replaceChildren(...entry.sweep_costs.map(text => {
      const item = document.createElement("li");
      item.textContent = text;
      return item;
    }));
    if (hadFocus && v.term !== null) $("term-" + v.term).focus();
  }

  function render(s) {
    state = s;
    const v = view(s);
    names.forEach((_, node) => note(node, v.notes[node] || []));
    for (const cls of ["seed", "hl", "read", "current", "on"]) {
      document.querySelectorAll("." + cls).forEach(el => el.classList.remove(cls));
    }
    v.seeds.forEach(node => nodeGroup(node).classList.add("seed"));
    v.hl.forEach(e => edgeGroup(e).classList.add("hl"));
    v.read.forEach(e => edgeGroup(e).classList.add("read"));
    if (v.current !== null) nodeGroup(v.current).classList.add("current");
    $("sweep-title").textContent = v.title;
    showSweep(v);
    showStep(v);
    showStepper(v);
    showEntry(v);
    document.body.dataset.renders = String(Number(document.body.dataset.renders || 0) + 1);
  }

  function step(delta) {
    const stepper = view(state).stepper;
    if (stepper === null) return;
    const {at, of} = stepper;
    const to = at === null ? (delta > 0 ? 0 : of - 1) : Math.min(of - 1, Math.max(0, at + delta));
    render(state.kind === "sweep" ? {...state, step: to} : {...state, term: to});
  }

  function selectable(element, label, select) {
    element.setAttribute("tabindex", "0");
    element.setAttribute("role", "button");
    element.setAttribute("aria-label", label);
    element.addEventListener("click", select);
    element.addEventListener("keydown", event => {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        event.stopPropagation();
        select();
      }
    });
  }

  names.forEach((_, node) => room(node).forEach(t => t.classList.add("sweep")));
  for (const [dir, seeds] of [["forward", DATA.inputs], ["reverse", DATA.outputs]]) {
    for (const seed of seeds) {
      const g = nodeGroup(seed);
      g.classList.add("clickable");
      selectable(g, dir + " sweep from " + names[seed],
                 () => render({kind: "sweep", dir: dir, seed: seed, step: null}));
    }
  }
  const table = $("jacobian");
  const head = table.insertRow();
  head.appendChild(document.createElement("th"));
  cells(head, "th", DATA.inputs.map(x => "d·/d" + names[x]));
  let k = 0;
  for (const y of DATA.outputs) {
    const row = table.insertRow();
    cells(row, "th", ["d" + names[y]]);
    for (const x of DATA.inputs) {
      const cell = row.insertCell();
      const mine = k;
      cell.id = "entry-" + mine;
      cell.textContent = DATA.entries[mine].value;
      selectable(cell, DATA.entries[mine].head, () => render({kind: "entry", k: mine, term: null}));
      k += 1;
    }
  }
  $("prev").addEventListener("click", () => step(-1));
  $("next").addEventListener("click", () => step(1));
  document.addEventListener("keydown", event => {
    const delta = {ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1}[event.key];
    if (delta !== undefined && view(state).stepper !== null) {
      event.preventDefault();
      step(delta);
    } else if (event.key === "Escape") {
      render({kind: "none"});
    }
  });
  render(state);
})();
