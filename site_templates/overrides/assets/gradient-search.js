// Gradient search (Pagefind). The header's box shows the first results as you type; the search page
// (/search/?q=...) shows Pagefind's full interface. Nothing of Pagefind is fetched until someone
// searches, so ordinary pages carry only this small file.
(() => {
  "use strict";
  const form = document.querySelector("form[data-gr-search]");
  if (!form) return;
  const root = new URL("..", form.action); // the site root, wherever the site is hosted
  const bundle = new URL("pagefind/", root);
  const input = form.querySelector("input[name=q]");
  const panel = form.querySelector(".gr-search-box__results");
  const query = new URLSearchParams(window.location.search).get("q") || "";
  let api = null;

  function pagefind() {
    if (!api) {
      api = import(new URL("pagefind.js", bundle).href).then(async (module) => {
        await module.options({ baseUrl: root.pathname });
        return module;
      });
    }
    return api;
  }

  // Pagefind's excerpts are escaped text with <mark> around matches: keep the text and the marks only.
  function excerpt(html) {
    const out = document.createElement("span");
    const parsed = new DOMParser().parseFromString(html, "text/html").body;
    for (const node of parsed.childNodes) {
      if (node.nodeName === "MARK") {
        const mark = document.createElement("mark");
        mark.textContent = node.textContent;
        out.append(mark);
      } else {
        out.append(node.textContent);
      }
    }
    return out;
  }

  async function suggest() {
    const term = input.value.trim();
    if (!term) {
      panel.hidden = true;
      return;
    }
    const search = await (await pagefind()).debouncedSearch(term, {}, 200);
    if (search === null || input.value.trim() !== term) return; // a newer keystroke superseded this one
    const shown = await Promise.all(search.results.slice(0, 6).map((result) => result.data()));
    panel.replaceChildren();
    for (const data of shown) {
      const link = document.createElement("a");
      link.className = "gr-search-box__result";
      link.href = data.url;
      const title = document.createElement("strong");
      title.textContent = data.meta.title || data.url;
      link.append(title, excerpt(data.excerpt));
      panel.append(link);
    }
    const all = document.createElement("a");
    all.className = "gr-search-box__all";
    all.href = `${form.action}?q=${encodeURIComponent(term)}`;
    all.textContent = search.results.length
      ? `All ${search.results.length} results for “${term}” →`
      : `No results for “${term}”`;
    panel.append(all);
    panel.hidden = false;
  }

  input.addEventListener("input", suggest);
  input.addEventListener("keydown", (event) => {
    if (event.key === "Escape") panel.hidden = true;
  });
  document.addEventListener("click", (event) => {
    if (!form.contains(event.target)) panel.hidden = true;
  });

  // Facet values reach Pagefind as ids (level, modality and organization slugs), because its filter panel
  // inserts values as HTML. Here each id is shown as its label, set as plain text.
  function relabelFacets(container) {
    const source = document.getElementById("gr-facet-labels");
    const labels = source ? JSON.parse(source.textContent) : {};
    const relabel = () => {
      const field = container.querySelector("input.pagefind-ui__search-input:not([aria-label])");
      if (field) field.setAttribute("aria-label", "Search the catalog");
      // An option no result has ("… (0)") is hidden: it can only lead to an empty list.
      for (const value of container.querySelectorAll(".pagefind-ui__filter-value")) {
        const box = value.querySelector("input");
        value.style.display = / \(0\)\s*$/.test(value.textContent) && !(box && box.checked) ? "none" : "";
      }
      for (const box of container.querySelectorAll("input.pagefind-ui__filter-checkbox:not([data-gr-labelled])")) {
        const label = container.querySelector(`label[for="${CSS.escape(box.id)}"]`);
        const text = (labels[box.name] || {})[box.value];
        const first = label && label.firstChild;
        if (!text || !first || first.nodeType !== Node.TEXT_NODE) continue;
        first.nodeValue = text;
        box.dataset.grLabelled = "";
      }
    };
    new MutationObserver(relabel).observe(container, { childList: true, subtree: true, characterData: true });
    relabel();
  }

  // Facet state lives in the address (?q=llama&level=4-downloadable&modality=text), so a narrowed search can
  // be linked: read it when the page opens, write it whenever a box is ticked or cleared.
  const FACETS = ["level", "modality", "organization"];
  function chosenFacets() {
    const params = new URLSearchParams(window.location.search);
    const chosen = {};
    for (const name of FACETS) {
      const values = params.getAll(name).filter((v) => /^[a-z0-9-]+$/.test(v));
      if (values.length) chosen[name] = values;
    }
    return chosen;
  }
  function keepFacetsInUrl(container) {
    container.addEventListener("change", (event) => {
      if (!event.target.matches("input.pagefind-ui__filter-checkbox")) return;
      const params = new URLSearchParams();
      const term = container.querySelector("input.pagefind-ui__search-input");
      if (term && term.value.trim()) params.set("q", term.value.trim());
      for (const box of container.querySelectorAll("input.pagefind-ui__filter-checkbox:checked")) {
        params.append(box.name, box.value);
      }
      const encoded = params.toString();
      window.history.replaceState(null, "", window.location.pathname + (encoded ? "?" + encoded : ""));
    });
  }

  // The search page: load Pagefind's interface and run the query from ?q=.
  const page = document.getElementById("gr-search");
  if (!page) return;
  input.value = query;
  const style = document.createElement("link");
  style.rel = "stylesheet";
  style.href = new URL("pagefind-ui.css", bundle).href;
  document.head.append(style);
  const script = document.createElement("script");
  script.src = new URL("pagefind-ui.js", bundle).href;
  script.onload = async () => {
    // Pagefind's interface keeps the facet groups its first search reports; a search that ends before every
    // filter file has arrived reports only some, and the panel kept one group until the next search. Load
    // every filter first: the interface imports this same module, so it finds them loaded.
    await (await pagefind()).filters();
    const ui = new window.PagefindUI({
      element: "#gr-search",
      bundlePath: bundle.pathname,
      baseUrl: root.pathname,
      showImages: false,
      showSubResults: false,
      autofocus: !query,
    });
    const chosen = chosenFacets();
    if (Object.keys(chosen).length) ui.triggerFilters(chosen);
    if (query) ui.triggerSearch(query);
    relabelFacets(page);
    keepFacetsInUrl(page);
  };
  document.head.append(script);
})();
