// Provenance Notes console: a few progressive enhancements; every page works without them.
"use strict";

function nextIndex(container) {
  let max = -1;
  for (const el of container.querySelectorAll("[name]")) {
    const m = /^(?:cite|rel)-(\d+)-/.exec(el.name);
    if (m) max = Math.max(max, Number(m[1]));
  }
  return max + 1;
}

function addRow(button) {
  const template = document.getElementById(button.dataset.template);
  const target = document.getElementById(button.dataset.target);
  const n = String(nextIndex(target));
  const fragment = template.content.cloneNode(true);
  for (const el of fragment.querySelectorAll("[id], [name], [for], [aria-describedby]")) {
    for (const attr of ["id", "name", "for", "aria-describedby"]) {
      const value = el.getAttribute(attr);
      if (value) el.setAttribute(attr, value.replaceAll("__N__", n));
    }
  }
  target.appendChild(fragment);
  const first = target.lastElementChild.querySelector("input, select, textarea");
  if (first) first.focus();
}

function showKind() {
  const checked = document.querySelector('input[name="entity_type"]:checked')
    ?? document.querySelector('input[type="hidden"][name="entity_type"]');
  if (!checked) return;
  document.body.classList.toggle("is-person", checked.value === "person");
  document.body.classList.toggle("is-organization", checked.value === "organization");
}

let lookupTimer = 0;
function lookupOrganizations(input) {
  clearTimeout(lookupTimer);
  const q = input.value.trim();
  if (q.length < 2) return;
  lookupTimer = setTimeout(async () => {
    const response = await fetch(`/console/lookup/organizations?q=${encodeURIComponent(q)}`, {
      credentials: "same-origin",
    });
    if (!response.ok) return;
    const items = await response.json();
    const list = document.getElementById("org-options");
    list.replaceChildren(
      ...items.map((item) => {
        const option = document.createElement("option");
        option.value = item.slug;
        option.textContent = item.name;
        return option;
      }),
    );
  }, 200);
}

document.addEventListener("click", (event) => {
  const button = event.target.closest("button");
  if (!button) return;
  if (button.classList.contains("add-row")) addRow(button);
  if (button.classList.contains("remove-row")) button.closest("fieldset.row").remove();
});
document.addEventListener("change", (event) => {
  if (event.target.name === "entity_type") showKind();
});
document.addEventListener("input", (event) => {
  if (event.target.getAttribute("list") === "org-options") lookupOrganizations(event.target);
});
document.addEventListener("DOMContentLoaded", () => {
  showKind();
  const problems = document.getElementById("problems");
  if (problems) problems.focus();
});
