// The search page: Pagefind's JavaScript API, rendered as a plain list of episodes.
// Each result links to the moment in the transcript where the words were said: the
// transcript's segments carry id="t=HH:MM:SS", which Pagefind records as anchors.
// The index comes in chunks (one Pagefind bundle per air-date year, listed newest first in
// chunks.json): the newest is loaded and the others merged into it, so one search covers
// the episodes of every year. Pagefind weighs a word by its rarity within its own chunk, so
// its scores are not comparable across chunks (indexWeight only scales a whole chunk): the
// top results are re-ranked by what the listener typed (see rank).
// Nothing fails silently: when the index or a result cannot be read the status line says so.

const script = document.querySelector("script[data-bundle]");
const form = document.querySelector(".search-form");
const input = document.getElementById("search-query");
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");
const EXCERPT_WORDS = 30;
const RANKED = 30; // the top results across chunks loaded and re-ranked: 30 fragments at most

// Lower-case letters and digits, accents dropped: "Don’t," and "don't" both read "don t".
function terms(text) {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

// The content's terms, each with the index of its word in the content (split by whitespace,
// as Pagefind counts locations).
function contentTerms(content) {
  return content.split(/\s+/).flatMap((word, at) => terms(word).map((term) => ({ term, at })));
}

// Where the whole query is said as a phrase: the index of its first word, or -1.
function phraseAt(said, wanted) {
  for (let i = 0; wanted.length && i + wanted.length <= said.length; i++) {
    if (wanted.every((term, j) => said[i + j].term === term)) return said[i].at;
  }
  return -1;
}

// What the listener typed matters most: the whole phrase said, then how many of its words,
// then Pagefind's score; the URL settles ties, so the order never depends on load timing.
function rank(query, loaded) {
  const wanted = terms(query);
  const scored = loaded.map(({ result, data }) => {
    const said = contentTerms(data.content);
    const vocabulary = new Set(said.map(({ term }) => term));
    const matched = new Set(wanted.filter((term) => vocabulary.has(term))).size;
    return { result, data, matched, phrase: phraseAt(said, wanted) };
  });
  return scored.sort(
    (a, b) =>
      (b.phrase >= 0) - (a.phrase >= 0) ||
      b.matched - a.matched ||
      b.result.score - a.result.score ||
      (a.data.url < b.data.url ? -1 : a.data.url > b.data.url ? 1 : 0),
  );
}

function say(text) {
  status.textContent = text;
}

// The densest stretch of matching words: where the excerpt is taken and the link points.
function bestWindow(data) {
  const weighted = data.weighted_locations || [];
  const hits = weighted.length
    ? weighted
    : (data.locations || []).map((location) => ({ location, balanced_score: 1 }));
  if (!hits.length) return 0; // matched in its title or metadata only: the page's start
  let best = { start: hits[0].location, score: -1 };
  for (const hit of hits) {
    const score = hits
      .filter((h) => h.location >= hit.location && h.location < hit.location + EXCERPT_WORDS)
      .reduce((sum, h) => sum + h.balanced_score, 0);
    if (score > best.score) best = { start: hit.location, score };
  }
  return best.start;
}

function momentAnchor(data, location) {
  let found = null;
  for (const anchor of data.anchors || []) {
    if (anchor.location <= location && anchor.id.startsWith("t=")) found = anchor;
  }
  return found;
}

// The chapter the moment is in: the last chapter heading (id="chapter-N") before it.
function chapterAt(data, location) {
  let found = null;
  for (const anchor of data.anchors || []) {
    if (anchor.location <= location && anchor.id.startsWith("chapter-")) found = anchor;
  }
  return found;
}

function excerpt(data, start) {
  const words = data.content.split(/\s+/);
  const from = Math.max(0, start - 8);
  const marked = new Set(data.locations || []);
  const paragraph = document.createElement("p");
  paragraph.className = "search-excerpt";
  if (from > 0) paragraph.append("… ");
  words.slice(from, from + EXCERPT_WORDS).forEach((word, offset) => {
    if (offset) paragraph.append(" ");
    if (marked.has(from + offset)) {
      const mark = document.createElement("mark");
      mark.textContent = word;
      paragraph.append(mark);
    } else {
      paragraph.append(word);
    }
  });
  if (from + EXCERPT_WORDS < words.length) paragraph.append(" …");
  return paragraph;
}

function resultItem({ data, phrase }) {
  const start = phrase >= 0 ? phrase : bestWindow(data);
  const anchor = momentAnchor(data, start);
  const href = anchor ? `${data.url}#${anchor.id}` : data.url;
  const item = document.createElement("li");
  item.className = "search-result";
  const heading = document.createElement("h2");
  const link = document.createElement("a");
  link.href = href;
  const meta = data.meta || {};
  link.textContent = meta.title || data.url;
  heading.append(link);
  const facts = document.createElement("p");
  facts.className = "search-facts";
  if (meta.date) {
    const time = document.createElement("time");
    time.dateTime = meta.datetime || "";
    time.textContent = meta.date;
    facts.append(time);
  }
  if (anchor) facts.append(` · said at ${anchor.id.slice(2)}`);
  const chapter = chapterAt(data, start);
  if (chapter) facts.append(` · in the chapter “${chapter.text}”`);
  item.append(heading, facts, excerpt(data, start));
  return item;
}

async function run(pagefind, query) {
  list.replaceChildren();
  if (!query) {
    say("");
    return;
  }
  say("Searching…");
  const search = await pagefind.search(query);
  if (input.value.trim() !== query) return; // a newer search has started
  if (!search.results.length) {
    say(`No episodes match “${query}”. Try fewer or different words.`);
    return;
  }
  const loaded = await Promise.all(
    search.results.slice(0, RANKED).map(async (result) => ({ result, data: await result.data() })),
  );
  if (input.value.trim() !== query) return;
  list.replaceChildren(...rank(query, loaded).map(resultItem));
  const count = search.results.length;
  say(`${count} episode${count === 1 ? "" : "s"} match “${query}”.`);
}

async function loadIndex(bundle, baseUrl) {
  const listed = await fetch(`${bundle}chunks.json`);
  if (!listed.ok) throw new Error("no search index");
  const [newest, ...older] = (await listed.json()).chunks;
  const pagefind = await import(`${bundle}${newest}/pagefind.js`);
  await pagefind.options({ baseUrl });
  for (const chunk of older) await pagefind.mergeIndex(`${bundle}${chunk}/`, { baseUrl });
  return pagefind;
}

// A search that fails (a part of the index or a result that cannot be fetched) says so.
function searchFor(pagefind, query) {
  return run(pagefind, query).catch(() => {
    if (input.value.trim() !== query) return; // a newer search has started
    list.replaceChildren();
    say("Search failed: part of the search index could not be loaded. Reload the page to try again.");
  });
}

async function start() {
  const query = new URLSearchParams(location.search).get("q") || "";
  input.value = query;
  let pagefind;
  try {
    pagefind = await loadIndex(script.dataset.bundle, script.dataset.baseUrl);
  } catch {
    say("Search is not available on this copy of the site: its index was not built.");
    return;
  }
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const wanted = input.value.trim();
    history.replaceState(null, "", wanted ? `?q=${encodeURIComponent(wanted)}` : location.pathname);
    searchFor(pagefind, wanted);
  });
  await searchFor(pagefind, query.trim());
}

if (script && form && input && status && list) start();
