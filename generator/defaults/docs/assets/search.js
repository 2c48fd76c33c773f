// The header search box, answered from the site's Pagefind index (generator/site/search.py).
// Nothing is loaded until the reader focuses the box; then only the index chunks a query needs.
// Result text is rebuilt from text nodes and <mark> only: no markup from the index reaches the page.
const root = document.querySelector("[data-dc-search]");
const configText = document.getElementById("__config");
if (root && configText) {
  const config = JSON.parse(configText.textContent);
  const base = new URL(config.base, location.href);
  const t = config.translations;
  const toggle = document.getElementById("__search");
  const input = root.querySelector(".md-search__input");
  const meta = root.querySelector(".md-search-result__meta");
  const list = root.querySelector(".md-search-result__list");
  const facets = root.querySelector(".dc-facets");
  const facetList = root.querySelector(".dc-facets__list");
  const moreBox = root.querySelector(".dc-search-more");
  const chosen = {};
  let seq = 0, timer = null, typedAt = 0;

  // Marks in the page's timeline (benchmarks/site.py reads them): where a cold first query spends its time.
  const mark = (name, detail) => performance.mark("dc-search-" + name, { detail });
  const file = name => new URL("pagefind/" + name, base);
  // Words so many records hold that Pagefind takes long to score them alone (generator/site/search.py).
  let broad = [];

  // A failed import stays failed under its address: another attempt asks under another.
  let script = null, failedImports = 0;
  const imported = () => script ??= import(file("pagefind.js" + (failedImports ? "?" + failedImports : "")).href)
    .catch(e => { script = null; failedImports++; throw e; });

  // Pagefind stopped after a failure, its worker ended: a new start must not reach the old one.
  let stopped = Promise.resolve();
  const stop = pf => { stopped = pf.destroy().catch(() => {}); };

  async function start() {
    mark("load");
    const words = fetch(file("broad-words.json")).then(r => r.ok ? r.json() : []).catch(() => []);
    const pf = await imported();
    await stopped;
    try {
      await pf.options({ baseUrl: base.pathname });
      await pf.init();
      // A query of one punctuation mark has no word: it fetches no index chunk, but waits for the index
      // metadata and the WebAssembly and makes the worker's word splitter once, while the reader types.
      await pf.preload(".");
    } catch (e) {
      stop(pf);  // its worker keeps a failed fetch for good: the next attempt starts a new one
      throw e;
    }
    const list = await words;
    broad = Array.isArray(list) ? list.filter(w => typeof w === "string") : [];
    mark("ready");
    return pf;
  }
  // Pagefind once started, or null when a fetch failed: then nothing is kept, and the reader's next key or
  // focus starts it again. No promise is left waiting on a failure, and none is rejected unhandled.
  let pagefind = null;
  const load = () => (pagefind ??= start().catch(() => {
    pagefind = null;
    mark("failed");
    return null;
  }));
  // A fetch that fails later (an index chunk) is kept failed by Pagefind too: start afresh at the next query.
  function forget(pf) {
    pagefind = null;
    stop(pf);
  }
  function unavailable() {
    list.replaceChildren();
    list.setAttribute("aria-busy", "false");
    moreBox.hidden = true;
    meta.textContent = "Search could not load. Type again to retry.";
  }
  const open = on => { toggle.checked = on; toggle.dispatchEvent(new Event("change")); };
  const el = (tag, cls, text) => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  };
  const filters = () => Object.fromEntries(Object.entries(chosen).filter(([, v]) => v));

  function excerpt(markup) {
    const p = el("p");
    const parsed = new DOMParser().parseFromString(`<body>${markup}</body>`, "text/html").body;
    parsed.childNodes.forEach(n => p.append(n.nodeName === "MARK" ? el("mark", null, n.textContent)
                                                                   : document.createTextNode(n.textContent)));
    return p;
  }

  function item(d) {
    const li = el("li", "md-search-result__item");
    const a = el("a", "md-search-result__link");
    a.href = d.url;
    a.tabIndex = -1;
    const article = el("article", "md-search-result__article md-typeset");
    const title = el("h1", null, d.meta.title || d.url);
    if (d.meta.kind && d.meta.kind !== "Page") title.prepend(el("span", "dc-result-kind", d.meta.kind + " · "));
    article.append(el("div", "md-search-result__icon md-icon"), title, excerpt(d.excerpt));
    a.append(article);
    li.append(a);
    return li;
  }

  // Chinese has no spaces. Pagefind splits a query into words by the page's language, English here, which
  // leaves a Chinese run whole, and a run like 乌鲁木齐华鑫 is a prefix of no word the index holds. Split by
  // the browser's Chinese word splitter, the query's words are those the index holds: 乌鲁木齐 华 鑫.
  const HAN = /\p{Script=Han}/u;
  const splitter = typeof Intl.Segmenter === "function" ? new Intl.Segmenter("zh", { granularity: "word" }) : null;
  const chineseWords = term => splitter && HAN.test(term)
    ? Array.from(splitter.segment(term), s => s.segment.trim()).filter(Boolean) : null;
  const spaced = term => chineseWords(term)?.join(" ") ?? term;
  // A query of broad words only (乌鲁木齐, Urumqi, or the start of one while it is typed) matches thousands of
  // records, and Pagefind's WebAssembly takes long to score them: it cannot be stopped, and the next query
  // waits behind it. With one word more (乌鲁木齐 云天) Pagefind scores only the records holding both, a few.
  // So a broad query is searched only once the reader stops typing, or presses Enter.
  const queryWords = term => chineseWords(term) ?? term.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const isBroad = word => {
    const w = word.toLowerCase();
    return (!HAN.test(w) && w.length < 3) || broad.some(b => b.startsWith(w));
  };
  // The browser splits a name it does not know into its characters (乌鲁 as 乌 鲁, 华鑫 as 华 鑫): characters side by
  // side are read back as one word here. A lone character is part of very many names, as one or two Latin letters
  // are: 乌鲁木齐 云, typed on the way to 乌鲁木齐 云天, scores hundreds of results; two (云 天) narrow it as a name does.
  const lone = word => HAN.test(word) && [...word].length === 1;
  const runs = words => words.reduce((out, w) => {
    if (lone(w) && out.at(-1)?.lone) out.at(-1).text += w;
    else out.push({ text: w, lone: lone(w) });
    return out;
  }, []);
  const onlyBroad = term => runs(queryWords(term)).every(r => isBroad(r.text) || lone(r.text));
  const BROAD_PAUSE = 700;
  // Pagefind ranks by how often the words appear, not where: 乌鲁木齐华丰 · 喀什宏鑫 holds 乌鲁木齐, 华 and 鑫
  // too. The index places a Chinese word at the offset of its first character, so the query's words stand
  // side by side where each starts as many places after the one before as that one has characters; those
  // results come first, each group in Pagefind's order. A result's places do not say which word is at each,
  // so two one-character words the other way round (鑫华 for 华鑫) count as side by side too.
  function together(words, places) {
    const at = new Set(places);
    const steps = words.slice(0, -1).map(w => [...w].length);
    return places.some(start => {
      let next = start;
      return steps.every(n => at.has(next += n));
    });
  }
  function sideBySideFirst(term, results) {
    const words = chineseWords(term);
    if (!words || words.length < 2 || !words.every(w => HAN.test(w))) return results;
    const near = results.map(r => together(words, r.words));
    return [...results.filter((_, i) => near[i]), ...results.filter((_, i) => !near[i])];
  }

  // A page of results at a time: each result is a fragment to fetch, and the reader waits for the first ones only.
  const PAGE = 5;
  let shown = [], showing = 0;

  async function more(id) {
    const page = shown.slice(showing, showing + PAGE);
    showing += page.length;
    moreBox.hidden = showing >= shown.length;  // decided now: a focused button stays where it is
    // Fetched together, shown in rank order as soon as each and those above it have arrived.
    // A fragment that cannot be fetched ends the page there.
    const loading = page.map(r => r.data().catch(() => null));
    for (const next of loading) {
      const d = await next;
      if (id !== seq) return;  // a newer query has been typed
      if (!d) break;
      list.append(item(d));
      if (list.childElementCount === 1) mark("first");
    }
    list.setAttribute("aria-busy", "false");
  }

  // One Pagefind search at a time: a query typed while one runs waits for it, and only the last such query runs.
  let running = false, next = null;
  async function run(query) {
    clearTimeout(timer);
    timer = null;
    next = query;
    if (running) return;
    running = true;
    try {
      while (next !== null) {
        const q = next;
        next = null;
        await search(q);
      }
    } finally {
      running = false;
    }
  }

  async function search(query) {
    const id = ++seq;
    const term = query.trim();
    const narrowed = Object.keys(filters()).length > 0;
    if (!term && !narrowed) {
      list.replaceChildren();
      list.setAttribute("aria-busy", "false");
      moreBox.hidden = true;
      meta.textContent = t["search.result.placeholder"];
      return;
    }
    list.setAttribute("aria-busy", "true");
    mark("run");
    const pf = await load();
    const asked = spaced(term) || null;
    const found = pf && await pf.search(asked, { filters: filters() }).catch(() => forget(pf));
    if (!found) {
      if (id === seq && next === null) unavailable();
      return;
    }
    // What Pagefind was asked and how many results it scored (tests and benchmarks/site.py read these)
    mark("found", { query: asked, results: found.results.length });
    if (id !== seq || next !== null) return;
    const n = found.results.length;
    meta.textContent = n === 0 ? t["search.result.none"] : n === 1 ? t["search.result.one"]
                                                             : t["search.result.other"].replace("#", n);
    list.replaceChildren();
    moreBox.hidden = true;
    shown = sideBySideFirst(term, found.results);
    showing = 0;
    await more(id);
  }

  async function showFacets() {
    if (facetList.childElementCount) return;
    const pf = await load();
    const all = pf && await pf.filters().catch(() => null);
    if (!all || facetList.childElementCount) return;
    for (const [name, values] of Object.entries(all)) {
      const label = el("label", "dc-facet", name.charAt(0).toUpperCase() + name.slice(1) + " ");
      const select = el("select");
      select.dataset.filter = name;
      select.append(el("option", null, "any"));
      select.options[0].value = "";
      for (const [value, count] of Object.entries(values).sort()) {
        const option = el("option", null, `${value} (${count})`);
        option.value = value;
        select.append(option);
      }
      select.addEventListener("change", () => { chosen[name] = select.value; run(input.value); });
      label.append(select);
      facetList.append(label);
    }
  }

  // Deferred: a click on the header's label toggles #__search after this handler.
  input.addEventListener("focus", () => { setTimeout(() => open(true)); load(); });
  document.querySelector("header [for=__search]")?.addEventListener("click", () => input.focus());
  // The pointer reaches the box before the click does: start the index loading then (never on page load).
  for (const target of [input, document.querySelector("header [for=__search]")]) {
    target?.addEventListener("pointerenter", load, { once: true });
    target?.addEventListener("touchstart", load, { once: true, passive: true });
  }
  input.form.addEventListener("submit", e => e.preventDefault());
  input.form.addEventListener("reset", () => setTimeout(() => { run(""); input.focus(); }));
  // The index chunks of the words typed so far are fetched at once; the search runs when typing pauses.
  function typed() {
    clearTimeout(timer);
    const term = input.value.trim();
    // One or two Latin letters are a prefix of a large part of the index, spread over several chunks that the
    // finished word will not need: not worth fetching.
    if (term.length > 2 || /[^\x00-\x7f]/.test(term)) {
      load().then(pf => pf?.preload(spaced(term), { filters: filters() })).catch(() => {});  // the search reports it
    }
    typedAt = performance.now();
    wait(60);
    list.setAttribute("aria-busy", "true");  // the list shown is for an earlier query
  }
  // The query runs after `ms`, or, once the broad words are known (they come with the index metadata), as long after
  // the last key as a broad query waits.
  function wait(ms) {
    const mine = timer = setTimeout(async () => {
      const started = await load();
      if (timer !== mine) return;  // typed again, composing, or run by Enter meanwhile
      if (!started) {  // said now: the next key starts it again
        timer = null;
        seq++;
        return unavailable();
      }
      const term = input.value.trim();
      const left = term && onlyBroad(term) ? BROAD_PAUSE - (performance.now() - typedAt) : 0;
      if (left > 0) wait(left);
      else run(input.value);
    }, ms);
  }
  // While an input method composes a word the box holds its spelling (乌鲁木齐yun): no query yet, until the word
  // is chosen (compositionend; some browsers send an input event after it too, which only starts the wait again).
  input.addEventListener("input", e => { if (!e.isComposing) typed(); });
  input.addEventListener("compositionstart", () => { clearTimeout(timer); timer = null; });  // waits for the word
  input.addEventListener("compositionend", typed);
  moreBox.querySelector("button").addEventListener("click", () => {
    list.setAttribute("aria-busy", "true");
    more(seq);
  });
  facets.addEventListener("toggle", () => { if (facets.open) showFacets(); });

  // The theme's keys: / s f to search; Esc to close (Tab goes on to the filters); Enter opens the first result; arrows move.
  document.addEventListener("keydown", e => {
    if (e.isComposing) return;  // the input method's keys: Enter chooses a word, arrows move among its choices
    const active = document.activeElement;
    const editing = active && (active.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(active.tagName));
    if (!toggle.checked) {
      if (!editing && !e.ctrlKey && !e.metaKey && !e.altKey && ["/", "s", "f"].includes(e.key)) {
        e.preventDefault();
        input.focus();
        input.select();
      }
      return;
    }
    if (root.contains(active) && active.tagName === "SELECT") return;
    const links = [input, ...list.querySelectorAll("a[href]")];
    if (e.key === "Escape") {
      open(false);
      input.blur();
    } else if (e.key === "Enter" && active === input) {
      e.preventDefault();
      // A broad query still waiting for the reader to stop typing runs now; a list shown opens its first result.
      if (timer !== null) run(input.value);
      else if (!running) list.querySelector("a[href]")?.click();
    } else if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      const i = links.indexOf(active), step = e.key === "ArrowDown" ? 1 : -1;
      links[(Math.max(0, i) + step + links.length) % links.length].focus();
    }
  }, true);
  root.addEventListener("click", e => { if (e.target.closest("a")) open(false); });
}
