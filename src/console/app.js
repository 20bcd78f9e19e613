// Sift's web console: plain JavaScript over the server's JSON gateway, which calls the gRPC API
// in-process with the signed-in token. Every value from the server is put into the page as
// text (never as HTML), so feedback cannot inject markup.
"use strict";

const state = { token: sessionStorage.getItem("sift.token") || "", me: null };
const SCOPE_HELP = { read: "read", plan: "plan", release: "release", ingest: "ingest" };

// ---------------------------------------------------------------------------------------------
// Small helpers

function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") el.className = value;
    else if (key === "text") el.textContent = value;
    else if (key.startsWith("on")) el.addEventListener(key.slice(2), value);
    else if (key === "value") el.value = value;
    else if (key === "checked") el.checked = !!value;
    else el.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

class RpcError extends Error {
  constructor(body) {
    const fields = (body.field_violations || [])
      .map((v) => `${v.field}: ${v.description}`)
      .join("; ");
    super(`${body.code}: ${body.message}${fields ? ` (${fields})` : ""}`);
    this.code = body.code;
  }
}

async function rpc(method, body) {
  const headers = { "content-type": "application/json" };
  if (state.token) headers.authorization = `Bearer ${state.token}`;
  const res = await fetch(`/api/sift.v1.${method}`, {
    method: "POST",
    headers,
    body: JSON.stringify(body || {}),
  });
  const data = await res.json();
  if (!res.ok) throw new RpcError(data);
  return data;
}

function can(scope) {
  return !!state.me && state.me.scopes.includes(scope);
}

function notice(message, kind) {
  const el = document.getElementById("notice");
  el.textContent = message;
  el.className = kind || "ok";
  el.hidden = !message;
}

function enumLabel(value, prefix) {
  if (value === undefined || value === null) return "";
  return String(value).replace(prefix, "").toLowerCase().replace(/_/g, " ");
}

const status = (v) => enumLabel(v, "REQUEST_STATUS_");
const tier = (v) => enumLabel(v, "TIER_") || "unspecified";
const demand = (v) => enumLabel(v, "DEMAND_PROFILE_");
const lane = (v) => enumLabel(v, "LANE_");
const channel = (v) => enumLabel(v, "NOTIFICATION_CHANNEL_");

// Money in whole units of the deployment's currency, with thousands separators: "120,000 USD".
function money(minor, currency) {
  const units = Math.round(Number(minor || 0) / 100);
  return `${units.toLocaleString("en-US")}${currency ? ` ${currency}` : ""}`;
}

// Effort estimates are person-weeks (SetEffort).
function effortText(weeks) {
  if (weeks === undefined || weeks === null) return "";
  const n = Number(weeks);
  return `${n.toLocaleString("en-US", { maximumFractionDigits: 1 })} person-week${n === 1 ? "" : "s"}`;
}

// Where a request stands on the roadmap, from GetRoadmap: request id -> "2026.48" / "lane now".
function placements(map) {
  const out = new Map();
  for (const rr of map.releases || []) {
    for (const i of rr.items) out.set(i.request.id, { release: rr.release, text: `release ${rr.release.version}${rr.release.shipped ? " (shipped)" : ""}` });
  }
  for (const l of map.lanes || []) {
    for (const i of l.items) out.set(i.request.id, { lane: l.lane, text: `lane ${lane(l.lane)}` });
  }
  return out;
}

function howComputed(id) {
  return h("a", { href: "#/scoring", class: "how", id: id || null }, "How is this computed?");
}

// The deployment's currency (from the backlog's answer), fetched once.
let currencyCache = null;
async function currency() {
  if (currencyCache === null) {
    const data = await rpc("PrioritizationService/GetRankedBacklog", { page_size: 1 });
    currencyCache = data.currency || "";
  }
  return currencyCache;
}

const day = (ts) => (ts ? String(ts).slice(0, 10) : "");
const num = (x, digits) => Number(x || 0).toFixed(digits === undefined ? 3 : digits);

function badge(value) {
  return h("span", { class: `badge s-${status(value).replace(/ /g, "-")}` }, status(value));
}

function requestLink(id, title) {
  return h("a", { href: `#/request/${id}`, class: "req-link", "data-id": id }, title || `#${id}`);
}

function section(title, ...children) {
  return h("section", { class: "card" }, h("h2", {}, title), ...children);
}

function field(label, input) {
  return h("label", { class: "field" }, h("span", {}, label), input);
}

function button(text, attrs, handler) {
  return h("button", Object.assign({ type: "button", onclick: handler }, attrs), text);
}

// A form whose submit runs an action (see act).
function actionForm(attrs, what, run, ...children) {
  const onsubmit = (event) => {
    event.preventDefault();
    act(what, run);
  };
  return h("form", Object.assign({ onsubmit }, attrs), ...children);
}

// Runs an action, redraws the page, then shows the outcome: once the notice is there, the page
// shows the state after the action (a PM, or a test, never types into the page before it).
async function act(what, fn) {
  let message;
  try {
    message = await fn();
  } catch (err) {
    notice(`${what} failed: ${err.message}`, "error");
    return;
  }
  await route(true);
  notice(message || `${what}: done`, "ok");
}

function needs(scope, what) {
  return h("p", { class: "muted needs" }, `Your token lacks the ${SCOPE_HELP[scope]} scope ${what}.`);
}

// ---------------------------------------------------------------------------------------------
// Sign-in

async function whoami() {
  const headers = state.token ? { authorization: `Bearer ${state.token}` } : {};
  const res = await fetch("/api/whoami", { headers });
  const data = await res.json();
  if (!res.ok) throw new RpcError(data);
  return data;
}

function renderWho() {
  const who = document.getElementById("who");
  who.replaceChildren();
  if (!state.me) return;
  const name = state.me.auth ? state.me.name : "no authentication";
  who.append(
    h("span", { id: "who-name" }, name),
    " · ",
    h("span", { id: "who-scopes", class: "muted" }, state.me.scopes.join(", ")),
  );
  if (state.me.auth) {
    who.append(" ", button("Sign out", { id: "sign-out", class: "link" }, signOut));
  }
}

function signOut() {
  state.token = "";
  state.me = null;
  sessionStorage.removeItem("sift.token");
  renderWho();
  location.hash = "#/signin";
  route();
}

function renderSignIn(main, error) {
  const input = h("input", {
    id: "token",
    type: "password",
    autocomplete: "off",
    placeholder: "sift_…",
    size: 48,
  });
  const submit = async (event) => {
    event.preventDefault();
    state.token = input.value.trim();
    try {
      state.me = await whoami();
      sessionStorage.setItem("sift.token", state.token);
      renderWho();
      notice("");
      location.hash = "#/backlog";
      await route();
    } catch (err) {
      state.me = null;
      renderSignIn(main, err.message);
    }
  };
  main.replaceChildren(
    h(
      "form",
      { class: "card signin", onsubmit: submit },
      h("h1", {}, "Sign in"),
      h("p", {}, "Paste a Sift token (", h("code", {}, "sift token create --name you --scope read,plan"), ")."),
      field("Token", input),
      h("button", { type: "submit", id: "sign-in" }, "Sign in"),
      error ? h("p", { class: "error", id: "sign-in-error" }, error) : null,
    ),
  );
  input.focus();
}

// ---------------------------------------------------------------------------------------------
// Routing

function parseHash() {
  const raw = location.hash.replace(/^#\/?/, "");
  const [path, query] = raw.split("?");
  const parts = path.split("/").filter(Boolean);
  return { page: parts[0] || "backlog", arg: parts[1], params: new URLSearchParams(query || "") };
}

let routing = 0;
async function route(keepNotice) {
  const ticket = ++routing;
  const main = document.getElementById("main");
  if (!keepNotice) notice("");
  if (!state.me) {
    try {
      state.me = await whoami();
      renderWho();
    } catch (err) {
      const hadToken = !!state.token;
      sessionStorage.removeItem("sift.token");
      state.token = "";
      renderSignIn(main, hadToken ? err.message : null);
      return;
    }
  }
  const { page, arg, params } = parseHash();
  for (const a of document.querySelectorAll("#nav a")) {
    a.classList.toggle("active", a.dataset.page === page);
  }
  if (page === "signin") return renderSignIn(main);
  if (!can("read")) {
    main.replaceChildren(needs("read", "to see the backlog, requests and the roadmap"));
    return;
  }
  const pages = { backlog, request, suggestions, roadmap, themes, outcomes, import: importPage, scoring };
  const render = pages[page] || backlog;
  try {
    const view = await render(arg, params);
    if (ticket === routing) main.replaceChildren(view);
  } catch (err) {
    if (ticket === routing) main.replaceChildren(h("p", { class: "error", id: "page-error" }, err.message));
  }
  document.body.dataset.ready = String(ticket);
}

// ---------------------------------------------------------------------------------------------
// Ranked backlog

// Each score part: its field, its weight's parameter, its colour class, and its name in words.
const PART_NAMES = [
  ["customer_value", "w_value", "value", "customer value"],
  ["reach", "w_reach", "reach", "reach"],
  ["strategic_fit", "w_fit", "fit", "strategic fit"],
  ["urgency", "w_urgency", "urgency", "urgency"],
];

// A row's score parts in words and numbers: "customer value 0.31 · reach 0.08 · ...", each the
// weighted part (weight × part) that adds to the score.
function partsWords(parts, weights) {
  return h(
    "div",
    { class: "parts-words" },
    PART_NAMES.map(([key, weightKey, label, words]) => {
      const weighted = (parts[key] || 0) * (weights[weightKey] || 0);
      return h(
        "span",
        { class: `part-word`, "data-part": key, title: `${words}: weight ${num(weights[weightKey], 2)} × part ${num(parts[key])} = ${num(weighted)}` },
        h("i", { class: `dot p-${label}` }),
        `${words} ${num(weighted, 2)}`,
      );
    }),
  );
}

function backlogRequest(params, pageToken, pageSize) {
  const req = { page_size: pageSize || Number(params.get("size") || 25) };
  if (pageToken) req.page_token = pageToken;
  if (params.get("status")) req.statuses = [params.get("status")];
  if (params.get("tier")) req.tier = params.get("tier");
  if (params.get("demand")) req.demand_profile = params.get("demand");
  if (params.get("theme")) req.theme_id = Number(params.get("theme"));
  if (params.get("segment")) req.segment = params.get("segment");
  if (params.get("min")) req.min_accounts = Number(params.get("min"));
  if (params.get("profile")) req.profile = { profile_id: Number(params.get("profile")) };
  return req;
}

function partsBar(parts, weights, scale) {
  const bar = h("div", { class: "bar" });
  for (const [key, weightKey, label, words] of PART_NAMES) {
    const weighted = (parts[key] || 0) * (weights[weightKey] || 0);
    const seg = h("span", {
      class: `seg p-${label}`,
      title: `${words}: ${num(weights[weightKey], 2)} × ${num(parts[key])} = ${num(weighted)}`,
    });
    seg.style.width = `${Math.max(0, (weighted / scale) * 100)}%`;
    bar.append(seg);
  }
  return bar;
}

function legend() {
  return h(
    "div",
    { class: "legend" },
    PART_NAMES.map(([, , label, words]) => h("span", {}, h("i", { class: `seg p-${label}` }), words)),
  );
}

function select(id, options, current) {
  return h(
    "select",
    { id },
    options.map(([value, label]) => h("option", { value, selected: String(value) === String(current || "") }, label)),
  );
}

const STATUSES = ["NEW", "UNDER_REVIEW", "PLANNED", "IN_PROGRESS", "SHIPPED", "DECLINED"];

// Every row of the filtered backlog whose title or id matches `query` (case-insensitive).
async function searchBacklog(params, query) {
  const needle = query.trim().toLowerCase().replace(/^#/, "");
  const out = { rows: [], total: 0, profile: null, currency: "", next_page_token: "" };
  let token = "";
  do {
    const data = await rpc("PrioritizationService/GetRankedBacklog", backlogRequest(params, token, 500));
    out.profile = data.profile;
    out.currency = data.currency;
    out.rows.push(...data.rows.filter((r) => r.title.toLowerCase().includes(needle) || String(r.request_id) === needle));
    token = data.next_page_token;
  } while (token);
  out.total = out.rows.length;
  return out;
}

async function backlog(_arg, params) {
  const pageToken = params.get("page") || "";
  const query = params.get("q") || "";
  const [data, themesList, profiles, map] = await Promise.all([
    query ? searchBacklog(params, query) : rpc("PrioritizationService/GetRankedBacklog", backlogRequest(params, pageToken)),
    rpc("PrioritizationService/ListThemes", {}),
    rpc("PrioritizationService/ListScoringProfiles", {}),
    rpc("RoadmapService/GetRoadmap", { include_shipped: true }),
  ]);
  const placed = placements(map);
  // Nothing by that title: the requests nearest to the words, as FindSimilar ranks them.
  const similar = query && !data.rows.length
    ? (await rpc("RequestService/FindSimilar", { text: query, limit: 8 }).catch(() => ({ requests: [] }))).requests
    : [];
  const inputs = {
    status: select("f-status", [["", "open (any)"], ...STATUSES.map((s) => [`REQUEST_STATUS_${s}`, status(`REQUEST_STATUS_${s}`)])], params.get("status")),
    tier: select("f-tier", [["", "any"], ["TIER_KEY", "key"], ["TIER_IMPORTANT", "important"], ["TIER_STANDARD", "standard"]], params.get("tier")),
    demand: select("f-demand", [["", "any"], ["DEMAND_PROFILE_KEY_ACCOUNT", "key account"], ["DEMAND_PROFILE_BROAD", "broad"], ["DEMAND_PROFILE_LONG_TAIL", "long tail"]], params.get("demand")),
    theme: select("f-theme", [["", "any"], ...themesList.themes.map((t) => [t.id, t.name])], params.get("theme")),
    segment: h("input", { id: "f-segment", value: params.get("segment") || "", size: 10 }),
    min: h("input", { id: "f-min", type: "number", min: 0, value: params.get("min") || "", size: 4 }),
    profile: select("f-profile", [["", "active"], ...profiles.profiles.map((p) => [p.id, `${p.name} v${p.version}${p.active ? " (active)" : ""}`])], params.get("profile")),
    size: select("f-size", [["25", "25"], ["50", "50"], ["100", "100"]], params.get("size") || "25"),
    q: h("input", { id: "f-search", type: "search", value: query, size: 18, placeholder: "title or #id" }),
  };
  const apply = (event) => {
    event.preventDefault();
    const next = new URLSearchParams();
    for (const [key, input] of Object.entries(inputs)) if (input.value) next.set(key, input.value);
    location.hash = `#/backlog?${next}`;
  };
  const filters = h(
    "form",
    { class: "filters", id: "filters", onsubmit: apply },
    field("Status", inputs.status),
    field("Tier", inputs.tier),
    field("Demand", inputs.demand),
    field("Theme", inputs.theme),
    field("Segment", inputs.segment),
    field("Min accounts", inputs.min),
    field("Profile", inputs.profile),
    field("Rows", inputs.size),
    field("Search", inputs.q),
    h("button", { type: "submit", id: "apply-filters" }, "Apply"),
  );

  const weights = (data.profile && data.profile.params) || {};
  const scale = Math.max(1, ...data.rows.map((r) => r.score));
  const placeText = (r) => (placed.get(r.request_id) || { text: "" }).text;
  const columns = [
    ["rank", "#", (r) => r.rank],
    ["title", "Request", (r) => r.title],
    ["status", "Status", (r) => r.status],
    ["roadmap", "Roadmap", placeText],
    ["score", "Score", (r) => r.score],
    ["parts", "Score parts (weighted)", null],
    ["accounts", "Accounts", (r) => r.accounts],
    ["arr", `ARR (${data.currency})`, (r) => r.arr],
    ["revenue_at_risk", `At risk (${data.currency})`, (r) => r.revenue_at_risk],
    ["demand_profile", "Demand", (r) => r.demand_profile],
    ["effort", "Effort", (r) => (r.effort === undefined ? -1 : r.effort)],
  ];
  let rows = data.rows.slice();
  let sortKey = "rank";
  let ascending = true;
  const tbody = h("tbody", {});
  const drawRows = () => {
    tbody.replaceChildren(
      ...rows.map((r) =>
        h(
          "tr",
          { "data-request-id": r.request_id },
          h("td", { class: "num" }, r.rank),
          h("td", { class: "title" }, requestLink(r.request_id, r.title)),
          h("td", {}, badge(r.status)),
          h("td", { class: "roadmap" }, placeText(r)),
          h("td", { class: "num score" }, num(r.score)),
          h("td", { class: "parts" }, partsBar(r.parts || {}, weights, scale), partsWords(r.parts || {}, weights)),
          h("td", { class: "num" }, r.accounts),
          h("td", { class: "num arr" }, money(r.arr, data.currency)),
          h("td", { class: "num" }, money(r.revenue_at_risk, data.currency)),
          h("td", {}, demand(r.demand_profile)),
          h("td", { class: "num effort" }, effortText(r.effort)),
        ),
      ),
    );
  };
  const header = h(
    "tr",
    {},
    columns.map(([key, label, get]) =>
      h(
        "th",
        {
          "data-sort": get ? key : null,
          class: get ? "sortable" : null,
          title: get ? "Sort this page" : null,
          onclick: get
            ? () => {
                ascending = sortKey === key ? !ascending : key === "rank" || key === "title";
                sortKey = key;
                rows.sort((a, b) => {
                  const x = get(a);
                  const y = get(b);
                  const c = typeof x === "string" ? x.localeCompare(y) : x - y;
                  return ascending ? c : -c;
                });
                drawRows();
              }
            : null,
        },
        label,
      ),
    ),
  );
  drawRows();

  const history = (params.get("back") || "").split(",").filter(Boolean);
  const go = (token, back) => {
    const next = new URLSearchParams(params);
    if (token) next.set("page", token);
    else next.delete("page");
    if (back.length) next.set("back", back.join(","));
    else next.delete("back");
    location.hash = `#/backlog?${next}`;
  };
  const first = data.rows.length ? data.rows[0].rank : 0;
  const last = data.rows.length ? data.rows[data.rows.length - 1].rank : 0;
  const pager = h(
    "div",
    { class: "pager" },
    button("← Previous", { id: "prev-page", disabled: !pageToken }, () => {
      const back = history.slice();
      const token = back.pop() || "";
      go(token === "-" ? "" : token, back);
    }),
    h("span", { id: "backlog-range" }, data.rows.length ? `${first}–${last} of ${data.total}` : `0 of ${data.total}`),
    button("Next →", { id: "next-page", disabled: !data.next_page_token }, () =>
      go(data.next_page_token, [...history, pageToken || "-"]),
    ),
    button("Export CSV", { id: "export-csv" }, async () => {
      try {
        const csv = await backlogCsv(params);
        const url = URL.createObjectURL(new Blob([csv], { type: "text/csv;charset=utf-8" }));
        const a = h("a", { href: url, download: "sift-backlog.csv" });
        document.body.append(a);
        a.click();
        a.remove();
        setTimeout(() => URL.revokeObjectURL(url), 1000);
      } catch (err) {
        notice(`Export failed: ${err.message}`, "error");
      }
    }),
  );
  const profileName = data.profile ? `${data.profile.name} v${data.profile.version}` : "";
  const searchNote = query
    ? h("p", { id: "search-summary" }, `${data.rows.length} request${data.rows.length === 1 ? "" : "s"} with “${query}” in the title, in rank order. `, h("a", { href: "#/backlog", id: "clear-search" }, "Clear search"))
    : null;
  const similarList = similar.length
    ? section("Requests like “" + query + "”", h("ul", { id: "search-similar" }, similar.map((x) => h("li", {}, requestLink(x.request.id, x.request.title), ` · similarity ${num(x.similarity, 2)} · ${status(x.request.status)}`))))
    : null;
  return h(
    "div",
    {},
    h("h1", {}, "Ranked backlog"),
    filters,
    h("p", { class: "muted" }, `Scored with profile ${profileName}; amounts in ${data.currency}, effort in person-weeks. Score = the sum of its weighted parts: `, legend(), " ", howComputed("how-backlog")),
    searchNote,
    h("div", { class: "scroll" }, h("table", { id: "backlog", class: "grid" }, h("thead", {}, header), tbody)),
    similarList,
    query ? null : pager,
  );
}

// One CSV cell; text a spreadsheet would run as a formula gets a leading single quote (OWASP
// CSV injection), the same rule as `domain::neutralise::csv_cell`.
function csvCell(value) {
  let s = String(value === undefined || value === null ? "" : value);
  if (/^[=+\-@\t\r]/.test(s) && !/^[-+]?(\d+\.?\d*|\.\d+)$/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

// Every row of the backlog under the page's filters, as CSV.
async function backlogCsv(params) {
  const lines = [
    "rank,request_id,title,status,score,customer_value,reach,strategic_fit,urgency,accounts,arr,revenue_at_risk,demand_profile,effort",
  ];
  let token = "";
  do {
    const data = await rpc("PrioritizationService/GetRankedBacklog", backlogRequest(params, token, 500));
    for (const r of data.rows) {
      const p = r.parts || {};
      lines.push(
        [r.rank, r.request_id, r.title, status(r.status), r.score, p.customer_value, p.reach, p.strategic_fit, p.urgency,
          r.accounts, (r.arr || 0) / 100, (r.revenue_at_risk || 0) / 100, demand(r.demand_profile), r.effort]
          .map(csvCell)
          .join(","),
      );
    }
    token = data.next_page_token;
  } while (token);
  return `${lines.join("\n")}\n`;
}

// ---------------------------------------------------------------------------------------------
// One request

async function request(arg) {
  const id = Number(arg);
  const got = await rpc("RequestService/GetRequest", { id, evidence_limit: 100 });
  const req = got.request;
  const [explain, similar, historyList, map, themesList, cur] = await Promise.all([
    rpc("PrioritizationService/ExplainScore", { request_id: id }).catch((err) => ({ error: err.message })),
    rpc("RequestService/FindSimilar", { text: req.title, limit: 6 }).catch(() => ({ requests: [] })),
    rpc("RequestService/ListStatusHistory", { id }).catch(() => ({ changes: [] })),
    rpc("RoadmapService/GetRoadmap", { include_shipped: true }),
    rpc("PrioritizationService/ListThemes", {}),
    currency(),
  ]);
  explain.currency = cur;
  const place = placements(map).get(id);
  const tiers = new Map((explain.accounts || []).map((a) => [a.account_id, a.tier]));
  const names = new Map(got.accounts.map((a) => [a.account_id, a.name || a.external_id]));

  const head = h(
    "div",
    { class: "req-head" },
    h("h1", { id: "request-title" }, req.title),
    h(
      "p",
      {},
      h("span", { id: "request-status" }, badge(req.status)),
      ` #${req.id} · `,
      h("span", { id: "request-counts" }, `${req.feedback_count} feedback from ${req.account_count} accounts`),
      explain.demand_profile ? ` · demand: ${demand(explain.demand_profile)}` : "",
      place ? h("span", { id: "request-place" }, ` · on the roadmap: ${place.text}`) : "",
      req.merged_into ? [" · merged into ", requestLink(req.merged_into)] : "",
    ),
  );

  let scoreCard;
  if (explain.error) {
    scoreCard = section("Score", h("p", { class: "muted" }, explain.error));
  } else {
    const max = Math.max(explain.score, ...explain.weighted_parts.map((p) => p.weighted), 0.0001);
    // What each part measures, in a PM's words, with this request's own numbers.
    const atRisk = (explain.at_risk_account_ids || []).length;
    // ExplainScore names the parts value, reach, fit and urgency.
    const words = { value: "customer value", reach: "reach", fit: "strategic fit", urgency: "urgency" };
    const meaning = {
      value: `ARR-weighted demand: ${explain.accounts.length} account${explain.accounts.length === 1 ? "" : "s"} asked, weighed by ARR, tier, importance and how recent`,
      reach: `${num((explain.account_share || 0) * 100, 1)}% of all accounts asked${explain.telemetry_users ? `; ${Number(explain.telemetry_users).toLocaleString("en-US")} users hit it in telemetry` : ""}`,
      fit: "how well it serves the active strategic themes (alignment × theme weight)",
      urgency: atRisk
        ? `${money(explain.revenue_at_risk, explain.currency)} ARR at risk: ${atRisk} requesting account${atRisk === 1 ? "" : "s"} renewing soon or in poor health`
        : "no requesting account is renewing soon or in poor health",
    };
    const chart = h(
      "div",
      { class: "chart", id: "score-chart" },
      explain.weighted_parts.map((p) => {
        const fill = h("span", { class: `fill p-${p.name.replace(/_.*/, "")}` });
        fill.style.width = `${(p.weighted / max) * 100}%`;
        return h(
          "div",
          { class: "chart-row", "data-part": p.name },
          h("span", { class: "chart-label" }, words[p.name] || p.name.replace(/_/g, " ")),
          h("span", { class: "chart-track" }, fill),
          h("span", { class: "num" }, `weight ${num(p.weight, 2)} × ${num(p.value)} = ${num(p.weighted)}`),
          h("span", { class: "chart-words muted" }, meaning[p.name] || ""),
        );
      }),
    );
    const topAccounts = h(
      "table",
      { class: "grid", id: "top-accounts" },
      h("thead", {}, h("tr", {}, ["Account", "Tier", "ARR", "Feedback", "Latest", "Contribution"].map((t) => h("th", {}, t)))),
      h(
        "tbody",
        {},
        explain.accounts.slice(0, 10).map((a) =>
          h(
            "tr",
            {},
            h("td", {}, a.name || a.external_id),
            h("td", {}, tier(a.tier)),
            h("td", { class: "num" }, money(a.arr, explain.currency)),
            h("td", { class: "num" }, a.feedback_count),
            h("td", {}, day(a.latest_evidence)),
            h("td", { class: "num" }, num(a.contribution)),
          ),
        ),
      ),
    );
    scoreCard = section(
      "Score",
      h("p", { class: "big" }, h("span", { id: "request-score" }, num(explain.score)), explain.effort_divisor && explain.effort_divisor !== 1 ? ` (÷ effort ${effortText(explain.effort_divisor)})` : ""),
      h("p", { class: "muted", id: "score-sentence" }, `The score is the sum of four weighted parts${explain.effort_divisor && explain.effort_divisor !== 1 ? ", divided by the effort" : ""}: `, explain.weighted_parts.map((p, i) => `${i ? " + " : ""}${words[p.name] || p.name} ${num(p.weighted, 3)}`).join(""), ` = ${num(explain.score)}. `, howComputed("how-request")),
      chart,
      h("p", { class: "muted" }, `Revenue at risk ${money(explain.revenue_at_risk, explain.currency)} · profile ${explain.profile ? `${explain.profile.name} v${explain.profile.version}` : ""}`),
      h("pre", { class: "formula" }, explain.formula),
      h("h3", {}, "Top accounts"),
      topAccounts,
    );
  }

  const evidence = section(
    `Evidence (${got.feedback.length}${got.feedback.length < req.feedback_count ? ` of ${req.feedback_count}` : ""})`,
    h(
      "ul",
      { class: "evidence", id: "evidence" },
      got.feedback.map((f) => {
        const target = h("input", { class: "move-target", type: "number", min: 1, placeholder: "request #", size: 8 });
        return h(
          "li",
          { "data-feedback-id": f.id },
          h("blockquote", { lang: "" }, f.title ? h("strong", {}, f.title, " ") : null, f.body),
          h(
            "div",
            { class: "meta" },
            `${enumLabel(f.source, "SOURCE_")} ${f.source_ref || ""} · ${names.get(f.account_id) || f.account_external_id} · ${tier(tiers.get(f.account_id))} · ${day(f.occurred_at)}`,
            f.moved_by_pm ? " · moved by a PM" : "",
          ),
          can("plan")
            ? h(
                "div",
                { class: "inline" },
                target,
                button("Move", { class: "move" }, () =>
                  act("Move", async () => {
                    const r = await rpc("RequestService/MoveFeedback", { feedback_id: f.id, target_request_id: Number(target.value) });
                    return `Moved feedback ${f.id} to request #${r.to_request_id}`;
                  }),
                ),
                button("To a new request", { class: "move-new" }, () =>
                  act("Move", async () => {
                    const r = await rpc("RequestService/MoveFeedback", { feedback_id: f.id, new_request: true });
                    return `Moved feedback ${f.id} to new request #${r.to_request_id}`;
                  }),
                ),
              )
            : null,
        );
      }),
    ),
  );

  const others = similar.requests.filter((s) => s.request.id !== id);
  const similarCard = section(
    "Similar requests",
    others.length
      ? h(
          "ul",
          { id: "similar" },
          others.map((s) => h("li", {}, requestLink(s.request.id, s.request.title), ` · similarity ${num(s.similarity, 2)} · ${status(s.request.status)}`)),
        )
      : h("p", { class: "muted", id: "similar" }, "Nothing similar enough."),
  );

  const historyCard = section(
    "Status history",
    historyList.changes.length
      ? h("ul", { id: "history" }, historyList.changes.map((c) => h("li", {}, `${day(c.at)}: ${status(c.from)} → ${status(c.to)}${c.actor ? ` by ${c.actor}` : ""}${c.reason ? ` (${c.reason})` : ""}`)))
      : h("p", { class: "muted" }, "No changes since it was opened."),
  );

  let actions;
  if (!can("plan")) {
    actions = section("Actions", needs("plan", "to rename, merge, move, align or plan"));
  } else {
    const title = h("input", { id: "rename-title", value: req.title, size: 40 });
    const mergeTarget = h("input", { id: "merge-target", type: "number", min: 1, size: 8 });
    const statusSel = select("status-select", STATUSES.map((s) => [`REQUEST_STATUS_${s}`, status(`REQUEST_STATUS_${s}`)]), req.status);
    // No theme is chosen for the PM: aligning is a decision, not a default.
    const themeSel = select("align-theme", [["", "choose a theme…"], ...themesList.themes.filter((t) => t.active).map((t) => [t.id, `${t.name} (weight ${num(t.weight, 2)})`])]);
    const alignment = h("input", { id: "align-value", type: "number", min: 0, max: 1, step: 0.1, placeholder: "0–1", size: 4 });
    const effort = h("input", { id: "effort", type: "number", min: 0, step: 0.5, size: 5, placeholder: "weeks" });
    const planSel = select("plan-target", [
      ["", "choose a release or lane…"],
      ...map.releases.filter((r) => !r.release.shipped).map((r) => [`release:${r.release.id}`, `release ${r.release.version} (${r.release.planned_date})`]),
      ["lane:LANE_NOW", "lane now"],
      ["lane:LANE_NEXT", "lane next"],
      ["lane:LANE_LATER", "lane later"],
      ["unplan", "unplan"],
    ]);
    actions = section(
      "Actions",
      h("div", { class: "inline" }, field("Title", title), button("Rename", { id: "rename" }, () =>
        act("Rename", async () => {
          await rpc("RequestService/RenameRequest", { id, title: title.value });
          return "Renamed";
        }))),
      h("div", { class: "inline" }, field("Merge into request #", mergeTarget), button("Merge", { id: "merge" }, () => {
        if (!confirm(`Merge #${id} into #${mergeTarget.value}? Its feedback joins that request.`)) return;
        act("Merge", async () => {
          const r = await rpc("RequestService/MergeRequests", { source_id: id, target_id: Number(mergeTarget.value) });
          return `Merged #${id} into #${r.merged_into}`;
        });
      })),
      req.status === "REQUEST_STATUS_MERGED"
        ? h("div", { class: "inline" }, button("Unmerge", { id: "unmerge" }, () =>
            act("Unmerge", async () => {
              await rpc("RequestService/UnmergeRequest", { id });
              return `Unmerged #${id}`;
            })))
        : null,
      h("div", { class: "inline" }, field("Status", statusSel), button("Set status", { id: "set-status" }, () =>
        act("Status", async () => {
          await rpc("RequestService/UpdateRequestStatus", { id, status: statusSel.value, actor: state.me.name || "console" });
          return "Status changed";
        }))),
      themesList.themes.length
        ? h("div", { class: "inline" }, field("Theme", themeSel), field("Alignment (0–1)", alignment), button("Align", { id: "align" }, () => {
            if (!themeSel.value) return notice("Align failed: choose a theme first", "error");
            if (alignment.value === "") return notice("Align failed: give an alignment between 0 and 1 (0 removes it)", "error");
            act("Align", async () => {
              const a = await rpc("PrioritizationService/AlignRequest", { request_id: id, theme_id: Number(themeSel.value), alignment: Number(alignment.value) });
              return a.alignment ? `Aligned with theme ${a.theme_id} at ${num(a.alignment, 2)}` : `No longer aligned with theme ${a.theme_id}`;
            });
          }))
        : null,
      h("div", { class: "inline" }, field("Effort (person-weeks)", effort), button("Set effort", { id: "set-effort" }, () =>
        act("Effort", async () => {
          await rpc("PrioritizationService/SetEffort", { request_id: id, effort: Number(effort.value) });
          return "Effort set";
        }))),
      h("div", { class: "inline" }, field("Plan into", planSel), button("Plan", { id: "plan" }, () => {
        if (!planSel.value) return notice("Plan failed: choose a release or a lane first", "error");
        act("Plan", async () => {
          const body = { request_id: id, actor: state.me.name || "console" };
          const v = planSel.value;
          if (v.startsWith("release:")) body.release_id = Number(v.slice(8));
          else if (v.startsWith("lane:")) body.lane = v.slice(5);
          else body.unplan = true;
          const item = await rpc("RoadmapService/PlanRequest", body);
          return item.release_id ? `Planned into release ${item.release_id}` : `Planned: ${lane(item.lane) || "unplanned"}`;
        });
      })),
    );
  }
  return h("div", { class: "request", "data-request-id": id }, head, h("div", { class: "cols" }, h("div", {}, scoreCard, evidence), h("div", {}, actions, similarCard, historyCard)));
}

// ---------------------------------------------------------------------------------------------
// Merge suggestions

async function suggestions() {
  const data = await rpc("RequestService/ListMergeSuggestions", { status: "SUGGESTION_STATUS_PENDING", page_size: 200 });
  const rows = data.suggestions.map((s) =>
    h(
      "tr",
      { "data-suggestion-id": s.id },
      h("td", {}, requestLink(s.request_id, s.request_title)),
      h("td", {}, requestLink(s.target_request_id, s.target_title)),
      h("td", { class: "num" }, num(s.similarity, 2)),
      h("td", {}, day(s.created_at)),
      h(
        "td",
        {},
        can("plan")
          ? [
              button("Accept", { class: "accept" }, () =>
                act("Accept", async () => {
                  await rpc("RequestService/AcceptMergeSuggestion", { id: s.id });
                  return `Merged #${s.request_id} into #${s.target_request_id}`;
                })),
              " ",
              button("Reject", { class: "reject" }, () =>
                act("Reject", async () => {
                  await rpc("RequestService/RejectMergeSuggestion", { id: s.id });
                  return "Rejected: automatic clustering will not merge these";
                })),
            ]
          : "",
      ),
    ),
  );
  const moves = await rpc("RequestService/ListMoveSuggestions", { status: "SUGGESTION_STATUS_PENDING", page_size: 200 });
  const moveRows = moves.suggestions.map((s) =>
    h(
      "tr",
      { "data-move-suggestion-id": s.id },
      h("td", {}, `#${s.feedback_id}`),
      h("td", {}, requestLink(s.from_request_id, s.from_title)),
      h("td", {}, requestLink(s.target_request_id, s.target_title)),
      h("td", { class: "num" }, num(s.similarity, 2)),
      h("td", {}, day(s.created_at)),
      h(
        "td",
        {},
        can("plan")
          ? [
              button("Accept", { class: "accept" }, () =>
                act("Accept", async () => {
                  await rpc("RequestService/AcceptMoveSuggestion", { id: s.id });
                  return `Moved feedback ${s.feedback_id} to #${s.target_request_id}`;
                })),
              " ",
              button("Reject", { class: "reject" }, () =>
                act("Reject", async () => {
                  await rpc("RequestService/RejectMoveSuggestion", { id: s.id });
                  return `Feedback ${s.feedback_id} stays in #${s.from_request_id}`;
                })),
            ]
          : "",
      ),
    ),
  );
  return h(
    "div",
    {},
    h("h1", {}, "Merge suggestions"),
    h("p", { class: "muted" }, "New requests that look like an existing one. Accept merges the new one into it; reject keeps them apart for good."),
    can("plan") ? null : needs("plan", "to accept or reject"),
    rows.length
      ? h("table", { class: "grid", id: "suggestions" }, h("thead", {}, h("tr", {}, ["Request", "Likely duplicate of", "Similarity", "Since", ""].map((t) => h("th", {}, t)))), h("tbody", {}, rows))
      : h("p", { id: "suggestions-empty" }, "Nothing to review."),
    h("h2", {}, "Move suggestions"),
    h("p", { class: "muted" }, "Feedback that consolidation found closer to another request. Accept moves it there; reject keeps it where it is for good."),
    moveRows.length
      ? h("table", { class: "grid", id: "move-suggestions" }, h("thead", {}, h("tr", {}, ["Feedback", "Now in", "May belong in", "Similarity", "Since", ""].map((t) => h("th", {}, t)))), h("tbody", {}, moveRows))
      : h("p", { id: "move-suggestions-empty" }, "No stray feedback to review."),
  );
}

// ---------------------------------------------------------------------------------------------
// Roadmap

// A request of a release; on an unshipped release a PM edits its release note in place.
function itemRow(item, release) {
  let note;
  if (!release.shipped && can("plan")) {
    const text = h("textarea", { class: "note-text", rows: 2, cols: 44, maxlength: 5000, placeholder: "How this solves the customer's problem, in their words" });
    text.value = item.release_note || "";
    note = h(
      "div",
      { class: "note-editor" },
      text,
      button("Save note", { class: "save-note" }, () =>
        act("Release note", async () => {
          const saved = await rpc("RoadmapService/SetReleaseNote", { request_id: item.request.id, release_id: release.id, text: text.value });
          return saved.release_note ? `Release note saved for #${item.request.id}` : `Release note removed for #${item.request.id}`;
        })),
    );
  } else {
    note = h("span", { class: "note" }, item.release_note || "");
  }
  return h(
    "tr",
    { "data-request-id": item.request.id },
    h("td", {}, requestLink(item.request.id, item.request.title)),
    h("td", {}, badge(item.request.status)),
    h("td", { class: "num" }, num(item.score)),
    h("td", {}, note),
  );
}

function previewView(p) {
  return h(
    "div",
    { class: "preview-out" },
    h("p", { class: "preview-summary" }, `${p.notifications} notifications to write, ${p.suppressed} of them suppressed.`),
    p.requests.map((r) =>
      h(
        "div",
        {},
        h("h4", {}, r.item.request.title, r.needs_title ? h("span", { class: "badge s-declined" }, " needs a title or release note") : null),
        h(
          "table",
          { class: "grid small" },
          h("thead", {}, h("tr", {}, ["Contact", "Account", "Channel", "To", "Quotes", "Suppressed"].map((t) => h("th", {}, t)))),
          h(
            "tbody",
            {},
            r.recipients.map((x) =>
              h("tr", {}, h("td", {}, x.contact_id || "—"), h("td", {}, x.account_id), h("td", {}, channel(x.channel)), h("td", {}, x.recipient), h("td", { class: "num" }, x.quotes), h("td", {}, x.suppressed ? x.suppressed_reason : "")),
            ),
          ),
        ),
      ),
    ),
  );
}

function releaseCard(rr) {
  const r = rr.release;
  const out = h("div", { class: "preview-slot" });
  return h(
    "section",
    { class: `card release${r.shipped ? " shipped" : ""}`, "data-release-id": r.id, "data-version": r.version },
    h(
      "h2",
      {},
      `${r.version} `,
      h("span", { class: "muted" }, `${enumLabel(r.kind, "RELEASE_KIND_")} · ${r.planned_date}`),
      " ",
      h("span", { class: `badge ${r.shipped ? "s-shipped" : "s-planned"} release-state` }, r.shipped ? `shipped ${day(r.shipped_at)}${r.shipped_by ? ` by ${r.shipped_by}` : ""}` : "planned"),
    ),
    r.summary ? h("p", {}, r.summary) : null,
    rr.items.length
      ? h("table", { class: "grid" }, h("thead", {}, h("tr", {}, ["Request", "Status", "Score", "Release note"].map((t) => h("th", {}, t)))), h("tbody", {}, rr.items.map((i) => itemRow(i, r))))
      : h("p", { class: "muted" }, "No requests planned."),
    h(
      "div",
      { class: "inline" },
      button(r.shipped ? "Who was told" : "Preview who will be told", { class: "preview" }, async () => {
        try {
          out.replaceChildren(previewView(await rpc("RoadmapService/PreviewRelease", { release_id: r.id })));
        } catch (err) {
          notice(`Preview failed: ${err.message}`, "error");
        }
      }),
      !r.shipped && can("release")
        ? button("Ship…", { class: "ship danger" }, () => {
            if (!confirm(`Ship release ${r.version}? Its requests become shipped and every requester is told.`)) return;
            act("Ship", async () => {
              // Requests with neither a PM title nor a release note would go out under a
              // title made of some customer's words: the PM says so explicitly, or fixes them.
              const p = await rpc("RoadmapService/PreviewRelease", { release_id: r.id });
              const untitled = p.untitled_request_ids || [];
              let accept = false;
              if (untitled.length) {
                if (!confirm(`Requests ${untitled.join(", ")} have neither a PM title nor a release note. Ship them with their generated titles?`)) {
                  return `Not shipped: rename requests ${untitled.join(", ")} or give them a release note.`;
                }
                accept = true;
              }
              const s = await rpc("RoadmapService/ShipRelease", { release_id: r.id, actor: state.me.name || "console", accept_generated_titles: accept });
              return `Shipped ${s.release.version}: ${s.created} notifications written (${s.suppressed} suppressed)`;
            });
          })
        : null,
    ),
    out,
  );
}

async function roadmap() {
  // Shipped releases are listed too (newest last from the API; shown newest first).
  const data = await rpc("RoadmapService/GetRoadmap", { include_shipped: true });
  const planned = data.releases.filter((rr) => !rr.release.shipped);
  const shipped = data.releases.filter((rr) => rr.release.shipped).reverse();
  const lanes = h(
    "div",
    { class: "lanes", id: "lanes" },
    data.lanes.map((l) =>
      h(
        "section",
        { class: "card lane", "data-lane": l.lane },
        h("h2", {}, lane(l.lane)),
        h("ul", {}, l.items.map((i) => h("li", { "data-request-id": i.request.id }, requestLink(i.request.id, i.request.title), ` · ${num(i.score)}`))),
      ),
    ),
  );
  let create = null;
  if (can("plan")) {
    const version = h("input", { id: "release-version", placeholder: "2.4.0", size: 10 });
    const kind = select("release-kind", [["RELEASE_KIND_MINOR", "minor (weekly)"], ["RELEASE_KIND_MAJOR", "major (quarterly)"]]);
    const date = h("input", { id: "release-date", type: "date" });
    const summary = h("input", { id: "release-summary", size: 30 });
    create = actionForm(
      { class: "card inline", id: "create-release" },
      "Create release",
      async () => {
        const r = await rpc("RoadmapService/CreateRelease", { version: version.value, kind: kind.value, planned_date: date.value, summary: summary.value });
        return `Created release ${r.version}`;
      },
      field("Version", version),
      field("Kind", kind),
      field("Planned", date),
      field("Summary", summary),
      h("button", { type: "submit", id: "create-release-button" }, "Create release"),
    );
  }
  return h(
    "div",
    {},
    h("h1", {}, "Roadmap"),
    create,
    h("h2", {}, "Planned releases"),
    h("div", { id: "releases" }, planned.length ? planned.map(releaseCard) : h("p", { class: "muted", id: "no-planned" }, data.releases.length ? "No release planned: every release has shipped." : "No releases yet.")),
    h("h2", {}, "Lanes"),
    lanes,
    h("h2", {}, `Shipped releases (${shipped.length})`),
    h("div", { id: "shipped-releases" }, shipped.length ? shipped.map(releaseCard) : h("p", { class: "muted" }, "Nothing shipped yet.")),
  );
}

// ---------------------------------------------------------------------------------------------
// Import a help desk's or CRM's CSV export (the same mapping and batches as `sift import`)

async function importPage() {
  if (!can("ingest")) {
    return h("div", {}, h("h1", {}, "Import feedback"), needs("ingest", "to import feedback"));
  }
  const file = h("input", { id: "import-file", type: "file", accept: ".csv,text/csv" });
  const preset = select("import-preset", [["", "none (map every column)"], ["zendesk", "Zendesk ticket export"], ["intercom", "Intercom conversation export"], ["salesforce", "Salesforce cases (report or Data Loader)"]], "zendesk");
  const map = h("input", { id: "import-map", size: 60, placeholder: "title=Subject,body=Description,account=Organization" });
  const dateFormat = h("input", { id: "import-date-format", size: 16, placeholder: "%d/%m/%Y %H:%M" });
  const source = select("import-source", [["", "the preset's (support)"], ["SUPPORT", "support"], ["CSM", "CSM"], ["SALES", "sales"], ["RESEARCH", "research"]]);
  const out = h("div", { id: "import-result" });
  const run = async () => {
    if (!file.files.length) return notice("Import failed: choose a CSV file", "error");
    const chosen = file.files[0];
    notice("");
    out.replaceChildren(h("p", { class: "muted", id: "import-progress" }, `Importing ${chosen.name} (${Math.round(chosen.size / 1024).toLocaleString("en-US")} KB)…`));
    try {
      const csv = await chosen.text();
      const headers = { "content-type": "application/json" };
      if (state.token) headers.authorization = `Bearer ${state.token}`;
      const res = await fetch("/api/import", { method: "POST", headers, body: JSON.stringify({ csv, preset: preset.value, map: map.value, source: source.value, date_format: dateFormat.value }) });
      const data = await res.json();
      if (!res.ok) throw new RpcError(data);
      out.replaceChildren(importSummary(chosen.name, data));
      notice(`Imported ${chosen.name}: ${data.accepted.toLocaleString("en-US")} new, ${data.duplicates.toLocaleString("en-US")} already imported, ${data.refused.length.toLocaleString("en-US")} refused`, data.refused.length ? "error" : "ok");
    } catch (err) {
      out.replaceChildren();
      notice(`Import failed: ${err.message}`, "error");
    }
  };
  return h(
    "div",
    {},
    h("h1", {}, "Import feedback"),
    h("p", { class: "muted" }, "A help desk's or CRM's CSV export becomes feedback, row by row. Importing the same file again adds nothing: rows already imported are recognised by their id in the source."),
    section(
      "CSV file",
      h("div", { class: "inline" }, field("File", file), field("Export from", preset), field("Source", source)),
      h("div", { class: "inline" }, field("Columns (optional, on top of the preset): field=Column, …", map), field("Date format (when dates are not read)", dateFormat)),
      h("p", { class: "muted small" }, "Fields: source_ref, title, body, account, contact_email, contact_name, contact_id, occurred_at, importance. “|” gives fallbacks: account=Organization|Requester domain."),
      button("Import", { id: "import-button" }, run),
    ),
    out,
  );
}

function importSummary(name, data) {
  const n = (x) => Number(x || 0).toLocaleString("en-US");
  return section(
    `Imported ${name}`,
    h("p", { id: "import-summary" }, `${n(data.rows)} rows: ${n(data.accepted)} new feedback items in ${n(data.requests)} requests, ${n(data.duplicates)} already imported (skipped), ${n(data.refused.length)} refused.`),
    h("p", { class: "muted" }, `Columns: ${data.mapping}`),
    data.latin1_rows ? h("p", { class: "muted" }, `${n(data.latin1_rows)} rows were not UTF-8 and were read as Latin-1.`) : null,
    data.refused.length
      ? h(
          "table",
          { class: "grid small", id: "import-refused" },
          h("thead", {}, h("tr", {}, ["Row", "Column", "Field", "Reason"].map((t) => h("th", {}, t)))),
          h("tbody", {}, data.refused.map((r) => h("tr", { "data-row": r.row }, h("td", { class: "num" }, r.row), h("td", {}, r.column), h("td", {}, r.field), h("td", {}, r.reason)))),
        )
      : null,
  );
}

// ---------------------------------------------------------------------------------------------
// How scores are computed (docs/scoring.md, served by the console)

// A small Markdown reader for docs/scoring.md: headings, paragraphs, lists, fenced code and
// tables, with `code` and **bold** inline. It builds elements and text nodes only, never HTML.
function inline(text) {
  const out = [];
  for (const part of text.split(/(`[^`]+`|\*\*[^*]+\*\*)/)) {
    if (!part) continue;
    if (part.startsWith("`") && part.endsWith("`") && part.length > 1) out.push(h("code", {}, part.slice(1, -1)));
    else if (part.startsWith("**") && part.endsWith("**") && part.length > 3) out.push(h("strong", {}, part.slice(2, -2)));
    else out.push(part);
  }
  return out;
}

function markdown(source) {
  const root = h("div", { class: "doc" });
  const lines = source.replace(/<!--[\s\S]*?-->/g, "").split("\n");
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (line.startsWith("```")) {
      const code = [];
      for (i += 1; i < lines.length && !lines[i].startsWith("```"); i += 1) code.push(lines[i]);
      i += 1;
      root.append(h("pre", { class: "formula" }, code.join("\n")));
    } else if (/^#{1,6} /.test(line)) {
      const level = line.indexOf(" ");
      root.append(h(level <= 1 ? "h2" : "h3", {}, inline(line.slice(level + 1))));
      i += 1;
    } else if (line.startsWith("|")) {
      const rows = [];
      for (; i < lines.length && lines[i].startsWith("|"); i += 1) {
        const cells = lines[i].trim().replace(/^\|/, "").replace(/\|$/, "").split("|").map((c) => c.trim());
        if (!cells.every((c) => /^:?-+:?$/.test(c))) rows.push(cells);
      }
      const [head, ...body] = rows;
      root.append(h("table", { class: "grid small" }, h("thead", {}, h("tr", {}, head.map((c) => h("th", {}, inline(c))))), h("tbody", {}, body.map((r) => h("tr", {}, r.map((c) => h("td", {}, inline(c))))))));
    } else if (/^\s*- /.test(line)) {
      const items = [];
      for (; i < lines.length && /^\s*- /.test(lines[i]); i += 1) {
        items.push(lines[i].replace(/^\s*- /, ""));
        // A wrapped item goes on in the lines that follow it, up to a blank line or the next item.
        while (i + 1 < lines.length && lines[i + 1].trim() && !/^\s*- /.test(lines[i + 1]) && !/^(#|\||```)/.test(lines[i + 1])) {
          i += 1;
          items[items.length - 1] += ` ${lines[i].trim()}`;
        }
      }
      root.append(h("ul", {}, items.map((t) => h("li", {}, inline(t)))));
    } else if (!line.trim()) {
      i += 1;
    } else {
      const para = [];
      for (; i < lines.length && lines[i].trim() && !/^(#|\||```|\s*- )/.test(lines[i]); i += 1) para.push(lines[i].trim());
      root.append(h("p", {}, inline(para.join(" "))));
    }
  }
  return root;
}

async function scoring() {
  const [res, profiles] = await Promise.all([fetch("/scoring.md"), rpc("PrioritizationService/ListScoringProfiles", {})]);
  const text = await res.text();
  const active = profiles.profiles.find((p) => p.active);
  return h(
    "div",
    { class: "scoring" },
    h("h1", {}, "How is the score computed?"),
    active
      ? section(
          `Active profile: ${active.name} v${active.version}`,
          h("p", { id: "active-weights" }, PART_NAMES.map(([, weightKey, , words]) => `${words} × ${num(active.params[weightKey], 2)}`).join(" + "), active.params.divide_by_effort ? " , divided by the effort (person-weeks)" : ""),
        )
      : null,
    h("section", { class: "card", id: "scoring-doc" }, markdown(text)),
  );
}

// ---------------------------------------------------------------------------------------------
// Themes and scoring profiles

const PARAMS = [
  "w_value", "w_reach", "w_fit", "w_urgency", "tier_key", "tier_important", "tier_standard", "tier_unknown",
  "imp_critical", "imp_important", "imp_nice", "imp_unspecified", "half_life_days", "value_scale", "reach_scale",
  "reach_account_blend", "urgency_scale", "renewal_window_days", "health_threshold", "divide_by_effort",
  "default_effort", "min_effort", "key_share", "broad_min_accounts", "broad_min_share",
];

function whatIfTable(id, rows, other) {
  const before = new Map((other || []).map((r) => [r.request_id, r.rank]));
  return h(
    "table",
    { class: "grid small", id },
    h("thead", {}, h("tr", {}, ["#", "Request", "Score", other ? "Change" : ""].map((t) => h("th", {}, t)))),
    h(
      "tbody",
      {},
      rows.map((r) => {
        let change = "";
        if (other) {
          const was = before.get(r.request_id);
          change = was === undefined ? "new" : was === r.rank ? "=" : was > r.rank ? `↑${was - r.rank}` : `↓${r.rank - was}`;
        }
        return h("tr", { "data-request-id": r.request_id }, h("td", { class: "num" }, r.rank), h("td", {}, requestLink(r.request_id, r.title)), h("td", { class: "num" }, num(r.score)), h("td", { class: "change" }, change));
      }),
    ),
  );
}

async function themes() {
  const [themeList, profiles] = await Promise.all([
    rpc("PrioritizationService/ListThemes", {}),
    rpc("PrioritizationService/ListScoringProfiles", {}),
  ]);
  const themeRows = themeList.themes.map((t) =>
    h(
      "tr",
      { "data-theme-id": t.id },
      h("td", {}, t.name),
      h("td", {}, t.description),
      h("td", { class: "num" }, num(t.weight, 2)),
      h("td", {}, t.active ? "active" : "inactive"),
      h("td", {}, can("plan")
        ? button(t.active ? "Deactivate" : "Activate", { class: "toggle-theme" }, () =>
            act("Theme", async () => {
              await rpc("PrioritizationService/UpdateTheme", { id: t.id, active: !t.active });
              return `Theme ${t.name} ${t.active ? "deactivated" : "activated"}`;
            }))
        : ""),
    ),
  );
  let themeForm = null;
  if (can("plan")) {
    const name = h("input", { id: "theme-name", size: 16 });
    const description = h("input", { id: "theme-description", size: 30 });
    const weight = h("input", { id: "theme-weight", type: "number", step: 0.1, min: 0, value: "1", size: 4 });
    themeForm = actionForm(
      { class: "inline", id: "create-theme" },
      "Create theme",
      async () => {
        const t = await rpc("PrioritizationService/CreateTheme", { name: name.value, description: description.value, weight: Number(weight.value), active: true });
        return `Created theme ${t.name}`;
      },
      field("Name", name),
      field("Description", description),
      field("Weight", weight),
      h("button", { type: "submit" }, "Create theme"),
    );
  }

  const active = profiles.profiles.find((p) => p.active) || profiles.profiles[0];
  const profileRows = profiles.profiles.map((p) =>
    h(
      "tr",
      { "data-profile-id": p.id },
      h("td", {}, p.name),
      h("td", { class: "num" }, p.version),
      h("td", {}, p.active ? "active" : ""),
      h("td", {}, day(p.created_at)),
      h("td", {}, can("plan") && !p.active
        ? button("Make active", { class: "activate-profile" }, () =>
            act("Profile", async () => {
              await rpc("PrioritizationService/SetActiveProfile", { profile_id: p.id });
              return `Profile ${p.name} v${p.version} is active`;
            }))
        : ""),
    ),
  );

  // The editor: start from a profile, change parameters, compare, save as a new version.
  const base = select("profile-base", profiles.profiles.map((p) => [p.id, `${p.name} v${p.version}`]), active && active.id);
  const profileName = h("input", { id: "profile-name", value: active ? active.name : "default", size: 16 });
  const inputs = {};
  const grid = h("div", { class: "params" });
  const fill = () => {
    const p = profiles.profiles.find((x) => String(x.id) === base.value) || active;
    grid.replaceChildren();
    for (const key of PARAMS) {
      const value = p ? p.params[key] : 0;
      inputs[key] = typeof value === "boolean"
        ? h("input", { type: "checkbox", "data-param": key, checked: value })
        : h("input", { type: "number", step: "any", "data-param": key, value: String(value), size: 6 });
      grid.append(field(key.replace(/_/g, " "), inputs[key]));
    }
    profileName.value = p ? p.name : profileName.value;
  };
  base.addEventListener("change", fill);
  fill();
  const params = () => {
    const out = {};
    for (const key of PARAMS) out[key] = inputs[key].type === "checkbox" ? inputs[key].checked : Number(inputs[key].value);
    return out;
  };
  const compare = h("div", { class: "cols", id: "what-if" });
  const editor = h(
    "section",
    { class: "card" },
    h("h2", {}, "New profile version and “what if”"),
    h("div", { class: "inline" }, field("Start from", base), field("Name", profileName)),
    grid,
    h(
      "div",
      { class: "inline" },
      button("What if? Compare with the active profile", { id: "what-if-button" }, async () => {
        try {
          const [now, then] = await Promise.all([
            rpc("PrioritizationService/GetRankedBacklog", { page_size: 20 }),
            rpc("PrioritizationService/GetRankedBacklog", { page_size: 20, profile: { inline: params() } }),
          ]);
          compare.replaceChildren(
            h("div", {}, h("h3", {}, `Active: ${now.profile.name} v${now.profile.version}`), whatIfTable("what-if-active", now.rows)),
            h("div", {}, h("h3", {}, "With these parameters"), whatIfTable("what-if-edited", then.rows, now.rows)),
          );
        } catch (err) {
          notice(`What if failed: ${err.message}`, "error");
        }
      }),
      can("plan")
        ? button("Save as new version", { id: "save-profile" }, () =>
            act("Save profile", async () => {
              const p = await rpc("PrioritizationService/CreateScoringProfile", { name: profileName.value, params: params() });
              return `Saved ${p.name} v${p.version} (not active until you make it so)`;
            }))
        : null,
    ),
    compare,
  );

  return h(
    "div",
    {},
    h("h1", {}, "Themes & scoring profiles"),
    section("Strategic themes", h("table", { class: "grid", id: "themes" }, h("thead", {}, h("tr", {}, ["Theme", "Description", "Weight", "State", ""].map((t) => h("th", {}, t)))), h("tbody", {}, themeRows)), themeForm),
    section("Scoring profiles", h("table", { class: "grid", id: "profiles" }, h("thead", {}, h("tr", {}, ["Profile", "Version", "", "Created", ""].map((t) => h("th", {}, t)))), h("tbody", {}, profileRows))),
    editor,
  );
}

// ---------------------------------------------------------------------------------------------
// Outcomes: churn exposure, release impact with adoption curves, score backtests. Every figure
// shows what happened together, never what caused it; the page says so where it compares.

const outcome = (v) => enumLabel(v, "RENEWAL_OUTCOME_");
const isoDay = (d) => d.toISOString().slice(0, 10);
function daysBefore(n) {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() - n);
  return isoDay(d);
}

// What to do when no loss shows: the renewals may not be recorded at all (the CRM feeds them).
function noRenewals(id, lead) {
  return h(
    "p",
    { class: "muted empty", id },
    `${lead} If no renewals are recorded yet: record them with `,
    h("code", {}, "sift renewal record"),
    " or RecordRenewal.",
  );
}

// A table row that opens, below it, the accounts behind its figure.
function expandable(attrs, cells, accountsTable) {
  const detail = h("tr", { class: "accounts-row", hidden: true }, h("td", { colspan: cells.length + 1 }, accountsTable));
  const toggle = button("▸", { class: "expand link-dark", title: "Show the accounts", "aria-expanded": "false" }, () => {
    detail.hidden = !detail.hidden;
    toggle.textContent = detail.hidden ? "▸" : "▾";
    toggle.setAttribute("aria-expanded", String(!detail.hidden));
  });
  return [h("tr", attrs, h("td", {}, toggle), cells), detail];
}

// Headers whose name ends in "#" head a numeric (right-aligned) column.
function headRow(headers) {
  return h("tr", {}, headers.map((t) => (t.endsWith("#") ? h("th", { class: "num" }, t.slice(0, -1)) : h("th", {}, t))));
}

function smallTable(headers, rows) {
  return h(
    "table",
    { class: "grid small" },
    h("thead", {}, headRow(headers)),
    h("tbody", {}, rows),
  );
}

function accountCell(a) {
  return h("td", {}, a.account_name || a.account_external_id, h("span", { class: "muted" }, ` (${a.account_external_id})`));
}

async function churnPanel(cur) {
  const from = h("input", { id: "churn-from", type: "date", value: daysBefore(365) });
  const to = h("input", { id: "churn-to", type: "date", value: isoDay(new Date()) });
  const out = h("div", { id: "churn-out" });
  const load = async () => {
    try {
      out.replaceChildren(churnView(await rpc("OutcomeService/GetChurnExposure", { from: from.value, to: to.value }), cur));
    } catch (err) {
      out.replaceChildren(h("p", { class: "error" }, err.message));
    }
  };
  const form = h(
    "form",
    { class: "inline", id: "churn-form", onsubmit: (e) => { e.preventDefault(); load(); } },
    field("From", from),
    field("To", to),
    h("button", { type: "submit", id: "churn-show" }, "Show"),
  );
  await load();
  return section("Churn exposure", h("p", { class: "muted small" }, "ARR that churned or contracted in the period, by the open requests those accounts had asked for. An account waiting on several requests counts in each."), form, out);
}

function churnView(e, cur) {
  const c = e.currency || cur;
  const lossRows = e.requests.flatMap((r) =>
    expandable(
      { "data-request-id": r.request_id },
      [
        h("td", {}, requestLink(r.request_id, r.title)),
        h("td", {}, badge(r.status)),
        h("td", { class: "num arr" }, money(r.arr_lost, c)),
        h("td", { class: "num" }, r.accounts.length),
      ],
      smallTable(
        ["Account", "Renewal", "On", "Outcome", "ARR before#", "after#", "Lost#"],
        r.accounts.map((a) => h("tr", { "data-account-id": a.account_id }, accountCell(a), h("td", {}, a.renewal_reference), h("td", {}, a.renewed_on), h("td", {}, outcome(a.outcome)), h("td", { class: "num" }, money(a.arr_before, c)), h("td", { class: "num" }, money(a.arr_after, c)), h("td", { class: "num" }, money(a.arr_lost, c)))),
      ),
    ),
  );
  const riskRows = e.at_risk.flatMap((r) =>
    expandable(
      { "data-request-id": r.request_id },
      [
        h("td", {}, requestLink(r.request_id, r.title)),
        h("td", {}, badge(r.status)),
        h("td", { class: "num arr" }, money(r.arr_at_risk, c)),
        h("td", { class: "num" }, r.accounts.length),
      ],
      smallTable(
        ["Account", "ARR#", "Renews", "Health#", "Why at risk"],
        r.accounts.map((a) => h("tr", { "data-account-id": a.account_id }, accountCell(a), h("td", { class: "num" }, money(a.arr, c)), h("td", {}, a.renewal_date), h("td", { class: "num" }, a.health ?? "—"), h("td", {}, [a.renewing ? "renewal due" : "", a.unhealthy ? "low health" : ""].filter(Boolean).join(", ")))),
      ),
    ),
  );
  const head = (arr) => h("thead", {}, headRow(["", "Request", "Status", `${arr}#`, "Accounts#"]));
  return h(
    "div",
    {},
    h(
      "p",
      { class: "churn-summary" },
      h("strong", {}, money(e.arr_churned, c)), " churned · ",
      h("strong", {}, money(e.arr_contracted, c)), " contracted · ",
      money(e.arr_lost_waiting_on_nothing, c), " lost by accounts waiting on no open request",
    ),
    e.losses.length
      ? h("table", { class: "grid", id: "churn" }, head("ARR lost"), h("tbody", {}, lossRows))
      : noRenewals("churn-empty", "Nothing churned or contracted in this period."),
    e.losses.length && !e.requests.length ? h("p", { class: "muted" }, "The accounts that lost ARR in this period were waiting on no open request.") : null,
    h("h3", {}, `Open ARR at risk now (renewal within ${e.renewal_window_days} days or health below ${e.health_threshold}, profile ${e.profile})`),
    e.at_risk.length
      ? h("table", { class: "grid", id: "at-risk" }, head("ARR at risk"), h("tbody", {}, riskRows))
      : h("p", { class: "muted", id: "at-risk-empty" }, "No account that asked for an open request renews within the window or has low health. Keep accounts' renewal dates and health current with UpsertAccounts (the CRM sync)."),
  );
}

// An inline SVG line chart: one line per series over the same days.
const SVG = "http://www.w3.org/2000/svg";
function svg(tag, attrs, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) el.setAttribute(k, String(v));
  for (const c of children) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

function lineChart(days, series, label) {
  const W = 560, H = 180, L = 36, R = 10, T = 10, B = 26;
  const max = Math.max(1, ...series.flatMap((s) => s.values));
  const n = Math.max(1, days.length - 1);
  const x = (i) => L + ((W - L - R) * i) / n;
  const y = (v) => T + (H - T - B) * (1 - v / max);
  const chart = svg("svg", { viewBox: `0 0 ${W} ${H}`, width: W, height: H, class: "line-chart", role: "img", "aria-label": label });
  chart.append(svg("title", {}, label));
  for (const v of [0, max]) {
    chart.append(svg("line", { x1: L, x2: W - R, y1: y(v), y2: y(v), class: "grid-line" }));
    chart.append(svg("text", { x: L - 4, y: y(v) + 4, "text-anchor": "end", class: "axis" }, v));
  }
  for (const i of [0, Math.floor(n / 2), n]) {
    if (days[i]) chart.append(svg("text", { x: x(i), y: H - 8, "text-anchor": i === 0 ? "start" : i === n ? "end" : "middle", class: "axis" }, days[i]));
  }
  for (const s of series) {
    const points = s.values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(" ");
    chart.append(svg("polyline", { points, class: `series ${s.class}`, fill: "none" }));
  }
  return h(
    "figure",
    { class: "chart" },
    chart,
    h("figcaption", { class: "legend-line" }, h("span", {}, label), series.map((s) => h("span", {}, h("i", { class: s.class }), s.name))),
  );
}

async function adoptionChart(r, slot) {
  try {
    const a = await rpc("OutcomeService/GetAdoption", { request_id: r.request_id, days: 90 });
    if (!a.days.length) {
      slot.replaceChildren(h("p", { class: "muted" }, "Shipped today: no days to show yet."));
      return;
    }
    slot.replaceChildren(
      lineChart(
        a.days.map((d) => d.day),
        [
          { name: `accounts that asked (${a.requesting_accounts})`, class: "requesters", values: a.days.map((d) => Number(d.requesting_accounts)) },
          { name: "every other account", class: "others", values: a.days.map((d) => Number(d.other_accounts)) },
        ],
        `Accounts using it per day since ${day(a.shipped_at)}:`,
      ),
    );
  } catch (err) {
    slot.replaceChildren(h("p", { class: "error" }, err.message));
  }
}

function renewalWords(s, c) {
  if (!s || !Number(s.accounts)) return "none at risk at ship time";
  return `${s.accounts} account${Number(s.accounts) === 1 ? "" : "s"}, ${money(s.arr_at_risk, c)}: ${s.renewed} renewed, ${s.expanded} expanded, ${s.contracted} contracted, ${s.churned} churned, ${s.no_renewal_yet} no renewal yet`;
}

function renewalsRecorded(s) {
  return !!s && Number(s.renewed) + Number(s.expanded) + Number(s.contracted) + Number(s.churned) > 0;
}

function adoptionWords(windows) {
  if (!windows || !windows.length) return "no adoption signals (SetAdoptionSignals)";
  return windows.map((w) => String(w.accounts)).join(" / ");
}

// The accounts behind a release-impact figure: at ship time, told, adopted, next renewal.
function impactAccounts(accounts, c) {
  return smallTable(
    ["Account", "ARR at ship#", "Health#", "At risk", "Told / delivered#", "First used", "Next renewal"],
    accounts.map((a) => {
      const next = a.next_renewal;
      return h(
        "tr",
        { "data-account-id": a.account_id },
        accountCell(a),
        h("td", { class: "num" }, a.arr_at_ship === undefined || a.arr_at_ship === null ? "—" : money(a.arr_at_ship, c)),
        h("td", { class: "num" }, a.health_at_ship ?? "—"),
        h("td", {}, [a.renewing ? "renewal due" : "", a.unhealthy ? "low health" : ""].filter(Boolean).join(", ")),
        h("td", { class: "num" }, `${a.contacts_notified} / ${a.contacts_delivered}`),
        h("td", {}, a.first_used_on || "—"),
        h("td", {}, next ? `${outcome(next.outcome)} on ${next.renewed_on} (${money(next.arr_before, c)} → ${money(next.arr_after, c)})` : "none recorded"),
      );
    }),
  );
}

function impactView(i, cur) {
  const c = i.currency || cur;
  const charts = [];
  const rows = i.requests.flatMap((r) => {
    const slot = h("div", { class: "adoption-chart", "data-request-id": r.request_id }, h("p", { class: "muted" }, "Loading the adoption curve…"));
    if (r.adoption && r.adoption.length) charts.push(() => adoptionChart(r, slot));
    else slot.replaceChildren(h("p", { class: "muted" }, "No adoption signals named for this request: name the telemetry that shows it in use with SetAdoptionSignals."));
    return [
      ...expandable(
        { "data-request-id": r.request_id },
        [
          h("td", {}, requestLink(r.request_id, r.title)),
          h("td", { class: "num" }, r.requesting_accounts),
          h("td", { class: "num" }, `${r.contacts_notified} / ${r.contacts_delivered}`),
          h("td", {}, adoptionWords(r.adoption)),
          h("td", {}, renewalWords(r.at_risk, c)),
          h("td", { class: "comparison" }, renewalWords(i.comparison, c)),
        ],
        impactAccounts(r.accounts, c),
      ),
      h("tr", { class: "chart-row-tr" }, h("td", {}), h("td", { colspan: 6 }, slot)),
    ];
  });
  for (const draw of charts) draw();
  return h(
    "div",
    { id: "impact-out" },
    h("p", {}, `Release ${i.version}, shipped ${day(i.shipped_at)}. At risk at ship time: renewal within ${i.renewal_window_days} days or health below ${i.health_threshold} (profile ${i.profile}).`),
    h("p", { class: "caution" }, "Comparison, not cause: the comparison group is accounts at risk then whose requests did not ship. The two groups differ in more than the release."),
    i.requests.length
      ? h(
          "table",
          { class: "grid", id: "impact" },
          h("thead", {}, headRow(["", "Request", "Accounts#", "Notified / delivered#", "Adopted in 7 / 30 / 90 days", "At-risk requesters: next renewal", "Comparison group (not cause)"])),
          h("tbody", {}, rows),
        )
      : h("p", { class: "muted" }, "This release shipped no requests."),
    (i.comparison_accounts || []).length
      ? h("details", { id: "comparison-accounts" }, h("summary", {}, `The comparison group's ${i.comparison_accounts.length} accounts (not cause)`), impactAccounts(i.comparison_accounts, c))
      : null,
    [i.comparison, ...i.requests.map((r) => r.at_risk)].some(renewalsRecorded)
      ? null
      : noRenewals("impact-no-renewals", "No account at risk at ship time has a renewal recorded since."),
  );
}

async function impactPanel(cur) {
  const map = await rpc("RoadmapService/GetRoadmap", { include_shipped: true });
  const shipped = map.releases.filter((rr) => rr.release.shipped).reverse();
  if (!shipped.length) {
    return section("Release impact", h("p", { class: "muted", id: "impact-empty" }, "Nothing shipped yet: ship a release on the Roadmap page, then see here who was told, who adopted it and what their renewals did."));
  }
  const pick = select("impact-release", shipped.map((rr) => [rr.release.id, `${rr.release.version} (shipped ${day(rr.release.shipped_at)})`]), shipped[0].release.id);
  const out = h("div", {});
  const load = async () => {
    try {
      out.replaceChildren(impactView(await rpc("OutcomeService/GetReleaseImpact", { release_id: Number(pick.value) }), cur));
    } catch (err) {
      out.replaceChildren(h("p", { class: "error" }, err.message));
    }
  };
  pick.addEventListener("change", load);
  await load();
  return section("Release impact", h("div", { class: "inline" }, field("Shipped release", pick)), out);
}

function captureTable(b, cur) {
  const c = b.currency || cur;
  const rankings = [b.ranking, b.against].filter(Boolean);
  const tops = [10, 25, 50];
  const cell = (rk, top) => {
    const cap = (rk.captures || []).find((x) => Number(x.top) === top);
    return h("td", { class: "num" }, cap ? `${money(cap.arr_lost, c)} (${Math.round(Number(cap.share) * 100)}%)` : "—");
  };
  return h(
    "table",
    { class: "grid", id: "backtest" },
    h("thead", {}, h("tr", {}, h("th", {}, "Ranking"), tops.map((t) => h("th", { class: "num" }, `Top ${t}`)))),
    h("tbody", {}, rankings.map((rk) => h("tr", { "data-ranking": rk.name }, h("td", {}, rk.name), tops.map((t) => cell(rk, t))))),
  );
}

async function backtestPanel(cur) {
  const profiles = (await rpc("PrioritizationService/ListScoringProfiles", {})).profiles;
  const names = [...new Set(profiles.map((p) => p.name))];
  const active = profiles.find((p) => p.active);
  const profile = select("backtest-profile", names.map((n) => [n, n]), active && active.name);
  const against = select("backtest-against", [["", "vote count (baseline)"], ...names.map((n) => [n, n])], "");
  const asOf = h("input", { id: "backtest-as-of", type: "date", value: daysBefore(180) });
  const horizon = h("input", { id: "backtest-horizon", type: "number", min: 1, max: 730, value: "180", size: 5 });
  const out = h("div", { id: "backtest-out" }, h("p", { class: "muted" }, "Pick two rankings, a past date and a horizon, then run the backtest."));
  const run = async () => {
    out.replaceChildren(h("p", { class: "muted" }, "Ranking the backlog as it was…"));
    try {
      const b = await rpc("OutcomeService/BacktestProfile", { profile: profile.value, against_profile: against.value, as_of: asOf.value, horizon_days: Number(horizon.value) });
      out.replaceChildren(
        h("p", {}, `${b.open_requests} open requests and ${b.accounts} accounts at ${b.as_of}; ${money(b.arr_lost, b.currency || cur)} churned or contracted in the ${b.horizon_days} days after.`),
        Number(b.arr_lost) ? captureTable(b, cur) : noRenewals("backtest-empty", `Nothing churned or contracted in the ${b.horizon_days} days after ${b.as_of}.`),
        h("p", { class: "caution" }, "Which ranking had the losing accounts' requests near the top; not that building them would have kept the accounts."),
      );
    } catch (err) {
      out.replaceChildren(h("p", { class: "error" }, err.message));
    }
  };
  return section(
    "Backtest",
    h("p", { class: "muted small" }, "Churned or contracted ARR whose accounts had asked for a top 10 / 25 / 50 request, as each ranking ordered the backlog at a past date."),
    h(
      "form",
      { class: "inline", id: "backtest-form", onsubmit: (e) => { e.preventDefault(); run(); } },
      field("Profile", profile),
      field("Against", against),
      field("As of", asOf),
      field("Horizon (days)", horizon),
      h("button", { type: "submit", id: "backtest-run" }, "Run backtest"),
    ),
    out,
  );
}

async function outcomes() {
  const cur = await currency();
  const [churn, impact, backtest] = await Promise.all([churnPanel(cur), impactPanel(cur), backtestPanel(cur)]);
  return h(
    "div",
    { id: "outcomes" },
    h("h1", {}, "Outcomes"),
    h("p", { class: "muted" }, "What happened after requests were asked for and shipped: figures that happened together, not measures of what caused them."),
    churn,
    impact,
    backtest,
  );
}

// ---------------------------------------------------------------------------------------------

window.sift = { rpc, backlogCsv: () => backlogCsv(parseHash().params) };
window.addEventListener("hashchange", () => route());
route();
