// The fuzz stage: requests generated from the OpenAPI document against a running instance, checked against it.
//
// Usage: node contract/fuzz.mjs <base-url> <api-key> [document]
//   FUZZ_SEED=<int>          replay a run (every run prints its seed); default: a new random seed
//   FUZZ_RUNS=<n>            positive requests generated per operation (default 40)
//   FUZZ_OPERATIONS=A,B      only these operationIds (the cases of an operation do not depend on the others')
//   FUZZ_SHOW=<n>            failures shown in detail (default 25); the rest are counted by class
//   FUZZ_VERBOSE=1           one line per case: method, url, status (and the start of a refusal)
//
// For every operation of the document it sends, with the admin key:
//   positive cases  generated from the schemas (fast-check, seeded): required properties always, optional ones
//                   sometimes, enums by name, formats (uuid, date, date-time, int32/int64), nullable → sometimes null,
//                   extremes sometimes (int32 limits, 0001-01-01 and 9999-12-31, long and non-ASCII strings); ids,
//                   unit codes, years and months are drawn mostly from real data so that requests get past 404;
//   negative cases  a request the operation accepted among the positive ones (else the document's example) with ONE
//                   thing broken: a body property of the wrong type, a required one missing, an unknown one added
//                   (additionalProperties: false), an enum name that does not exist, an enum given as its number, null
//                   where it is not nullable, a null element in a list, a number outside its format or just outside a
//                   declared minimum/maximum/maxLength/minLength/pattern/maxItems/minItems, a malformed date or uuid,
//                   a malformed or mistyped body; a query parameter of the wrong type, out of its format's range, a bad
//                   enum name or an enum number; a path id that is not a uuid; no key or an unknown key.
// Each answer must: not be 5xx; have a status the operation declares; carry the declared media type with a body valid
// against the declared schema (ajv; OpenAPI 3.0 `nullable` and "no undocumented properties" as the document means
// them), or no body where none is declared; a problem's `status` must be the HTTP status. A negative case must also
// not be accepted (2xx). Each request is one case; the last line is "fuzz: N passed, M failed".
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import Ajv from "ajv";
import addFormats from "ajv-formats";

const here = path.dirname(fileURLToPath(import.meta.url));
const [baseArg, keyArg, documentArg] = process.argv.slice(2);
const base = (baseArg ?? process.env.EMULATION_BASE_URL ?? "http://127.0.0.1:5080").replace(/\/$/, "");
const key = keyArg ?? process.env.EMULATION_API_KEY ?? "";
const documentPath = documentArg ?? path.join(here, "..", "openapi", "v1.json");
const seed = process.env.FUZZ_SEED ? Number.parseInt(process.env.FUZZ_SEED, 10) : Math.floor(Math.random() * 2 ** 31);
const runs = Number.parseInt(process.env.FUZZ_RUNS ?? "40", 10);
const show = Number.parseInt(process.env.FUZZ_SHOW ?? "25", 10);
const verbose = process.env.FUZZ_VERBOSE === "1";
const only = (process.env.FUZZ_OPERATIONS ?? "").split(",").map((s) => s.trim()).filter(Boolean);
if (!key || !Number.isInteger(seed)) {
  console.error("usage: FUZZ_SEED=<int> node fuzz.mjs <base-url> <api-key> [document]");
  process.exit(2);
}

const doc = JSON.parse(fs.readFileSync(documentPath, "utf8"));
const schemas = doc.components.schemas;
const resolve = (s) => (s && s.$ref ? resolve(schemas[s.$ref.split("/").at(-1)]) : s);
const INT32 = [-(2 ** 31), 2 ** 31 - 1];

// --- Response validation: the document's schemas as JSON Schema ---------------------------------------------------
// OpenAPI 3.0 → JSON Schema: `nullable: true` allows null; an object schema with properties
// and no additionalProperties allows no others (the document's convention, as the integration tests' validator reads it).
function toJsonSchema(s) {
  if (Array.isArray(s)) return s.map(toJsonSchema);
  if (!s || typeof s !== "object") return s;
  if (s.$ref) return { $ref: s.$ref.replace("#/components/schemas/", "openapi#/definitions/") };
  const out = {};
  for (const [k, v] of Object.entries(s)) {
    if (k === "example" || k === "nullable" || k === "description") continue;
    out[k] = k === "properties" ? Object.fromEntries(Object.entries(v).map(([p, ps]) => [p, toJsonSchema(ps)])) : toJsonSchema(v);
  }
  if (s.type === "object" && s.properties && s.additionalProperties === undefined) out.additionalProperties = false;
  // Null is allowed wherever nullable is said, also beside allOf (Swashbuckle's way of a nullable reference).
  return s.nullable ? { anyOf: [{ type: "null" }, out] } : out;
}
const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
addFormats(ajv, ["date", "date-time", "uuid", "uri"]);
ajv.addFormat("int32", { type: "number", validate: (n) => Number.isInteger(n) && n >= INT32[0] && n <= INT32[1] });
ajv.addFormat("int64", { type: "number", validate: (n) => Number.isInteger(n) });
ajv.addFormat("double", { type: "number", validate: () => true });
ajv.addFormat("binary", () => true);
ajv.addSchema({ $id: "openapi", definitions: Object.fromEntries(Object.entries(schemas).map(([n, s]) => [n, toJsonSchema(s)])) });
const validators = new Map();
function validatorFor(schema) {
  const k = JSON.stringify(schema);
  if (!validators.has(k)) validators.set(k, ajv.compile(toJsonSchema(schema)));
  return validators.get(k);
}

// --- The operations ------------------------------------------------------------------------------------------------
const operations = [];
for (const [template, item] of Object.entries(doc.paths)) {
  for (const [method, op] of Object.entries(item)) {
    if (!["get", "put", "post", "delete", "patch"].includes(method)) continue;
    const parameters = [...(item.parameters ?? []), ...(op.parameters ?? [])].map((p) => ({ ...p, schema: resolve(p.schema) ?? {} }));
    operations.push({ id: op.operationId, method: method.toUpperCase(), template, op, parameters });
  }
}
// Reads first, then writes, then what destroys data (so that the later operations still find things to work on).
const destroys = (o) => o.method === "DELETE" || /\/(revoke|deactivate|merge|close)$/.test(o.template);
const rank = (o) => (o.method === "GET" ? 0 : destroys(o) ? 2 : 1);
operations.sort((a, b) => rank(a) - rank(b));

// --- HTTP ---------------------------------------------------------------------------------------------------------
// The limiter is not what is tested here: on 429 wait as told and send again, within 30 s of waiting for the whole run
// (after that a 429, being declared, passes as it is).
let waitBudget = 30;
async function send({ method, url, headers = {}, body }) {
  for (let attempt = 0; ; attempt++) {
    const started = Date.now();
    let response;
    try {
      response = await fetch(base + url, { method, headers, body, redirect: "manual", signal: AbortSignal.timeout(30_000) });
    } catch (e) {
      return { status: 0, headers: new Headers(), text: String(e?.cause ?? e), ms: Date.now() - started };
    }
    const text = await response.text();
    const wait = Math.min(5, Number.parseInt(response.headers.get("retry-after") ?? "1", 10) || 1);
    if (response.status === 429 && attempt < 3 && waitBudget >= wait) {
      waitBudget -= wait;
      await new Promise((r) => setTimeout(r, wait * 1000));
      continue;
    }
    return { status: response.status, headers: response.headers, text, ms: Date.now() - started };
  }
}
const auth = { "X-Api-Key": key };
const json = (body) => ({ ...auth, "Content-Type": "application/json" });

// --- Real data to aim at --------------------------------------------------------------------------------------------
const pools = { units: [], codes: [], plans: [], tasks: [], clusters: [], movements: [], obligations: [], apiKeys: [] };
const setupProblems = []; // shown; they fail the run only when they leave a pool empty
const emptyPools = [];
async function must(what, request, accept = [200, 201]) {
  const r = await send(request);
  if (!accept.includes(r.status)) {
    setupProblems.push(`${what}: ${request.method} ${request.url} → ${r.status} ${r.text.slice(0, 300)}`);
    return null;
  }
  return r.text ? JSON.parse(r.text) : null;
}
async function list(url) {
  const page = await must(`list ${url}`, { method: "GET", url, headers: auth });
  return page?.items ?? [];
}
const tag = `FZ${seed.toString(36).toUpperCase()}`;
async function setUp() {
  // A plan of our own, issued, so that tasks have obligations and progress reports can be accepted.
  // SNV leads the plan's tasks when it exists: the document's examples report as SNV.
  const listed = (await list("/api/v1/units?pageSize=200")).map((u) => u.code);
  const unitCodes = listed.includes("SNV") ? ["SNV", ...listed.filter((c) => c !== "SNV")] : listed;
  const [lead, coordinator, third, fourth] = unitCodes;
  const own = { plans: [], tasks: [], clusters: [], movements: [], obligations: [] };
  const plan = await must("create plan", {
    method: "POST", url: "/api/v1/plans", headers: json(),
    body: JSON.stringify({ year: 2026, title: `Kế hoạch fuzz ${tag}` }),
  }, [201]);
  if (plan) own.plans.push(plan.id);
  if (plan && lead) {
    for (const [i, group] of ["Q1", "Q2", "Recurring"].entries()) {
      const task = await must("create task", {
        method: "POST", url: `/api/v1/plans/${plan.id}/tasks`, headers: json(),
        body: JSON.stringify({
          group, sequence: i + 1, content: `Nhiệm vụ fuzz ${i + 1}`,
          timing: group === "Recurring" ? { kind: "Recurring" } : { kind: "Month", month: 3 * (i + 1) },
          leads: [{ unitCode: lead }], coordinators: coordinator ? [{ unitCode: coordinator }] : [],
        }),
      }, [201]);
      if (task) own.tasks.push(task.id);
    }
    await must("issue plan", {
      method: "POST", url: `/api/v1/plans/${plan.id}/issue`, headers: json(),
      body: JSON.stringify({ number: `1/KH-${tag}`, issueDate: "2026-01-20" }),
    });
  }
  if (lead && coordinator) {
    for (const [kind, scope] of [["Cluster", "Provincial"], ["Bloc", "Provincial"]]) {
      const cluster = await must("create cluster", {
        method: "POST", url: "/api/v1/clusters", headers: json(),
        body: JSON.stringify({
          year: 2026, kind, scope, name: `${kind} fuzz ${tag}`,
          members: [{ unitCode: kind === "Cluster" ? lead : third ?? lead, role: "Leader" }, { unitCode: kind === "Cluster" ? coordinator : fourth ?? coordinator, role: "Member" }],
        }),
      }, [201, 400, 409]);
      if (cluster?.id) own.clusters.push(cluster.id);
    }
  }
  const movement = await must("create movement", {
    method: "POST", url: "/api/v1/movements", headers: json(),
    body: JSON.stringify({ name: `Phong trào fuzz ${tag}`, form: "Thematic", launcherLevel: "Province", startDate: "2026-02-01", participantUnitCodes: unitCodes.slice(0, 3) }),
  }, [201]);
  if (movement) own.movements.push(movement.id);
  if (plan) own.obligations.push(...(await list(`/api/v1/obligations?planId=${plan.id}&pageSize=200`)).map((o) => o.id));
  for (const role of ["Reader", "Editor"]) {
    const issued = await must("create api key", {
      method: "POST", url: "/api/v1/api-keys", headers: json(), body: JSON.stringify({ name: `fuzz ${tag} ${role}`, role }),
    }, [201]);
    if (issued?.apiKey?.id) pools.apiKeys.push(issued.apiKey.id);
  }

  const units = await list("/api/v1/units?pageSize=200");
  pools.units = units.map((u) => u.id);
  pools.codes = units.map((u) => u.code);
  // Our own resources first: the negative cases aim at the first of each pool.
  const ownFirst = (mine, all) => [...new Set([...mine, ...all])];
  pools.plans = ownFirst(own.plans, (await list("/api/v1/plans?pageSize=200")).map((p) => p.id));
  pools.tasks = ownFirst(own.tasks, (await list("/api/v1/tasks?pageSize=200")).map((t) => t.id));
  pools.clusters = ownFirst(own.clusters, (await list("/api/v1/clusters?pageSize=200")).map((c) => c.id));
  pools.movements = ownFirst(own.movements, (await list("/api/v1/movements?pageSize=200")).map((m) => m.id));
  pools.obligations = ownFirst(own.obligations, (await list("/api/v1/obligations?pageSize=200")).map((o) => o.id));
  pools.codes = ownFirst(unitCodes.slice(0, 1), pools.codes);
  for (const [name, ids] of Object.entries(pools)) if (ids.length === 0) emptyPools.push(name);
}

// --- Generation ----------------------------------------------------------------------------------------------------
const pick = (pool) => (pool.length ? fc.nat().map((i) => pool[i % pool.length]) : fc.uuid());
const poolFor = (name) => {
  const n = name.toLowerCase();
  if (n.startsWith("plan")) return pools.plans;
  if (n.startsWith("task")) return pools.tasks;
  if (n.includes("cluster")) return pools.clusters;
  if (n.includes("movement")) return pools.movements;
  if (n.startsWith("obligation")) return pools.obligations;
  if (n.startsWith("apikey")) return pools.apiKeys;
  if (n.includes("unit") || n === "parentid") return pools.units;
  return [...pools.units, ...pools.plans, ...pools.tasks];
};
const isCodeName = (n) => /(code|codes)$/i.test(n);
const words = ["Sở Nội vụ", "Ủy ban nhân dân", "thi đua", "khen thưởng", "Quý I", "Đã hoàn thành", "x", "", " ", "SNV", "a/b?c=d&e", "<script>", "' OR 1=1 --", "\u0000", "Ｆｕｌｌ", "😀", "NFD: Sở"];
const text = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...words) },
  { weight: 5, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 3, arbitrary: fc.string({ unit: "grapheme", maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 10 }) },
  { weight: 1, arbitrary: fc.integer({ min: 256, max: 6000 }).map((n) => "Đ".repeat(n)) },
);
// In a query string: no lone surrogates (not encodable) and at most ~500 characters (Kestrel's request line is 8 KB).
const queryText = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...words) },
  { weight: 5, arbitrary: fc.string({ unit: "grapheme", maxLength: 30 }) },
  { weight: 1, arbitrary: fc.integer({ min: 100, max: 500 }).map((n) => "Đ".repeat(n)) },
);
const pad = (n, w) => String(n).padStart(w, "0");
const dateOf = (y, m, d) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
const date = fc.oneof(
  { weight: 8, arbitrary: fc.tuple(fc.integer({ min: 2025, max: 2027 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 })).map(([y, m, d]) => dateOf(y, m, d)) },
  { weight: 2, arbitrary: fc.tuple(fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 })).map(([y, m, d]) => dateOf(y, m, d)) },
  { weight: 1, arbitrary: fc.constantFrom("0001-01-01", "9999-12-31", "9999-12-25", "2024-02-29", "1900-01-01") },
);
const dateTime = fc.oneof(
  { weight: 8, arbitrary: fc.date({ min: new Date("2025-01-01T00:00:00Z"), max: new Date("2027-12-31T00:00:00Z"), noInvalidDate: true }).map((d) => d.toISOString()) },
  { weight: 1, arbitrary: fc.constantFrom("0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "2026-06-01T12:00:00+07:00", "2026-06-01T12:00:00.1234567-12:00") },
);
function integer(name, format) {
  const n = name.toLowerCase();
  const likely = n === "year" ? fc.integer({ min: 2020, max: 2030 })
    : n === "month" ? fc.integer({ min: 1, max: 12 })
      : n === "quarter" ? fc.integer({ min: 1, max: 4 })
        : n === "pagesize" ? fc.integer({ min: 1, max: 200 })
          : fc.integer({ min: 0, max: 30 });
  const limits = format === "int64" ? [0, -1, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER] : [0, -1, ...INT32];
  return fc.oneof({ weight: 8, arbitrary: likely }, { weight: 2, arbitrary: fc.integer({ min: INT32[0], max: INT32[1] }) }, { weight: 1, arbitrary: fc.constantFrom(...limits) });
}
let fresh = 0;
// An arbitrary for the values a schema allows. `name` is the property (or parameter) the value is for.
function arbitrary(raw, name = "", depth = 0, inQuery = false) {
  const s = resolve(raw) ?? {};
  const nullable = raw?.nullable || s.nullable;
  const value = withinBounds(s, valueArbitrary(s, name, depth, inQuery ? queryText : text));
  return nullable ? fc.oneof({ weight: 4, arbitrary: value }, { weight: 1, arbitrary: fc.constant(null) }) : value;
}
// The bounds a schema declares (none in the document yet; the fuzzer follows them when it gets them): positive values
// keep within them, and each one gives a negative case just outside.
function withinBounds(s, value) {
  if (s.pattern) return fc.stringMatching(new RegExp(s.pattern));
  if (s.type === "integer" || s.type === "number") {
    const min = s.minimum ?? -Infinity;
    const max = s.maximum ?? Infinity;
    if (min === -Infinity && max === Infinity) return value;
    const lo = Number.isFinite(min) ? min : Math.min(0, max);
    const hi = Number.isFinite(max) ? max : Math.max(lo, 0) + 1000;
    return fc.oneof({ weight: 3, arbitrary: value.filter((n) => n >= min && n <= max) }, { weight: 1, arbitrary: fc.constantFrom(lo, hi) }, { weight: 2, arbitrary: fc.integer({ min: Math.max(lo, -(2 ** 31)), max: Math.min(hi, 2 ** 31 - 1) }) });
  }
  if (s.type === "string" && (s.maxLength !== undefined || s.minLength !== undefined)) {
    return value.map((t) => (s.maxLength !== undefined ? [...t].slice(0, s.maxLength).join("") : t)).map((t) => t.padEnd(s.minLength ?? 0, "x"));
  }
  if (s.type === "array" && (s.maxItems !== undefined || s.minItems !== undefined)) return value.filter((a) => a.length >= (s.minItems ?? 0) && a.length <= (s.maxItems ?? Infinity));
  return value;
}
function* boundMutations(s, at, value) {
  if (s.minimum !== undefined) yield { why: `${at}: below its minimum ${s.minimum}`, value: s.minimum - 1 };
  if (s.maximum !== undefined) yield { why: `${at}: above its maximum ${s.maximum}`, value: s.maximum + 1 };
  if (s.minLength) yield { why: `${at}: shorter than ${s.minLength}`, value: "x".repeat(s.minLength - 1) };
  if (s.maxLength !== undefined) yield { why: `${at}: longer than ${s.maxLength}`, value: "x".repeat(s.maxLength + 1) };
  if (s.pattern) yield { why: `${at}: not matching ${s.pattern}`, value: "\u0000 not matching" };
  if (s.maxItems !== undefined && Array.isArray(value)) yield { why: `${at}: more than ${s.maxItems} items`, value: Array.from({ length: s.maxItems + 1 }, (_, i) => value[i % Math.max(1, value.length)] ?? null) };
  if (s.minItems) yield { why: `${at}: fewer than ${s.minItems} items`, value: [] };
}
function valueArbitrary(s, name, depth, text) {
  if (s.enum) return fc.constantFrom(...s.enum.filter((v) => v !== null));
  switch (s.type) {
    case "object": {
      const required = new Set(s.required ?? []);
      const entries = Object.entries(s.properties ?? {});
      if (depth > 3) return fc.constant(Object.fromEntries(entries.filter(([p]) => required.has(p)).map(([p]) => [p, null])));
      const record = {};
      for (const [p, ps] of entries) record[p] = arbitrary(ps, p, depth + 1);
      return fc.record(record, { requiredKeys: [...required] });
    }
    case "array":
      return fc.array(arbitrary(s.items, name, depth + 1), { maxLength: depth > 1 ? 2 : 4 });
    case "integer":
      return integer(name, s.format);
    case "number":
      return fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 0, max: 100 }) }, { weight: 2, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) });
    case "boolean":
      return fc.boolean();
    case "string":
      if (s.format === "uuid") return fc.oneof({ weight: 4, arbitrary: pick(poolFor(name)) }, { weight: 1, arbitrary: fc.uuid() });
      if (s.format === "date") return date;
      if (s.format === "date-time") return dateTime;
      if (name === "code") return fc.oneof(fc.constant(null).map(() => `${tag}-${++fresh}`), pick(pools.codes));
      // A kind given as text (the import rows): mostly a unit kind's name.
      if (name === "kind" && schemas.UnitKind) return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...schemas.UnitKind.enum) }, { weight: 1, arbitrary: text });
      if (isCodeName(name)) return fc.oneof({ weight: 6, arbitrary: pick(pools.codes) }, { weight: 1, arbitrary: text });
      if (/links?$/i.test(name)) return fc.oneof(fc.webUrl(), text);
      if (name === "sort") return fc.oneof(fc.constantFrom("code", "name", "-name", "deadline", "-deadline", "updatedAt", "-updatedAt", "plan", "createdAt"), text);
      return text;
    default:
      return fc.constant({});
  }
}

// --- Mutations: one thing broken at a time ------------------------------------------------------------------------
const wrongTypeFor = (s) => (s.type === "string" ? 12345 : s.type === "array" ? { not: "a list" } : s.type === "object" ? "not an object" : s.type === "boolean" ? "yes" : "twelve");
function* bodyMutations(value, raw, at = "$") {
  const s = resolve(raw) ?? {};
  const nullable = raw?.nullable || s.nullable;
  if (at !== "$") {
    yield { why: `${at}: wrong type`, apply: () => wrongTypeFor(s) };
    if (!nullable) yield { why: `${at}: null but not nullable`, apply: () => null };
  }
  if (s.enum) {
    yield { why: `${at}: enum name that does not exist`, apply: () => "NotAValue" };
    yield { why: `${at}: enum as a number`, apply: () => 1 };
  }
  if (s.type === "integer") {
    yield { why: `${at}: beyond ${s.format ?? "integer"}`, apply: () => (s.format === "int64" ? 1e20 : 2 ** 31) };
    yield { why: `${at}: a fraction`, apply: () => 1.5 };
  }
  if (s.type === "string" && s.format && s.format !== "binary") yield { why: `${at}: not a ${s.format}`, apply: () => ({ uuid: "not-a-uuid", date: "2026-02-30", "date-time": "yesterday" })[s.format] ?? "?" };
  for (const m of boundMutations(s, at, value)) yield { why: m.why, apply: () => m.value };
  if (s.type === "array" && value !== null && Array.isArray(value)) {
    const item = resolve(s.items);
    if (!(s.items?.nullable || item?.nullable)) yield { why: `${at}: a null element`, apply: () => [...value, null] };
    if (value.length > 0) for (const m of bodyMutations(value[0], s.items, `${at}[0]`)) yield { why: m.why, apply: () => [m.apply(), ...value.slice(1)] };
  }
  if (s.type === "object" && value && typeof value === "object" && !Array.isArray(value)) {
    if (s.additionalProperties === false) yield { why: `${at}: unknown property 'fuzzUnknown'`, apply: () => ({ ...value, fuzzUnknown: 1 }) };
    for (const p of s.required ?? []) {
      if (p in value) yield { why: `${at}.${p}: required but missing`, apply: () => { const { [p]: _, ...rest } = value; return rest; } };
    }
    for (const [p, ps] of Object.entries(s.properties ?? {})) {
      if (!(p in value)) continue;
      for (const m of bodyMutations(value[p], ps, `${at}.${p}`)) yield { why: m.why, apply: () => ({ ...value, [p]: m.apply() }) };
    }
  }
}
function* queryMutations(p) {
  const s = p.schema;
  if (s.enum) {
    yield { why: `query ${p.name}: enum name that does not exist`, value: "NotAValue" };
    yield { why: `query ${p.name}: enum as a number`, value: "1" };
  }
  if (s.type === "integer") {
    yield { why: `query ${p.name}: not an integer`, value: "twelve" };
    yield { why: `query ${p.name}: beyond ${s.format ?? "integer"}`, value: s.format === "int64" ? "99999999999999999999" : "2147483648" };
  }
  if (s.type === "boolean") yield { why: `query ${p.name}: not a boolean`, value: "maybe" };
  for (const m of boundMutations(s, `query ${p.name}`)) yield m;
  if (s.type === "string" && s.format === "uuid") yield { why: `query ${p.name}: not a uuid`, value: "not-a-uuid" };
  if (s.type === "string" && s.format === "date") yield { why: `query ${p.name}: not a date`, value: "2026-02-30" };
  if (s.type === "string" && s.format === "date-time") yield { why: `query ${p.name}: not a date-time`, value: "yesterday" };
}

// --- Cases -----------------------------------------------------------------------------------------------------------
// A case: { operation, kind: "positive" | "negative", why, method, url, headers, body (string), shown (for the report) }
function jsonBodyOf(op) {
  const content = op.op.requestBody?.content ?? {};
  return content["application/json"] ? { mediaType: "application/json", media: content["application/json"] } : null;
}
// Kestrel itself refuses a path with a control character (%00 …) with an empty 400 before the application sees it,
// and every URL parser drops the dot-segments "." and ".." (RFC 3986 §5.2.4), %2E-encoded too: such paths are a
// transport matter, not the contract's, and are not generated. A code the document gives a pattern follows it.
const pathSegment = (t) => t.trim().length > 0 && !/[\u0000-\u001f\u007f]/.test(t) && !/^(\.|\.\.)$/.test(t);
function pathArbitrary(o) {
  const record = {};
  for (const p of o.parameters.filter((x) => x.in === "path")) {
    const pool = p.name === "id" ? poolFor(o.template.split("/")[3].replace(/-/g, "")) : pools.codes;
    const other = p.name === "id" ? fc.uuid()
      : p.schema.pattern ? fc.stringMatching(new RegExp(p.schema.pattern)).filter((t) => t.length <= (p.schema.maxLength ?? Infinity))
      : queryText.filter(pathSegment);
    record[p.name] = fc.oneof({ weight: 5, arbitrary: pick(pool) }, { weight: 1, arbitrary: other });
  }
  return fc.record(record);
}
function queryArbitrary(o) {
  const record = {};
  const required = [];
  for (const p of o.parameters.filter((x) => x.in === "query")) {
    record[p.name] = arbitrary(p.schema, p.name, 0, true);
    if (p.required) required.push(p.name);
  }
  return fc.record(record, { requiredKeys: required });
}
function headerArbitrary(o) {
  const record = {};
  for (const p of o.parameters.filter((x) => x.in === "header")) {
    // Mostly absent (the conditional headers are optional); else a plausible ETag, a list, a weak one or garbage.
    record[p.name] = fc.oneof(
      { weight: 12, arbitrary: fc.constant(undefined) },
      { weight: 2, arbitrary: fc.integer({ min: 0, max: 5 }).map((n) => `"${n}"`) },
      { weight: 1, arbitrary: fc.constantFrom("*", '"1", "2"', 'W/"1"') },
      { weight: 1, arbitrary: fc.string({ unit: "grapheme-ascii", maxLength: 12 }) },
    );
  }
  return fc.record(record).map((h) => Object.fromEntries(Object.entries(h).filter(([, v]) => v !== undefined)));
}
const url = (o, pathValues, query) => {
  let u = o.template.replace(/\{([^}]+)\}/g, (_, n) => encodeURIComponent(String(pathValues[n])));
  const q = Object.entries(query).filter(([, v]) => v !== undefined && v !== null).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  return q.length ? `${u}?${q.join("&")}` : u;
};
const csvCell = (v) => (v === null || v === undefined ? "" : `"${String(Array.isArray(v) ? v.join(";") : v).replace(/"/g, '""')}"`);
function importBodies(o, rows) {
  // The other media types of the imports: CSV, multipart (a CSV file), plain text (a plan or movement list).
  const content = o.op.requestBody?.content ?? {};
  const out = [];
  if (content["text/csv"] && Array.isArray(rows)) {
    const columns = Object.keys(resolve(content["application/json"]?.schema?.items)?.properties ?? {});
    const csv = [columns.join(","), ...rows.map((r) => columns.map((c) => csvCell(r?.[c])).join(","))].join("\r\n");
    out.push({ mediaType: "text/csv", body: csv });
    const boundary = "fuzzboundary";
    out.push({ mediaType: `multipart/form-data; boundary=${boundary}`, body: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="units.csv"\r\nContent-Type: text/csv\r\n\r\n${csv}\r\n--${boundary}--\r\n` });
  }
  return out;
}
function textBodyArbitrary() {
  const planText = path.join(here, "..", "src", "Infrastructure", "Seed", "ke-hoach-thi-dua-khen-thuong-2026.txt");
  const real = fs.existsSync(planText) ? fs.readFileSync(planText, "utf8") : "KẾ HOẠCH";
  return fc.oneof({ weight: 1, arbitrary: fc.constant(real) }, { weight: 1, arbitrary: fc.nat({ max: real.length }).map((n) => real.slice(0, n)) }, { weight: 2, arbitrary: text });
}

function positiveCases(o, opSeed) {
  const cases = [];
  const body = jsonBodyOf(o);
  const textBody = o.op.requestBody?.content?.["text/plain"];
  const bodyArb = body ? arbitrary(body.media.schema, "") : textBody ? textBodyArbitrary() : fc.constant(undefined);
  const positive = fc.record({ path: pathArbitrary(o), query: queryArbitrary(o), headers: headerArbitrary(o), body: bodyArb });
  const samples = fc.sample(positive, { seed: opSeed, numRuns: runs });
  const example = body?.media.example;
  for (const [i, s] of samples.entries()) {
    const mediaType = body ? "application/json" : textBody ? "text/plain; charset=utf-8" : undefined;
    // Every fourth positive body is the document's example (with new codes), to get past the business rules more often.
    const value = body && i % 4 === 0 && example !== undefined ? (i === 0 ? example : freshen(example)) : s.body;
    const sample = { path: s.path, body: value };
    const headers = { ...auth, ...s.headers, ...(mediaType ? { "Content-Type": mediaType } : {}) };
    cases.push({ operation: o.id, kind: "positive", why: "generated from the schemas", sample, method: o.method, url: url(o, s.path, s.query), headers, body: body ? JSON.stringify(value) : value });
    if (i < 2) for (const b of importBodies(o, value)) {
      cases.push({ operation: o.id, kind: "positive", why: `generated, as ${b.mediaType.split(";")[0]}`, method: o.method, url: url(o, s.path, s.query), headers: { ...auth, "Content-Type": b.mediaType }, body: b.body });
    }
  }
  return cases;
}

// The negative cases of an operation, built on `accepted` (the path and body of a positive case it accepted, if any)
// so that breaking one thing is what gets refused; else on the first of the pools and the document's example.
function negativeCases(o, opSeed, accepted) {
  const cases = [];
  const add = (kind, why, request) => cases.push({ operation: o.id, kind, why, ...request });
  const body = jsonBodyOf(o);
  const textBody = o.op.requestBody?.content?.["text/plain"];
  const example = body?.media.example;
  const firstOf = (p) => (p.name === "id" ? poolFor(o.template.split("/")[3].replace(/-/g, "")) : pools.codes)[0] ?? "00000000-0000-0000-0000-000000000000";
  const [generated] = body || textBody ? fc.sample(body ? arbitrary(body.media.schema, "") : textBodyArbitrary(), { seed: opSeed + 1, numRuns: 1 }) : [undefined];
  const b = {
    path: accepted && !destroys(o) ? accepted.path : Object.fromEntries(o.parameters.filter((p) => p.in === "path").map((p) => [p.name, firstOf(p)])),
    body: accepted ? accepted.body : example ?? generated,
  };
  const baseBody = body ? freshen(b.body) : b.body;
  const baseUrl = url(o, b.path, {});
  const baseHeaders = { ...auth, ...(body ? { "Content-Type": "application/json" } : textBody ? { "Content-Type": "text/plain; charset=utf-8" } : {}) };
  const basePayload = body ? JSON.stringify(baseBody) : baseBody;
  if (body) {
    for (const m of bodyMutations(baseBody, body.media.schema)) add("negative", m.why, { method: o.method, url: baseUrl, headers: baseHeaders, body: JSON.stringify(m.apply()) });
    add("negative", "body: malformed JSON", { method: o.method, url: baseUrl, headers: baseHeaders, body: basePayload.slice(0, Math.max(1, basePayload.length - 1)) });
    add("negative", "body: a JSON value of another type", { method: o.method, url: baseUrl, headers: baseHeaders, body: Array.isArray(baseBody) ? "{}" : "[]" });
    if (o.op.requestBody.required) add("negative", "body: missing", { method: o.method, url: baseUrl, headers: baseHeaders, body: "" });
    if (!o.op.requestBody.content["text/xml"]) add("negative", "body: a media type the operation does not take", { method: o.method, url: baseUrl, headers: { ...auth, "Content-Type": "text/xml" }, body: "<x/>" });
  }
  if (o.op.requestBody?.content?.["multipart/form-data"]) {
    add("negative", "body: malformed multipart", { method: o.method, url: baseUrl, headers: { ...auth, "Content-Type": "multipart/form-data; boundary=abc" }, body: "--abc\r\n\r\n" });
    add("negative", "body: multipart without the file part", { method: o.method, url: baseUrl, headers: { ...auth, "Content-Type": "multipart/form-data; boundary=abc" }, body: "--abc\r\nContent-Disposition: form-data; name=\"other\"\r\n\r\nx\r\n--abc--\r\n" });
  }
  for (const p of o.parameters.filter((x) => x.in === "query")) {
    for (const m of queryMutations(p)) add("negative", m.why, { method: o.method, url: url(o, b.path, { [p.name]: m.value }), headers: baseHeaders, body: basePayload });
  }
  if (o.parameters.some((p) => p.in === "path" && p.schema.format === "uuid")) {
    const broken = Object.fromEntries(Object.entries(b.path).map(([k, v]) => [k, o.parameters.find((p) => p.name === k)?.schema.format === "uuid" ? "not-a-uuid" : v]));
    add("negative", "path: an id that is not a uuid", { method: o.method, url: url(o, broken, {}), headers: baseHeaders, body: basePayload });
  }
  for (const p of o.parameters.filter((x) => x.in === "path" && x.schema.pattern)) {
    const broken = [["a code not matching its pattern", "-not a code"]];
    if (p.schema.maxLength !== undefined) broken.push([`a code longer than ${p.schema.maxLength}`, "X".repeat(p.schema.maxLength + 1)]);
    for (const [why, value] of broken) add("negative", `path ${p.name}: ${why}`, { method: o.method, url: url(o, { ...b.path, [p.name]: value }, {}), headers: baseHeaders, body: basePayload });
  }
  if (o.op.security?.length) {
    const { "X-Api-Key": _, ...anonymous } = baseHeaders;
    add("negative", "no credential", { method: o.method, url: baseUrl, headers: anonymous, body: basePayload });
    add("negative", "an unknown API key", { method: o.method, url: baseUrl, headers: { ...anonymous, "X-Api-Key": `emk_${tag}-unknown-key-0000000000000000` }, body: basePayload });
  }
  return cases;
}
// An example's codes are replaced by new ones, so that a create is not refused as a duplicate before the broken part is read.
function freshen(value) {
  if (Array.isArray(value)) return value.map(freshen);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k === "code" && typeof v === "string" ? `${tag}-${++fresh}` : freshen(v)]));
  return value;
}

// --- Checking one answer ---------------------------------------------------------------------------------------------
function problems(o, c, r) {
  const out = [];
  if (r.status === 0) return [`no answer: ${r.text}`];
  if (r.status >= 500) out.push(`answered ${r.status}`);
  const declared = o.op.responses[String(r.status)];
  if (!declared) out.push(`status ${r.status} is not declared (declared: ${Object.keys(o.op.responses).join(", ")})`);
  if (c.kind === "negative" && r.status >= 200 && r.status < 300) out.push(`accepted a request the document says is invalid (${c.why})`);
  if (!declared) return out;
  const content = declared.content ?? {};
  const mediaType = (r.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (Object.keys(content).length === 0) {
    if (r.text.length > 0) out.push(`${r.status} is declared without a body but one was sent (${mediaType})`);
    return out;
  }
  const media = content[mediaType];
  if (!media) return [...out, `${r.status} sent '${mediaType}', declared: ${Object.keys(content).join(", ")}`];
  // A list's file form (format=csv|xlsx or Accept), declared beside JSON: its body is the file (the text of an xlsx is its
  // zip bytes read as UTF-8, which still begin with the zip signature "PK").
  if (mediaType === "text/csv") return r.text.length > 0 ? out : [...out, `${r.status} CSV without even its heading line`];
  if (mediaType.includes("spreadsheetml")) return r.text.startsWith("PK") ? out : [...out, `${r.status} Excel body is not a zip (xlsx) file`];
  let body;
  try { body = JSON.parse(r.text); } catch { return [...out, `${r.status} body is not JSON`]; }
  const validate = validatorFor(media.schema);
  if (!validate(body)) out.push(...validate.errors.slice(0, 5).map((e) => `${r.status} body ${e.instancePath || "/"} ${e.message}${e.params?.additionalProperty ? ` '${e.params.additionalProperty}'` : ""}`));
  if (mediaType === "application/problem+json" && body && body.status !== r.status) out.push(`problem status ${body.status} is not the HTTP status ${r.status}`);
  return out;
}

// --- Run ------------------------------------------------------------------------------------------------------------
const hash = (s) => [...s].reduce((h, ch) => (Math.imul(h, 31) + ch.charCodeAt(0)) | 0, seed);
const started = Date.now();
console.log(`fuzz seed: ${seed} (replay: FUZZ_SEED=${seed}${process.env.FUZZ_RUNS ? ` FUZZ_RUNS=${runs}` : ""}); ${runs} positive cases per operation; ${base}`);
await setUp();
if (setupProblems.length) console.log(`setup (not counted as cases):\n  ${setupProblems.join("\n  ")}`);
if (emptyPools.length) console.log(`setup failed: nothing to aim at for ${emptyPools.join(", ")} (counted as one failure)`);
let passed = 0;
let failed = 0;
const failures = [];
const classes = new Map();
const selected = operations.filter((o) => only.length === 0 || only.includes(o.id));
for (const o of selected) {
  const positives = positiveCases(o, hash(o.id));
  const cases = positives.length ? [...positives] : negativeCases(o, hash(o.id), undefined);
  let opFailed = 0;
  let accepted = 0;
  let firstAccepted;
  for (let i = 0; i < cases.length; i++) {
    const c = cases[i];
    const r = await send(c);
    if (c.kind === "positive" && r.status >= 200 && r.status < 300) { accepted++; firstAccepted ??= c.sample; }
    if (i === positives.length - 1) cases.push(...negativeCases(o, hash(o.id), firstAccepted));
    const found = problems(o, c, r);
    if (verbose) console.log(`    ${c.kind === "positive" ? "+" : "-"} ${c.method} ${c.url.slice(0, 160)} → ${r.status}${r.status >= 400 ? ` ${r.text.slice(0, 160)}` : ""}`);
    if (found.length === 0) { passed++; continue; }
    failed++; opFailed++;
    failures.push({ c, r, found });
    const cls = `${o.id} ${c.kind}: ${found[0].replace(/'[^']*'/g, "'…'").replace(/\$\[\d+\]/g, "$[i]")} [${c.why}]`;
    classes.set(cls, (classes.get(cls) ?? 0) + 1);
  }
  console.log(`  ${o.id.padEnd(28)} ${String(cases.length).padStart(4)} cases (${positives.length} positive, ${accepted} of them 2xx)${opFailed ? `, ${opFailed} failed` : ""}`);
}
const seconds = ((Date.now() - started) / 1000).toFixed(1);
if (failures.length) {
  console.log(`\nFailures by class (${classes.size}):`);
  for (const [cls, n] of [...classes].sort((a, b) => b[1] - a[1])) console.log(`  ${String(n).padStart(4)} × ${cls}`);
  console.log(`\nThe first ${Math.min(show, failures.length)} failures (5xx first):`);
  const severity = (f) => (f.r.status >= 500 || f.r.status === 0 ? 0 : 1);
  for (const { c, r, found } of [...failures].sort((a, b) => severity(a) - severity(b)).slice(0, show)) {
    console.log(`- ${c.operation} (${c.kind}: ${c.why})\n    ${c.method} ${c.url}`);
    const h = Object.entries(c.headers).filter(([k]) => k !== "X-Api-Key").map(([k, v]) => `${k}: ${v}`).join("; ");
    if (h) console.log(`    headers: ${h}`);
    if (c.body !== undefined) console.log(`    body: ${String(c.body).slice(0, 400)}`);
    console.log(`    → ${r.status} ${r.text.slice(0, 400).replace(/\s+/g, " ")}`);
    for (const f of found) console.log(`    why: ${f}`);
  }
}
if (emptyPools.length) failed++;
console.log(`\nfuzz seed: ${seed}; ${selected.length} operations; ${seconds} s`);
console.log(`fuzz: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
