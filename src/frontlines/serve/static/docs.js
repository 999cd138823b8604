/* Render /openapi.json as a plain list of operations (text only, no innerHTML). */
(function () {
  "use strict";

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    for (const c of children.flat()) {
      if (c !== null && c !== undefined) node.append(c instanceof Node ? c : String(c));
    }
    return node;
  }

  function typeOf(schema) {
    if (!schema) return "";
    if (schema.$ref) return schema.$ref.split("/").pop();
    if (schema.anyOf) return schema.anyOf.map(typeOf).join(" | ");
    if (schema.type === "array") return `${typeOf(schema.items)}[]`;
    return schema.format ? `${schema.type} (${schema.format})` : schema.type || "";
  }

  function operation(path, method, op) {
    const params = (op.parameters || []).map((p) => el("tr", {},
      el("td", {}, el("code", {}, p.name)), el("td", {}, p.in), el("td", {}, p.required ? "yes" : ""),
      el("td", {}, typeOf(p.schema)), el("td", {}, p.description || "")));
    const responses = Object.entries(op.responses || {}).map(([code, r]) =>
      el("li", {}, el("code", {}, code), ` ${r.description || ""}`));
    return el("section", { class: "op" },
      el("h2", {}, el("span", { class: `method ${method}` }, method.toUpperCase()), path),
      el("p", {}, op.summary || ""),
      op.description ? el("p", { class: "desc" }, op.description) : null,
      params.length ? el("table", {}, el("tr", {}, ...["name", "in", "required", "type", ""]
        .map((h) => el("th", {}, h))), params) : null,
      el("ul", {}, responses));
  }

  document.addEventListener("DOMContentLoaded", async () => {
    const box = document.getElementById("paths");
    try {
      const spec = await (await fetch("/openapi.json")).json();
      box.textContent = "";
      for (const [path, ops] of Object.entries(spec.paths)) {
        for (const [method, op] of Object.entries(ops)) box.append(operation(path, method, op));
      }
    } catch (e) {
      box.textContent = `Could not load /openapi.json: ${e.message}`;
    }
  });
})();
