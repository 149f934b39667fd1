// SchemaTasks dashboard: live regions (polling), actions posted with the antiforgery token, the Test page.
// No framework, no inline script (the pages' Content-Security-Policy forbids it), and no HTML built from data:
// everything from the server arrives already encoded; text from JSON goes in through textContent.
(() => {
  "use strict";
  const meta = (name) => document.querySelector(`meta[name="${name}"]`);
  const tokenMeta = meta("schematasks-antiforgery");
  const interval = Math.max(250, parseInt(meta("schematasks-refresh")?.content ?? "1000", 10) || 1000);
  const indicator = document.querySelector("[data-live-indicator]");

  // Live regions: refetch the region's partial URL and swap it in when it changed. Skipped while the user is
  // typing in it, and while the tab is hidden.
  async function refresh(region) {
    const url = region.getAttribute("data-live");
    if (!url || region.contains(document.activeElement) && document.activeElement !== document.body) return;
    try {
      const response = await fetch(url, { headers: { "Accept": "text/html" }, credentials: "same-origin", cache: "no-store" });
      if (!response.ok) { indicator?.classList.remove("on"); return; }
      const html = await response.text();
      if (region.getAttribute("data-html") !== html) {
        region.innerHTML = html;
        region.setAttribute("data-html", html);
      }
      region.setAttribute("data-refreshed", String(Date.now()));
      indicator?.classList.add("on");
    } catch { indicator?.classList.remove("on"); }
  }
  function tick() {
    if (!document.hidden) document.querySelectorAll("[data-live]").forEach(refresh);
    setTimeout(tick, interval);
  }
  setTimeout(tick, interval);

  function formBody(form, submitter) {
    const body = new URLSearchParams(new FormData(form));
    if (submitter?.name) body.set(submitter.name, submitter.value);
    if (tokenMeta) body.set(tokenMeta.getAttribute("data-field"), tokenMeta.content);
    return body;
  }
  async function post(url, body) {
    const response = await fetch(url, { method: "POST", body, credentials: "same-origin", headers: { "Accept": "application/json" } });
    let outcome;
    try { outcome = await response.json(); } catch { outcome = { ok: false, message: `The server answered ${response.status}.` }; }
    return outcome;
  }
  function showResult(outcome) {
    const target = document.querySelector("[data-action-result]");
    if (!target) return;
    target.textContent = outcome.message ?? "";
    target.className = "action-result " + (outcome.ok ? "ok" : "failed");
    target.setAttribute("data-outcome", outcome.ok ? "ok" : "failed");
  }
  const base = () => document.querySelector("header .brand")?.getAttribute("href")?.replace(/\/tasks$/, "") ?? "";

  // Run actions: cancel, replay, reschedule.
  document.addEventListener("submit", async (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute("data-action")) return;
    event.preventDefault();
    if (form.hasAttribute("data-test-form")) return submitTest(form, event.submitter);
    const confirmText = form.getAttribute("data-confirm");
    if (confirmText && !window.confirm(confirmText)) return;
    const buttons = form.querySelectorAll("button");
    buttons.forEach((b) => (b.disabled = true));
    const outcome = await post(form.getAttribute("data-action"), formBody(form, event.submitter));
    showResult(outcome);
    buttons.forEach((b) => (b.disabled = false));
    if (outcome.ok && outcome.runId && form.hasAttribute("data-follow")) {
      window.location.assign(`${base()}/runs/${encodeURIComponent(outcome.runId)}`);
      return;
    }
    document.querySelectorAll("[data-live]").forEach(refresh);
  });

  // The Test page: validate or trigger, show the validator's messages beside the editor, follow the run.
  async function submitTest(form, submitter) {
    const aside = document.querySelector("[data-validation]");
    const list = document.querySelector("[data-validation-errors]");
    const state = document.querySelector("[data-validation-state]");
    const buttons = form.querySelectorAll("button");
    buttons.forEach((b) => (b.disabled = true));
    state.textContent = "Checking…";
    const outcome = await post(form.getAttribute("data-action"), formBody(form, submitter));
    buttons.forEach((b) => (b.disabled = false));
    list.replaceChildren();
    aside.classList.remove("valid", "invalid");
    for (const error of outcome.errors ?? []) {
      const item = document.createElement("li");
      item.setAttribute("data-validation-error", error.property ?? "");
      if (error.property) {
        const property = document.createElement("span");
        property.className = "property";
        property.textContent = error.property;
        item.append(property);
      }
      item.append(document.createTextNode(error.message ?? ""));
      list.append(item);
    }
    const invalid = (outcome.errors ?? []).length > 0;
    aside.classList.add(invalid ? "invalid" : outcome.ok ? "valid" : "invalid");
    aside.setAttribute("data-validation-result", invalid ? "invalid" : outcome.ok ? "valid" : "failed");
    state.textContent = invalid ? "The payload is invalid: nothing was triggered." : outcome.ok ? "The payload is valid." : "";
    showResult(outcome);
    if (outcome.ok && outcome.runId) {
      const section = document.querySelector("[data-test-run]");
      const target = document.querySelector("[data-live-target]");
      section.hidden = false;
      target.setAttribute("data-live", `${base()}/runs/${encodeURIComponent(outcome.runId)}?partial=1`);
      target.removeAttribute("data-html");
      const link = document.createElement("a");
      link.href = `${base()}/runs/${encodeURIComponent(outcome.runId)}`;
      link.textContent = "Open the run";
      link.setAttribute("data-run-link", "");
      section.querySelector("h2").replaceChildren("Run ", link);
      refresh(target);
    }
  }

  // Selects in auto-submitting filter forms (task picker, advice window) reload the page on change.
  document.querySelectorAll("form[data-autosubmit] select").forEach((select) =>
    select.addEventListener("change", () => select.form.submit()));
})();
