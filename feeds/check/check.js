// The browser checker's page: reads a file or fetches an address, hands the
// bytes to the screens' own parser and rules (checker.js and its WebAssembly,
// built from kiosk/core by platform/build/checker.sh) and shows what they say.
// Nothing here judges a feed: every message comes from the checker.
"use strict";
(function () {
  const result = document.getElementById("result");
  const fileInput = document.getElementById("file");
  const drop = document.getElementById("drop");
  const urlForm = document.getElementById("url-form");
  const urlInput = document.getElementById("url");
  const atInput = document.getElementById("at");
  const params = new URLSearchParams(window.location.search);

  const kinds = {
    statement: "Statement: a quote and its speaker",
    tally: "Tally: one big number",
    notice: "Notice from the organisers",
    post: "Blog post, with a code to read on",
    picture: "Picture with its caption",
  };

  let checker = null;
  function loadChecker() {
    if (!checker) {
      checker = (async function () {
        if (typeof WebAssembly !== "object" || typeof DecompressionStream !== "function" ||
            typeof PlacardChecker !== "function" || typeof placardCheckerWasm !== "string") {
          throw new Error("This browser cannot run the checker. Use a current Firefox, Chrome, Edge or Safari.");
        }
        const packed = Uint8Array.from(atob(placardCheckerWasm), (c) => c.charCodeAt(0));
        const unpacked = new Blob([packed]).stream().pipeThrough(new DecompressionStream("gzip"));
        const wasmBinary = await new Response(unpacked).arrayBuffer();
        return PlacardChecker({wasmBinary: wasmBinary});
      })();
    }
    return checker;
  }

  function text(module, value) {
    const size = module.lengthBytesUTF8(value) + 1;
    const at = module._malloc(size);
    module.stringToUTF8(value, at, size);
    return at;
  }

  // The checker's verdict on bytes named name (a file name or an address).
  function runChecker(module, name, bytes, contentType, now) {
    const namePtr = text(module, name);
    const typePtr = text(module, contentType || "");
    const bytesPtr = module._malloc(Math.max(bytes.length, 1));
    module.HEAPU8.set(bytes, bytesPtr);
    const out = module._placard_check(namePtr, bytesPtr, bytes.length, typePtr, now);
    const report = JSON.parse(module.UTF8ToString(out));
    [namePtr, typePtr, bytesPtr, out].forEach((p) => module._free(p));
    return report;
  }

  // The time to judge items at: ?at= or the field, else now. NaN: not a time.
  function judgeTime(module) {
    const written = atInput.value.trim();
    if (!written) return {seconds: Date.now() / 1000, written: ""};
    const at = text(module, written);
    const seconds = module._placard_parse_time(at);
    module._free(at);
    return {seconds: seconds, written: written};
  }

  function el(tag, className, content) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (content !== undefined) node.textContent = content;
    return node;
  }

  function show(nodes, focus) {
    result.replaceChildren(...nodes);
    result.setAttribute("aria-busy", "false");
    result.dataset.checks = String(Number(result.dataset.checks || 0) + 1);  // for the tests: a new answer
    if (focus && nodes[0]) {
      nodes[0].tabIndex = -1;
      nodes[0].focus();
    }
  }

  function problem(title, sentences) {
    const nodes = [el("h2", "bad", title)];
    sentences.forEach((s) => nodes.push(el("p", null, s)));
    show(nodes, true);
  }

  function describeWhen(item) {
    switch (item.state) {
    case "later": return "Later: from " + item.starts_at + (item.expires_at ? " until " + item.expires_at : "");
    case "expired": return "Expired at " + item.expires_at + ": not shown";
    case "waiting": return "Waiting: only urgent items are shown while there are any";
    default:
      return "Showing now" + (item.expires_at ? ", until " + item.expires_at : "");
    }
  }

  function itemsTable(items) {
    const table = el("table", "items");
    table.appendChild(el("caption", "visually-hidden", "Each item and what the screens do with it"));
    const head = table.createTHead().insertRow();
    ["Item", "Slide", "On screen for", "When"].forEach((h) => {
      const th = el("th", null, h);
      th.scope = "col";
      head.appendChild(th);
    });
    const body = table.createTBody();
    items.forEach((item) => {
      const row = body.insertRow();
      row.className = item.state;
      const name = el("th", null);
      name.scope = "row";
      const words = item.title || item.text || "";
      name.appendChild(el("span", "item-text", words.length > 90 ? words.slice(0, 88) + "…" : words));
      name.appendChild(el("span", "item-id", "id " + item.id + (item.speaker ? " · " + item.speaker : "")));
      row.appendChild(name);
      const kind = kinds[item.kind] || item.kind;
      const priority = item.priority === "urgent" ? " (urgent: shown alone)" :
        item.priority === "pinned" ? " (pinned: every other slide)" : "";
      [["Slide", kind + priority], ["On screen for", "about " + item.seconds + " s a slide"],
       ["When", describeWhen(item)]].forEach(([label, value]) => {
        const cell = el("td", null, value);
        cell.dataset.label = label;
        row.appendChild(cell);
      });
    });
    return table;
  }

  function signing(report, sigNote) {
    const nodes = [el("h3", null, "Signing")];
    const sequence = report.feed && report.feed.sequence;
    if (sequence === undefined) {
      nodes.push(el("p", null, "The feed has no sequence number, so it cannot be signed. Screens without a " +
        "public key show it; screens with one refuse it."));
      return nodes;
    }
    nodes.push(el("p", null, "The feed says it is number " + sequence + " (its sequence). A screen set up " +
      "with a public key shows it only if FEED.sig is published next to it, signed with that key for sequence " +
      sequence + "; this page cannot check the signature itself (placard-feed verify does)."));
    if (sigNote) nodes.push(el("p", null, sigNote));
    return nodes;
  }

  function report(reportData, name, judged, sigNote) {
    const nodes = [];
    const title = el("h2", reportData.valid ? "good" : "bad",
      reportData.valid ? name + " is valid" : name + " is not valid");
    nodes.push(title);
    const errors = reportData.errors, warnings = reportData.warnings;
    const plural = (n, word) => n + " " + word + (n === 1 ? "" : "s");
    if (reportData.valid) {
      nodes.push(el("p", "summary", "The screens will show it: " + plural(reportData.items.length, "item") +
        (warnings ? ". " + plural(warnings, "warning") + " below: they do not stop the feed." : ".")));
    } else {
      nodes.push(el("p", "summary", "The screens will refuse it and keep showing the last good feed. Fix the " +
        plural(errors, "error") + " below" + (warnings ? " (and look at the " + plural(warnings, "warning") + ")" : "") +
        ", then check again."));
    }
    nodes.push(el("h3", null, "What placard-feed validate says"));
    const list = el("ul", "lines");
    list.id = "lines";
    reportData.lines.forEach((line, i) => {
      // The verdict closes validate's lines ("valid (4 items)"); a file that could not be read has none.
      const verdict = i === reportData.lines.length - 1 && /: (in)?valid \([0-9,]+ (item|error)s?\)$/.test(line);
      const kind = line.includes(": warning: ") ? "warning" : verdict ? "verdict" : "error";
      const li = el("li", kind, line);
      list.appendChild(li);
    });
    nodes.push(list);
    if (reportData.valid && reportData.items.length) {
      nodes.push(el("h3", null, "What the screens will do"));
      nodes.push(el("p", "hint", judged.written ? "Judged as at " + judged.written + "." :
        "Judged now, by this computer's clock: " + new Date(judged.seconds * 1000).toString() + "."));
      nodes.push(itemsTable(reportData.items));
    }
    if (reportData.valid) nodes.push(...signing(reportData, sigNote));
    show(nodes, true);
  }

  async function checkBytes(name, bytes, contentType, sigNote) {
    result.setAttribute("aria-busy", "true");
    let module;
    try {
      module = await loadChecker();
    } catch (e) {
      problem("The checker could not start", [String(e.message || e)]);
      return;
    }
    const judged = judgeTime(module);
    if (Number.isNaN(judged.seconds)) {
      problem("The time to check at is not one", ["\"" + judged.written + "\" is not a time like " +
        "2026-06-15T09:00:00+02:00: write the date, T, the time and the offset, or leave it empty for now."]);
      return;
    }
    report(runChecker(module, name, bytes, contentType, judged.seconds), name, judged, sigNote);
  }

  async function readLimit() {
    return (await loadChecker())._placard_read_limit();
  }

  // A file: read no further than one byte past what the checker reads, so a
  // huge file is refused without being read whole.
  async function checkFile(file) {
    if (!file) return;
    let limit;
    try {
      limit = await readLimit();
    } catch (e) {
      problem("The checker could not start", [String(e.message || e)]);
      return;
    }
    let bytes;
    try {
      bytes = new Uint8Array(await file.slice(0, limit + 1).arrayBuffer());
    } catch (e) {
      problem("The file could not be read", [file.name + ": " + (e.message || e) + ". Choose it again."]);
      return;
    }
    await checkBytes(file.name, bytes, "");
  }

  // Reads a response's body up to limit + 1 bytes.
  async function readBody(response, limit) {
    const reader = response.body.getReader();
    const parts = [];
    let size = 0;
    while (size <= limit) {
      const {done, value} = await reader.read();
      if (done) break;
      parts.push(value);
      size += value.length;
    }
    reader.cancel().catch(() => {});
    const bytes = new Uint8Array(Math.min(size, limit + 1));
    let at = 0;
    for (const part of parts) {
      const piece = part.subarray(0, bytes.length - at);
      bytes.set(piece, at);
      at += piece.length;
    }
    return bytes;
  }

  // FEED.sig's address: .sig before any query.
  function signatureAddress(address) {
    const u = new URL(address);
    u.pathname += ".sig";
    return u.toString();
  }

  async function checkAddress(address) {
    address = address.trim();
    let parsed;
    try {
      parsed = new URL(address);
    } catch (e) {
      parsed = null;
    }
    if (!parsed || (parsed.protocol !== "https:" && parsed.protocol !== "http:")) {
      problem("That is not a web address", ["\"" + address + "\" is not an address starting with https:// or " +
        "http://. Copy the feed's address from the browser's address bar."]);
      return;
    }
    result.setAttribute("aria-busy", "true");
    result.replaceChildren(el("p", "hint", "Fetching " + address + "…"));
    let limit;
    try {
      limit = await readLimit();
    } catch (e) {
      problem("The checker could not start", [String(e.message || e)]);
      return;
    }
    let response;
    try {
      response = await fetch(address, {cache: "no-store", credentials: "omit", redirect: "follow"});
    } catch (e) {
      problem("The feed could not be fetched", [
        "This page could not read " + address + ".",
        "Either the address cannot be reached from this computer (check it opens in a new tab), or the server " +
        "does not let other pages read the feed. For this page to check it, the server must send the header " +
        "Access-Control-Allow-Origin: * with the feed; whoever runs the server can add it. The screens do " +
        "not need it: they fetch the feed themselves.",
        "Meanwhile, save the file and choose it above."]);
      return;
    }
    if (!response.ok) {
      problem("The server refused the feed", ["The server answered " + response.status +
        (response.statusText ? " " + response.statusText : "") + " for " + address + ". " +
        (response.status === 404 ? "Check the address: there is no file there." :
         response.status === 401 || response.status === 403 ? "The feed must be readable without logging in." :
         "The screens would get the same answer; try again later or ask whoever runs the server.")]);
      return;
    }
    let bytes;
    try {
      bytes = await readBody(response, limit);
    } catch (e) {
      problem("The feed could not be read", ["The connection broke while reading " + address + ". Try again."]);
      return;
    }
    let sigNote = "";
    try {
      const sig = await fetch(signatureAddress(address), {cache: "no-store", credentials: "omit"});
      sigNote = sig.ok ? "A signature file is published next to it (" + signatureAddress(address) + ")." :
        "No signature file was found at " + signatureAddress(address) + " (the server answered " + sig.status + ").";
    } catch (e) {
      sigNote = "The signature file at " + signatureAddress(address) + " could not be read from this page.";
    }
    await checkBytes(address, bytes, response.headers.get("Content-Type") || "", sigNote);
  }

  fileInput.addEventListener("change", () => checkFile(fileInput.files[0]));
  ["dragenter", "dragover"].forEach((type) => drop.addEventListener(type, (e) => {
    e.preventDefault();
    drop.classList.add("over");
  }));
  ["dragleave", "drop"].forEach((type) => drop.addEventListener(type, () => drop.classList.remove("over")));
  drop.addEventListener("drop", (e) => {
    e.preventDefault();
    if (e.dataTransfer.files.length) checkFile(e.dataTransfer.files[0]);
  });
  urlForm.addEventListener("submit", (e) => {
    e.preventDefault();
    const address = urlInput.value;
    const next = new URL(window.location.href);
    next.searchParams.set("url", address.trim());
    if (atInput.value.trim()) next.searchParams.set("at", atInput.value.trim());
    try {
      window.history.replaceState(null, "", next.toString());  // bookmarkable
    } catch (e) {
      // a page opened from disk may not change its address
    }
    checkAddress(address);
  });

  if (params.get("at")) {
    atInput.value = params.get("at");
    document.getElementById("when").open = true;
  }
  loadChecker().then(() => {
    if (!result.querySelector("h2") && result.getAttribute("aria-busy") !== "true") result.replaceChildren(el("p", "hint", "Ready: choose a file or give an address."));
    result.dataset.ready = "yes";
  }, (e) => problem("The checker could not start", [String(e.message || e)]));
  if (params.get("url")) {
    urlInput.value = params.get("url");
    checkAddress(params.get("url"));
  }
})();
