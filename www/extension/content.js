// Content script: finds email addresses on the page (mailto: links and plain text) with the
// name the page gives next to them, and answers the popup's "instantly:collect-emails" message.
// It reads the page only when asked and sends nothing anywhere itself.
(() => {
  if (globalThis.__instantlyLeadFinder) return;
  globalThis.__instantlyLeadFinder = true;

  const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
  const NAME_AT_END = /([A-Z][\p{L}'’-]+(?:\s+[A-Z][\p{L}'’.-]+){1,2})\s*$/u;
  const NAME_ELEMENTS = "[itemprop=name], .p-name, .fn, .name";
  const SKIP = new Set(["SCRIPT", "STYLE", "NOSCRIPT", "TEXTAREA", "TEMPLATE"]);

  /** A person's name in `text` ("Ada Lovelace"), or "" when it does not look like one. */
  function cleanName(text) {
    const t = (text ?? "").replace(/\s+/g, " ").trim();
    if (!t || t.length > 60 || t.includes("@")) return "";
    return /^[\p{L}'’. -]+$/u.test(t) ? t : "";
  }

  /** The name written just before an address: "Ada Lovelace <ada@…>", "Ada Lovelace: ada@…". */
  function nameBefore(text) {
    const m = NAME_AT_END.exec(text.replace(/[\s<(\[:,–—-]+$/u, ""));
    return m ? m[1] : "";
  }

  /** A name element ([itemprop=name], .name, …) in the nearest card-like container. */
  function nameNear(el) {
    const box = el?.closest("li, tr, article, section, address, .card, .vcard, .h-card, [itemscope], p, div");
    const named = box?.querySelector(NAME_ELEMENTS);
    return cleanName(named?.textContent);
  }

  function collect() {
    const found = new Map();
    const add = (raw, name) => {
      const email = raw.trim().replace(/[.,;:]+$/, "");
      const key = email.toLowerCase();
      if (!/^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$/.test(email)) return;
      const prev = found.get(key);
      if (!prev) found.set(key, { email, name: name || "" });
      else if (!prev.name && name) prev.name = name;
    };

    for (const a of document.querySelectorAll('a[href^="mailto:" i]')) {
      const addresses = decodeURIComponent(a.getAttribute("href").slice(7).split("?")[0]).split(",");
      const name = cleanName(a.textContent) || cleanName(a.title) || nameNear(a);
      for (const address of addresses) add(address, addresses.length === 1 ? name : "");
    }

    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT, {
      acceptNode: (n) => (SKIP.has(n.parentElement?.tagName) || n.parentElement?.closest("a[href^='mailto:' i]") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
    });
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.nodeValue;
      for (const m of text.matchAll(EMAIL)) {
        add(m[0], nameBefore(text.slice(0, m.index)) || nameNear(node.parentElement));
      }
    }

    return [...found.values()].map(({ email, name }) => {
      const [first, ...rest] = name.split(" ");
      return { email, name, first_name: first || undefined, last_name: rest.join(" ") || undefined };
    });
  }

  chrome.runtime.onMessage.addListener((message, _sender, sendResponse) => {
    if (message?.type === "instantly:collect-emails") sendResponse({ url: location.href, title: document.title, leads: collect() });
  });
})();
