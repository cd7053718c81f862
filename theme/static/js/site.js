/* The theme's only script: copy buttons, and on episode pages the transcript that follows
   the player. Everything here is an enhancement: without it every timestamp is still a link.
   Any element may be missing (a page without audio, chapters or tools, a theme that moves
   things): each part works with what the page has and never assumes how elements nest. */
(() => {
  "use strict";

  const say = (region, message) => {
    if (!region) return;
    region.textContent = "";
    window.setTimeout(() => { region.textContent = message; }, 60);
  };

  const copyText = async (text) => {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      return false;
    }
  };

  /* Local storage can be refused (private windows, blocked cookies): then nothing is kept. */
  const stored = (key) => {
    try {
      return localStorage.getItem(key);
    } catch {
      return null;
    }
  };
  const store = (key, value) => {
    try {
      localStorage.setItem(key, value);
    } catch {
      /* not kept */
    }
  };

  /* The status line nearest to `element`: in its closest ancestor that has one. */
  const statusNear = (element) => {
    for (let box = element.parentElement; box; box = box.parentElement) {
      const region = box.querySelector(".copy-status");
      if (region) return region;
    }
    return null;
  };

  for (const button of document.querySelectorAll("[data-copy]")) {
    let field = null;
    try {
      field = document.querySelector(button.dataset.copy);
    } catch {
      /* not a selector: the button stays hidden */
    }
    if (!field) continue;
    const region = statusNear(button);
    button.hidden = false;
    button.addEventListener("click", async () => {
      const copied = await copyText(field.value);
      if (!copied) field.select();
      say(region, copied ? "Feed address copied." : "Press Ctrl+C to copy the selected address.");
    });
  }

  const transcript = document.querySelector(".transcript");
  if (!transcript) return;
  const segments = Array.from(transcript.querySelectorAll(".segment[data-start]"));
  if (!segments.length) return;
  const starts = segments.map((segment) => Number(segment.dataset.start));
  const audio = document.getElementById("episode-audio");
  const follow = document.getElementById("follow-along");
  const region = document.getElementById("moment-status");
  const tools = document.querySelector(".transcript-tools");
  const calm = window.matchMedia("(prefers-reduced-motion: reduce)");
  let current = -1;

  const two = (n) => String(n).padStart(2, "0");
  const stamp = (s) => `${two(Math.floor(s / 3600))}:${two(Math.floor(s / 60) % 60)}:${two(s % 60)}`;

  /* "#t=HH:MM:SS", "#t=MM:SS" or "#t=SS" (a media fragment) → seconds, else null. */
  const parseHash = (hash) => {
    const match = /^#t=(\d+(?::\d{1,2}){0,2})$/.exec(decodeURIComponent(hash || ""));
    if (!match) return null;
    return match[1].split(":").reduce((total, part) => total * 60 + Number(part), 0);
  };

  /* The segment being heard at `seconds`: the last one that started at or before it. */
  const indexAt = (seconds) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      if (starts[middle] <= seconds) low = middle;
      else high = middle - 1;
    }
    return low;
  };

  const reveal = (segment) => {
    const box = segment.getBoundingClientRect();
    const top = audio ? (audio.closest(".player") || audio).getBoundingClientRect().bottom : 0;
    if (box.top >= top && box.bottom <= window.innerHeight) return;
    segment.scrollIntoView({ block: "center", behavior: calm.matches ? "auto" : "smooth" });
  };

  const highlight = (index, scroll) => {
    if (index !== current) {
      if (current >= 0) {
        segments[current].classList.remove("is-current");
        segments[current].removeAttribute("aria-current");
      }
      current = index;
      segments[index].classList.add("is-current");
      segments[index].setAttribute("aria-current", "true");
    }
    if (scroll) reveal(segments[index]);
  };

  const seek = (seconds, play) => {
    if (!audio) return;
    audio.currentTime = seconds;
    if (play) audio.play().catch(() => {});
  };

  const goTo = (hash, play) => {
    const seconds = parseHash(hash);
    if (seconds === null) return false;
    highlight(indexAt(seconds), true);
    seek(seconds, play);
    return true;
  };

  if (tools) tools.hidden = false;

  transcript.addEventListener("click", (event) => {
    const link = event.target.closest("a.timestamp");
    if (!link || !audio) return;
    const index = segments.indexOf(link.closest(".segment[data-start]"));
    if (index < 0) return; /* not a segment's own link: the browser follows it */
    event.preventDefault();
    history.replaceState(null, "", link.hash);
    highlight(index, false);
    seek(starts[index], true);
  });

  window.addEventListener("hashchange", () => goTo(location.hash, false));

  if (audio) {
    if (follow) {
      const saved = stored("follow-along");
      if (saved !== null) follow.checked = saved === "on";
      follow.addEventListener("change", () => store("follow-along", follow.checked ? "on" : "off"));
    }
    audio.addEventListener("timeupdate", () => {
      const index = indexAt(audio.currentTime);
      if (index !== current) highlight(index, (!follow || follow.checked) && !audio.paused);
    });
  }

  const copyMoment = document.getElementById("copy-moment");
  if (copyMoment) copyMoment.addEventListener("click", async () => {
    const seconds = audio && audio.currentTime > 0 ? starts[indexAt(audio.currentTime)]
      : current >= 0 ? starts[current] : starts[0];
    const base = (document.querySelector('link[rel="canonical"]') || location).href.split("#")[0];
    const link = `${base}#t=${stamp(seconds)}`;
    const copied = await copyText(link);
    say(region, copied ? `Link to ${stamp(seconds)} copied.` : `Link to this moment: ${link}`);
  });

  goTo(location.hash, false);
})();

/* Chapters: a chapter link seeks the player and plays, and the chapter being heard is named
   under the player and marked in the list. Without this script the links still go to
   that moment of the transcript. */
(() => {
  "use strict";

  const list = document.querySelector(".chapter-list");
  const audio = document.getElementById("episode-audio");
  if (!list || !audio) return;
  const items = Array.from(list.querySelectorAll("li[data-chapter-start]"));
  if (!items.length) return;
  const starts = items.map((item) => Number(item.dataset.chapterStart));
  const shown = document.getElementById("current-chapter");
  let current = -1;

  /* The chapter being heard at `seconds`: the last one that started at or before it. */
  const chapterAt = (seconds) => {
    let found = 0;
    starts.forEach((start, index) => { if (start <= seconds) found = index; });
    return found;
  };

  const mark = (index) => {
    if (index === current) return;
    if (current >= 0) items[current].removeAttribute("aria-current");
    current = index;
    items[index].setAttribute("aria-current", "true");
    const named = items[index].querySelector(".chapter-title") || items[index];
    const title = named.textContent;
    if (shown) {
      shown.hidden = false;
      shown.textContent = `Chapter: ${title}`;
    }
  };

  list.addEventListener("click", (event) => {
    const link = event.target.closest("a.chapter-link");
    if (!link) return;
    const index = items.indexOf(link.closest("li[data-chapter-start]"));
    if (index < 0) return;
    event.preventDefault();
    history.replaceState(null, "", link.hash);
    audio.currentTime = starts[index];
    mark(index);
    audio.play().catch(() => {});
  });

  audio.addEventListener("timeupdate", () => mark(chapterAt(audio.currentTime)));
})();
