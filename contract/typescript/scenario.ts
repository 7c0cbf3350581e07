// Contract scenario through openapi-fetch, typed by the paths openapi-typescript generates into generated/schema.d.ts.
// Usage: node dist/scenario.js <base-url> <api-key>
// Prints one "ok …" line per step and exits 0, or prints "FAIL …" and exits 1 (2 for bad arguments).
// Everything it creates carries a per-run suffix, so it can run again and again against the same database.
import { createHash } from "node:crypto";
import createClient from "openapi-fetch";
import type { components, paths } from "./generated/schema.js";

type Schemas = components["schemas"];
type ProblemDetails = Schemas["ProblemDetails"];

const [baseArg, apiKey] = process.argv.slice(2);
if (!baseArg || !apiKey) {
  console.error("usage: node dist/scenario.js <base-url> <api-key>");
  process.exit(2);
}
const baseUrl = baseArg.replace(/\/+$/, "");
const api = createClient<paths, `application/${string}json`>({ baseUrl, headers: { "X-Api-Key": apiKey } });

const stamp = new Date().toISOString().replace(/\D/g, "").slice(2, 14);
const run = `${stamp}${String(Math.floor(Math.random() * 1000)).padStart(3, "0")}`;
const parentCode = `TS-${run}`;
const childA = `TS-${run}-A`;
const childB = `TS-${run}-B`;
let failures = 0;

class CheckError extends Error {}

function check(condition: unknown, what: string): asserts condition {
  if (!condition) throw new CheckError(`expected ${what}`);
}

/** A typed problem+json answer: the status line and the body as the document declares it for that status. */
function expectProblem<P extends ProblemDetails>(
  result: { error?: P; response: Response },
  status: number,
): P {
  const { error, response } = result;
  check(response.status === status, `HTTP ${status}, got ${response.status}`);
  check(
    response.headers.get("content-type")?.startsWith("application/problem+json"),
    `application/problem+json, got ${response.headers.get("content-type")}`,
  );
  check(error !== undefined, "a problem body");
  check(error.status === status, `problem status ${status}, got ${error.status}`);
  check(typeof error.title === "string" && error.title.length > 0, "a problem title");
  return error;
}

/** The JSON body of an answer that could also come as text (the reports' CSV alternative). */
function json<T>(body: T | string): T {
  check(typeof body !== "string", "a JSON body, not text");
  return body;
}

/** The body of a 2xx answer, or a failed check naming the status and the problem's title. */
function expectOk<T>(result: { data?: T; error?: unknown; response: Response }, status: number): T {
  const { data, error, response } = result;
  if (response.status !== status || data === undefined) {
    const p = error as Partial<ProblemDetails> | undefined;
    throw new CheckError(`expected HTTP ${status}, got ${response.status} ${p?.title ?? ""} ${p?.detail ?? ""} ${JSON.stringify(error ?? "")}`);
  }
  return data;
}

async function step(name: string, body: () => Promise<string>): Promise<void> {
  try {
    console.log(`ok   ${name}: ${await body()}`);
  } catch (e) {
    failures++;
    console.log(`FAIL ${name}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

let parent: Schemas["UnitDto"] | undefined;

await step("CreateUnit → 201 UnitDto", async () => {
  const res = await api.POST("/api/v1/units", {
    body: { code: parentCode, name: `Đơn vị kiểm thử hợp đồng ${run}`, kind: "Department", aliases: [`Contract check ${run}`] },
  });
  parent = expectOk(res, 201);
  check(parent.code === parentCode, `code ${parentCode}, got ${parent.code}`);
  check(parent.isActive === true, "isActive true");
  check(res.response.headers.get("location")?.endsWith(`/api/v1/units/${parent.id}`), "a Location header naming the unit");
  return `${parent.code} id=${parent.id}`;
});

await step("CreateUnit duplicate code → 409 problem+json", async () => {
  const res = await api.POST("/api/v1/units", {
    body: { code: parentCode.toLowerCase(), name: "Duplicate", kind: "Department" },
  });
  check(res.data === undefined, "no success body");
  const problem = expectProblem(res, 409);
  check(problem.detail?.toLowerCase().includes(parentCode.toLowerCase()), "the code in the detail");
  return `${problem.status} "${problem.title}"`;
});

await step("CreateUnit invalid → 400 problem+json with errors", async () => {
  const res = await api.POST("/api/v1/units", { body: { code: "", name: " ", kind: "Department" } });
  const problem = expectProblem(res, 400);
  // 400 is declared as HttpValidationProblemDetails, 409 as ProblemDetails: narrow on the declared `errors` map.
  check("errors" in problem && problem.errors, "an errors map");
  const fields = Object.keys(problem.errors ?? {});
  check(fields.includes("code") && fields.includes("name"), `errors for code and name, got [${fields.join(", ")}]`);
  return `${problem.status} "${problem.title}" errors=[${fields.join(", ")}]`;
});

const rows: Schemas["UnitImportRow"][] = [
  { code: childA, name: `Phòng A ${run}`, kind: "Department", parentCode },
  { code: childB, name: `Xã B ${run}`, kind: "Commune", parentCode, aliases: ["B", "Bê"] },
];

await step("ImportUnits JSON dryRun=true → counts, nothing written", async () => {
  const res = await api.POST("/api/v1/units/import", { params: { query: { dryRun: true } }, body: rows });
  const result = expectOk(res, 200);
  check(result.dryRun === true && result.received === 2 && result.created === 2, `dry run 2/2, got ${JSON.stringify(result)}`);
  const missing = await api.GET("/api/v1/units/by-code/{code}", { params: { path: { code: childA } } });
  expectProblem(missing, 404);
  return `received=${result.received} created=${result.created}`;
});

await step("ImportUnits CSV (text/csv) → created 2, then unchanged 2", async () => {
  const csv =
    "\uFEFFcode,name,kind,parentCode,aliases\r\n" +
    `${childA},Phòng A ${run},Department,${parentCode},\r\n` +
    `${childB},"Xã B ${run}",Commune,${parentCode},B|Bê\r\n`;
  const importCsv = () =>
    api.POST("/api/v1/units/import", {
      body: csv,
      bodySerializer: (b) => b,
      headers: { "Content-Type": "text/csv; charset=utf-8" },
    });
  const first = expectOk(await importCsv(), 200);
  check(first.created === 2 && first.dryRun === false, `created 2, got ${JSON.stringify(first)}`);
  const again = expectOk(await importCsv(), 200);
  check(again.unchanged === 2 && again.created === 0 && again.updated === 0, `unchanged 2, got ${JSON.stringify(again)}`);
  const b = expectOk(await api.GET("/api/v1/units/by-code/{code}", { params: { path: { code: childB.toLowerCase() } } }), 200);
  check(b.code === childB && b.parentCode === parentCode && b.kind === "Commune", "child B with its parent and kind");
  check(b.aliases?.includes("Bê"), "the alias Bê");
  return `created=${first.created}, re-import unchanged=${again.unchanged}, ${b.code} parent=${b.parentCode}`;
});

await step("ImportUnits JSON after CSV → unchanged 2", async () => {
  const result = expectOk(await api.POST("/api/v1/units/import", { body: rows }), 200);
  check(result.unchanged === 2, `unchanged 2, got ${JSON.stringify(result)}`);
  return `unchanged=${result.unchanged}`;
});

await step("ImportUnits bad CSV row → 400 problem+json, nothing written", async () => {
  const res = await api.POST("/api/v1/units/import", {
    body: `code,name,kind\r\n${parentCode}-X,Bad,NotAKind\r\n`,
    bodySerializer: (b) => b,
    headers: { "Content-Type": "text/csv" },
  });
  const problem = expectProblem(res, 400);
  const rowErrors = (problem as Record<string, unknown>)["rowErrors"];
  check(Array.isArray(rowErrors) && rowErrors.length === 1, `one entry in rowErrors, got ${JSON.stringify(rowErrors)}`);
  return `${problem.status} "${problem.title}" rowErrors=${JSON.stringify(rowErrors)}`;
});

await step("ListUnits parentCode filter → the two children", async () => {
  const page = expectOk(
    await api.GET("/api/v1/units", { params: { query: { parentCode, sort: "code", page: 1, pageSize: 50 } } }),
    200,
  );
  const codes = (page.items ?? []).map((u) => u.code);
  check(page.totalCount === 2 && codes.join() === [childA, childB].join(), `[${childA}, ${childB}], got [${codes.join(", ")}]`);
  return `totalCount=${page.totalCount}`;
});

let planId: string | undefined;
let taskId: string | undefined;

await step("CreatePlan + CreateTask (lead = the new unit)", async () => {
  const plan = expectOk(await api.POST("/api/v1/plans", { body: { year: 2026, title: `Kế hoạch kiểm thử hợp đồng ${run}` } }), 201);
  planId = plan.id;
  check(planId, "a plan id");
  const task = expectOk(
    await api.POST("/api/v1/plans/{id}/tasks", {
      params: { path: { id: planId } },
      body: {
        group: "Q2",
        sequence: 1,
        content: `Nhiệm vụ kiểm thử ${run}`,
        timing: { kind: "Month", month: 5 },
        leads: [{ unitCode: childA }],
        coordinators: [{ unitCode: childB }],
      },
    }),
    201,
  );
  taskId = task.id;
  check(task.deadline === "2026-05-31", `deadline 2026-05-31, got ${task.deadline}`);
  return `plan ${planId}, task ${taskId} deadline ${task.deadline}`;
});

await step("ListTasks filtered (planId, leadUnitCode, group, asOf)", async () => {
  check(planId && taskId, "the plan and task of the previous step");
  const page = expectOk(
    await api.GET("/api/v1/tasks", {
      params: { query: { planId, leadUnitCode: childA, group: "Q2", asOf: "2026-05-01", pageSize: 10 } },
    }),
    200,
  );
  check(page.totalCount === 1 && page.items?.length === 1, `1 task, got ${page.totalCount}`);
  const t = page.items[0];
  check(t, "one item");
  check(t.leads?.some((l) => l.unitCode === childA), `lead ${childA}`);
  check(t.coordinators?.some((c) => c.unitCode === childB), `coordinator ${childB}`);
  check(t.group === "Q2" && t.planYear === 2026, "group Q2 in 2026");
  const none = expectOk(await api.GET("/api/v1/tasks", { params: { query: { planId, leadUnitCode: childB } } }), 200);
  check(none.totalCount === 0, `no task led by ${childB}, got ${none.totalCount}`);
  const since = new Date(Date.now() - 3600_000).toISOString();
  const feed = expectOk(
    await api.GET("/api/v1/tasks", { params: { query: { year: 2026, changedSince: since, sort: "updatedAt", pageSize: 200 } } }),
    200,
  );
  check(feed.items?.some((i) => i.id === taskId), "the task in the year feed changed within the hour");
  return `${t.group} #${t.sequence} timeliness=${t.timeliness} status=${t.status}`;
});

await step("IssuePlan + ReportProgress → the lead's obligation in ListObligations and the scorecard", async () => {
  check(planId && taskId, "the plan and task of the earlier step");
  expectOk(
    await api.POST("/api/v1/plans/{id}/issue", { params: { path: { id: planId } }, body: { number: `${run}/KH-UBND`, issueDate: "2026-01-15" } }),
    200,
  );
  expectOk(
    await api.POST("/api/v1/tasks/{id}/progress", {
      params: { path: { id: taskId } },
      body: { reportedOn: "2026-05-20", reportingUnitCode: childA, status: "Done", text: "Đã hoàn thành" },
    }),
    201,
  );
  const mine = expectOk(
    await api.GET("/api/v1/obligations", { params: { query: { unitCode: childA, planId, asOf: "2026-06-01", pageSize: 10 } } }),
    200,
  );
  const o = mine.items[0];
  check(mine.totalCount === 1 && o, `one obligation of ${childA}, got ${mine.totalCount}`);
  check(o.role === "Lead" && o.status === "Done" && o.timeliness === "DoneOnTime", `lead, done on time, got ${o.role} ${o.status} ${o.timeliness}`);
  check(o.unit.code === childA && o.reportCount === 1, "the unit named, one report");
  const card = expectOk(
    await api.GET("/api/v1/obligations/summary", { params: { query: { groupBy: "Unit", planId, asOf: "2026-06-01" } } }),
    200,
  );
  check(card.total.total === 2 && card.total.doneOnTime === 1, `2 obligations, 1 done on time, got ${card.total.total}/${card.total.doneOnTime}`);
  return `obligation ${o.id} ${o.status}/${o.timeliness}; scorecard rows=${card.items.length}`;
});

// The commendation path: the seeded catalog, a dossier from draft to decision, its award in the register and the public
// list, and both reports filtered to this run's units (so that earlier runs against the same database do not count).
const year = new Date().getFullYear();
const personAward = "CSTD-TINH"; // seeded: Chiến sĩ thi đua cấp tỉnh (individual, Province)
const collectiveAward = "TTLDXS"; // seeded: Tập thể lao động xuất sắc (collective, Province)
const personName = `Nguyễn Văn Hợp Đồng ${run}`;
let dossier: Schemas["DossierDto"] | undefined;

await step("ListAwards + GetAward → the seeded catalog", async () => {
  const page = expectOk(await api.GET("/api/v1/commendation/awards", { params: { query: { level: "Province", pageSize: 100 } } }), 200);
  const codes = page.items.map((a) => a.code);
  check(codes.includes(personAward) && codes.includes(collectiveAward), `${personAward} and ${collectiveAward}, got [${codes.join(", ")}]`);
  const award = expectOk(await api.GET("/api/v1/commendation/awards/{awardCode}", { params: { path: { awardCode: personAward.toLowerCase() } } }), 200);
  check(award.recipient === "Individual" && award.level === "Province", `an individual provincial award, got ${award.recipient} ${award.level}`);
  return `${page.totalCount} provincial entries; ${award.code} "${award.name}"`;
});

await step("CreateDossier → 201 Draft with its two nominees", async () => {
  dossier = expectOk(
    await api.POST("/api/v1/dossiers", {
      body: {
        proposingUnitCode: parentCode,
        year,
        type: "Regular",
        nominees: [
          { kind: "Individual", unitCode: childA, name: personName, category: "DirectWorker", position: "Công nhân", awardCode: personAward, achievements: "Hoàn thành xuất sắc nhiệm vụ." },
          { kind: "Unit", unitCode: childB, awardCode: collectiveAward, achievements: "Hoàn thành tốt nhiệm vụ." },
        ],
      },
    }),
    201,
  );
  check(dossier.status === "Draft" && dossier.nominees.length === 2, `a draft of 2 nominees, got ${dossier.status} ${dossier.nominees.length}`);
  return `${dossier.id} ${dossier.status}`;
});

/** The strong ETag of an answer, which the next conditional write sends back as If-Match. */
function etagOf(response: Response): string {
  const etag = response.headers.get("etag");
  check(etag, "an ETag header");
  return etag;
}

/** yyyy-MM-dd of today (UTC: never later than today in Bắc Ninh, UTC+7) moved by `days`. */
function dayFrom(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
const today = new Date().toISOString().slice(0, 10);
const anonymous = createClient<paths, `application/${string}json`>({ baseUrl });

await step("ListBaseSalaries + CreateBaseSalary + UpdateBaseSalary (If-Match) + GetAwardAmount", async () => {
  const seeded = expectOk(await api.GET("/api/v1/commendation/base-salaries", {}), 200);
  check(seeded.some((s) => s.effectiveFrom === "2024-07-01" && s.amount === 2_340_000), `the seeded 2,340,000 from 2024-07-01, got ${JSON.stringify(seeded)}`);
  // A day of its own in 2090–2100 (far after anything seeded), so that runs against the same database do not collide.
  const effectiveFrom = dayFrom("2090-01-01", Math.floor(Math.random() * 4000));
  const created = await api.POST("/api/v1/commendation/base-salaries", {
    body: { effectiveFrom, amount: 3_000_001, legalBasis: `Kiểm thử hợp đồng ${run} (không phải văn bản pháp luật)` },
  });
  const salary = expectOk(created, 201);
  check(salary.effectiveFrom === effectiveFrom && salary.amount === 3_000_001, `the entry as sent, got ${JSON.stringify(salary)}`);
  const award = expectOk(await api.GET("/api/v1/commendation/awards/{awardCode}", { params: { path: { awardCode: personAward } } }), 200);
  const coefficient = award.rewardCoefficient;
  check(typeof coefficient === "number", `${personAward} has a coefficient`);
  const first = expectOk(await api.GET("/api/v1/commendation/awards/{awardCode}/amount", { params: { path: { awardCode: personAward }, query: { on: effectiveFrom } } }), 200);
  check(first.baseSalary.id === salary.id && first.coefficient === coefficient, `the new base salary and ${coefficient}, got ${JSON.stringify(first)}`);
  check(first.amount === Math.round(coefficient * 3_000_001), `${coefficient} × 3,000,001 rounded, got ${first.amount}`);
  const stale = await api.PUT("/api/v1/commendation/base-salaries/{id}", {
    params: { path: { id: salary.id }, header: { "If-Match": `"${salary.version + 1000}"` } },
    body: { effectiveFrom, amount: 1, legalBasis: "stale" },
  });
  expectProblem(stale, 412);
  const updated = expectOk(
    await api.PUT("/api/v1/commendation/base-salaries/{id}", {
      params: { path: { id: salary.id }, header: { "If-Match": etagOf(created.response) } },
      body: { effectiveFrom, amount: 3_100_000, legalBasis: salary.legalBasis },
    }),
    200,
  );
  check(updated.amount === 3_100_000 && updated.version !== salary.version, `the new amount and version, got ${JSON.stringify(updated)}`);
  const second = expectOk(await api.GET("/api/v1/commendation/awards/{awardCode}/amount", { params: { path: { awardCode: personAward }, query: { on: dayFrom(effectiveFrom, 1) } } }), 200);
  check(second.amount === Math.round(coefficient * 3_100_000) && second.on === dayFrom(effectiveFrom, 1), `${coefficient} × 3,100,000, got ${JSON.stringify(second)}`);
  const before = await api.GET("/api/v1/commendation/awards/{awardCode}/amount", { params: { path: { awardCode: personAward }, query: { on: "2000-01-01" } } });
  const problem = expectProblem(before, 409);
  return `${effectiveFrom}: ${first.amount} → ${second.amount} VND; 412 on a stale If-Match; 2000-01-01 → 409 "${problem.detail}"`;
});

// An award of this run's own with a rule on the seeded title: the decision below writes the register line it reads.
const ruleAward = `TS-${run}-KT`;
let rule: { id: string; etag: string } | undefined;

await step("CreateAward + CreateEligibilityRule + ListEligibilityRules + UpdateEligibilityRule (If-Match)", async () => {
  expectOk(
    await api.POST("/api/v1/commendation/awards", {
      body: { code: ruleAward, name: `Danh hiệu kiểm thử ${run}`, category: "EmulationTitle", recipient: "Individual", level: "Unit" },
    }),
    201,
  );
  const body = {
    kind: "ConsecutiveYears" as const,
    requiredAwardCode: personAward,
    count: 2,
    citation: "Dữ liệu kiểm thử hợp đồng (không trích dẫn văn bản pháp luật)",
    explanation: `Đạt ${personAward} trong các năm liên tục.`,
  };
  const created = await api.POST("/api/v1/commendation/awards/{awardCode}/rules", { params: { path: { awardCode: ruleAward } }, body });
  const made = expectOk(created, 201);
  check(made.kind === "ConsecutiveYears" && made.count === 2 && made.requiredAward?.code === personAward, `the rule as sent, got ${JSON.stringify(made)}`);
  const stale = await api.PUT("/api/v1/commendation/rules/{id}", {
    params: { path: { id: made.id }, header: { "If-Match": `"${made.version + 1000}"` } },
    body: { ...body, count: 1 },
  });
  expectProblem(stale, 412);
  const updated = await api.PUT("/api/v1/commendation/rules/{id}", {
    params: { path: { id: made.id }, header: { "If-Match": etagOf(created.response) } },
    body: { ...body, count: 1 },
  });
  const rewritten = expectOk(updated, 200);
  check(rewritten.count === 1 && rewritten.version !== made.version, `count 1 and a new version, got ${JSON.stringify(rewritten)}`);
  rule = { id: made.id, etag: etagOf(updated.response) };
  const listed = expectOk(await api.GET("/api/v1/commendation/awards/{awardCode}/rules", { params: { path: { awardCode: ruleAward } } }), 200);
  check(listed.length === 1 && listed[0]?.id === made.id && listed[0].count === 1, `the one rule, got ${JSON.stringify(listed)}`);
  return `${ruleAward}: ${made.kind}(${personAward}, count ${made.count} → ${rewritten.count}); 412 on a stale If-Match`;
});

/** GetEligibility of the run's person for the run's award in `year`. */
async function eligibility() {
  return expectOk(
    await api.GET("/api/v1/commendation/awards/{awardCode}/eligibility", {
      params: { path: { awardCode: ruleAward }, query: { unitCode: childA, year, personName: personName.toUpperCase() } },
    }),
    200,
  );
}

await step("GetEligibility before any award → NotMet, naming the missing year", async () => {
  const e = await eligibility();
  const r = e.rules[0];
  check(e.outcome === "NotMet" && e.rules.length === 1 && r?.outcome === "NotMet", `NotMet, got ${JSON.stringify(e)}`);
  check(r.reason?.includes(String(year)), `the reason names ${year}, got ${r.reason}`);
  check(e.unit.code === childA && e.year === year && r.records.length === 0, "the unit, the year and no register line");
  return `${e.outcome}: ${r.reason}`;
});

// The dossier's own steps. Each sends the ETag of the answer before it as If-Match.
let dossierEtag = "";
type DossierStep = "submit" | "receive" | "start-appraisal" | "appraise" | "refer-to-council";
const stepPaths = {
  submit: "/api/v1/dossiers/{id}/submit",
  receive: "/api/v1/dossiers/{id}/receive",
  "start-appraisal": "/api/v1/dossiers/{id}/start-appraisal",
  appraise: "/api/v1/dossiers/{id}/appraise",
  "refer-to-council": "/api/v1/dossiers/{id}/refer-to-council",
} as const satisfies Record<DossierStep, string>;

async function takeSteps(...names: DossierStep[]): Promise<string[]> {
  check(dossier, "the dossier");
  const id = dossier.id;
  const seen: string[] = [];
  for (const name of names) {
    const res = await api.POST(stepPaths[name], {
      params: { path: { id }, header: { "If-Match": dossierEtag } },
      body: { documentReference: `Văn bản ${name} ${run}` },
    });
    const next: Schemas["DossierDto"] = expectOk(res, 200);
    dossierEtag = etagOf(res.response);
    check(dossierEtag === `"${next.version}"`, `the ETag of version ${next.version}, got ${dossierEtag}`);
    seen.push(next.status);
    dossier = next;
  }
  return seen;
}

await step("ReceiveDossier on a draft → 409 problem+json naming the status and the step, nothing changed", async () => {
  check(dossier, "the dossier of the previous step");
  const got = await api.GET("/api/v1/dossiers/{id}", { params: { path: { id: dossier.id } } });
  check(expectOk(got, 200).version === dossier.version, "the draft as created");
  dossierEtag = etagOf(got.response);
  const res = await api.POST("/api/v1/dossiers/{id}/receive", {
    params: { path: { id: dossier.id }, header: { "If-Match": dossierEtag } },
    body: { documentReference: "x" },
  });
  check(res.data === undefined, "no success body");
  const problem = expectProblem(res, 409);
  check(problem.detail?.includes("Draft") && problem.detail.includes("Receive"), `the status and the step in the detail, got ${problem.detail}`);
  const after = expectOk(await api.GET("/api/v1/dossiers/{id}", { params: { path: { id: dossier.id } } }), 200);
  check(after.status === "Draft" && after.version === dossier.version, `still the same draft, got ${after.status} v${after.version}`);
  return `${problem.status} "${problem.detail}"`;
});

const pdf = new TextEncoder().encode(`%PDF-1.4\n% Biên bản kiểm thử ${run}\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n`);
let attachment: Schemas["AttachmentDto"] | undefined;

await step("AddDossierAttachment (application/pdf body) + ListDossierAttachments", async () => {
  check(dossier, "the draft");
  const fileName = `Báo cáo thành tích ${run}.pdf`;
  const res = await api.POST("/api/v1/dossiers/{id}/attachments", {
    params: { path: { id: dossier.id }, query: { fileName } },
    body: pdf as unknown as string,
    bodySerializer: (b) => b,
    headers: { "Content-Type": "application/pdf" },
  });
  attachment = expectOk(res, 201);
  const sha256 = createHash("sha256").update(pdf).digest("hex");
  check(attachment.sha256 === sha256 && attachment.length === pdf.length, `sha256 ${sha256} and length ${pdf.length}, got ${attachment.sha256} ${attachment.length}`);
  check(attachment.contentType === "application/pdf" && attachment.fileName === fileName && attachment.ownerKind === "Dossier" && attachment.ownerId === dossier.id, `the file as sent, got ${JSON.stringify(attachment)}`);
  check(res.response.headers.get("location")?.endsWith(`/api/v1/attachments/${attachment.id}/content`), "a Location naming the content");
  const list = expectOk(await api.GET("/api/v1/dossiers/{id}/attachments", { params: { path: { id: dossier.id } } }), 200);
  check(list.length === 1 && list[0]?.id === attachment.id, `the one file, got ${JSON.stringify(list)}`);
  const html = await api.POST("/api/v1/dossiers/{id}/attachments", {
    params: { path: { id: dossier.id }, query: { fileName: "x.pdf" } },
    body: "<html></html>",
    bodySerializer: (b) => b,
    headers: { "Content-Type": "application/pdf" },
  });
  expectProblem(html, 415);
  return `${attachment.fileName} ${attachment.length} bytes sha256=${attachment.sha256.slice(0, 12)}…; a PDF that is not one → 415`;
});

await step("GetAttachmentContent → the bytes, ETag and Repr-Digest of their SHA-256; 304; Range → 206", async () => {
  check(attachment, "the attachment of the previous step");
  const id = attachment.id;
  const res = await api.GET("/api/v1/attachments/{id}/content", { params: { path: { id } }, parseAs: "arrayBuffer" });
  check(res.response.status === 200 && res.data, `200, got ${res.response.status}`);
  const bytes = new Uint8Array(res.data as ArrayBuffer);
  const digest = createHash("sha256").update(bytes).digest();
  check(Buffer.compare(Buffer.from(bytes), Buffer.from(pdf)) === 0, "the bytes sent");
  const etag = res.response.headers.get("etag");
  check(etag === `"${digest.toString("hex")}"`, `ETag "<sha-256 hex>", got ${etag}`);
  const repr = res.response.headers.get("repr-digest");
  check(repr === `sha-256=:${digest.toString("base64")}:`, `Repr-Digest sha-256=:<base64>:, got ${repr}`);
  check(res.response.headers.get("content-type") === "application/pdf", `application/pdf, got ${res.response.headers.get("content-type")}`);
  check(res.response.headers.get("content-disposition")?.includes("filename*=UTF-8''"), "a Content-Disposition with the UTF-8 file name");
  const again = await api.GET("/api/v1/attachments/{id}/content", { params: { path: { id }, header: { "If-None-Match": etag } }, parseAs: "arrayBuffer" });
  check(again.response.status === 304, `304 with the ETag, got ${again.response.status}`);
  const part = await api.GET("/api/v1/attachments/{id}/content", { params: { path: { id } }, headers: { Range: "bytes=0-4" }, parseAs: "arrayBuffer" });
  check(part.response.status === 206, `206, got ${part.response.status}`);
  const head = new TextDecoder().decode(part.data as ArrayBuffer);
  check(head === "%PDF-", `the first five bytes, got ${JSON.stringify(head)}`);
  check(part.response.headers.get("content-range") === `bytes 0-4/${pdf.length}`, `Content-Range bytes 0-4/${pdf.length}, got ${part.response.headers.get("content-range")}`);
  check(part.response.headers.get("repr-digest") === repr, "the whole file's Repr-Digest on the 206 too");
  const outside = await api.GET("/api/v1/attachments/{id}/content", { params: { path: { id } }, headers: { Range: `bytes=${pdf.length + 10}-` } });
  expectProblem(outside as { error?: ProblemDetails; response: Response }, 416);
  return `${bytes.length} bytes, ${etag}; 304; 206 "${head}" ${part.response.headers.get("content-range")}; 416 past the end`;
});

await step("Submit, Receive, ReturnDossier (reason, resubmitBy) → Returned", async () => {
  check(dossier, "the draft");
  const seen = await takeSteps("submit", "receive");
  const res = await api.POST("/api/v1/dossiers/{id}/return", {
    params: { path: { id: dossier.id }, header: { "If-Match": dossierEtag } },
    body: { reason: "Thiếu biên bản họp xét.", resubmitBy: dayFrom(today, 30), documentReference: `${run}/TB-SNV` },
  });
  dossier = expectOk(res, 200);
  dossierEtag = etagOf(res.response);
  check(dossier.status === "Returned", `Returned, got ${dossier.status}`);
  return [...seen, dossier.status].join(" → ");
});

await step("UpdateDossier (If-Match) on the returned dossier, then submit again → Submitted", async () => {
  check(dossier, "the returned dossier");
  const stale = await api.PUT("/api/v1/dossiers/{id}", {
    params: { path: { id: dossier.id }, header: { "If-Match": `"${dossier.version - 1}"` } },
    body: { proposingUnitCode: parentCode, year, type: "Regular", nominees: [] },
  });
  check(stale.response.status === 412 || stale.response.status === 400, `412 (or 400 for the empty list), got ${stale.response.status}`);
  const res = await api.PUT("/api/v1/dossiers/{id}", {
    params: { path: { id: dossier.id }, header: { "If-Match": dossierEtag } },
    body: {
      proposingUnitCode: parentCode,
      year,
      type: "Regular",
      nominees: [
        { kind: "Individual", unitCode: childA, name: personName, category: "DirectWorker", position: "Công nhân", awardCode: personAward, achievements: "Hoàn thành xuất sắc nhiệm vụ; bổ sung biên bản." },
        { kind: "Unit", unitCode: childB, awardCode: collectiveAward, achievements: "Hoàn thành tốt nhiệm vụ." },
      ],
    },
  });
  dossier = expectOk(res, 200);
  dossierEtag = etagOf(res.response);
  check(dossier.status === "Returned" && dossier.nominees[0]?.achievements.endsWith("bổ sung biên bản."), `the rewritten returned dossier, got ${dossier.status}`);
  const seen = await takeSteps("submit");
  check(seen.join() === "Submitted", `Submitted (not straight to appraisal), got ${seen.join()}`);
  const submits = dossier.steps.filter((s) => s.kind === "Submit").length;
  check(submits === 2, `two Submit steps in the history, got ${submits}`);
  return `Returned → (PUT) → ${seen.join()}; ${dossier.steps.length} steps`;
});

await step("Receive again → the overdue list (ListDossiers overdue/asOf) after appraisalDueOn", async () => {
  check(dossier, "the resubmitted dossier");
  await takeSteps("receive");
  const due = dossier.appraisalDueOn;
  check(due && dossier.receivedOn, `receivedOn and appraisalDueOn, got ${dossier.receivedOn} ${due}`);
  const list = async (overdue: boolean, asOf: string) =>
    expectOk(await api.GET("/api/v1/dossiers", { params: { query: { overdue, asOf, proposingUnitCode: parentCode } } }), 200).items.map((d) => d.id);
  const late = dayFrom(due, 1);
  check((await list(true, late)).includes(dossier.id), `the dossier overdue on ${late}`);
  check(!(await list(false, late)).includes(dossier.id), `not among the others on ${late}`);
  check(!(await list(true, due)).includes(dossier.id), `not overdue on ${due} itself`);
  check((await list(false, due)).includes(dossier.id), `among the others on ${due}`);
  return `received ${dossier.receivedOn}, due ${due}: overdue on ${late}, not on ${due}`;
});

await step("StartAppraisal, Appraise, ReferToCouncil (each with If-Match) → InCouncilReview", async () => {
  check(dossier, "the received dossier");
  const seen = await takeSteps("start-appraisal", "appraise", "refer-to-council");
  check(seen.join() === "UnderAppraisal,Appraised,InCouncilReview", `the statuses in order, got ${seen.join()}`);
  check(dossier.steps.find((s) => s.kind === "Submit")?.eligibility?.length === 2, "the submission records both nominees' eligibility");
  check(dossier.steps.find((s) => s.kind === "Appraise")?.eligibility?.length === 2, "the appraisal too");
  return seen.join(" → ");
});

let session: Schemas["CouncilSessionDto"] | undefined;
let sessionEtag = "";

await step("CreateCouncilSession considering the dossier → 201; the dossier names it; DecideDossier now → 409", async () => {
  check(dossier, "the dossier in council review");
  const res = await api.POST("/api/v1/commendation/council-sessions", {
    body: {
      heldOn: today,
      place: `Phòng họp kiểm thử ${run}`,
      kind: "Regular",
      members: [
        { name: "Chủ tịch Hội đồng", role: "Chair" },
        { name: "Ủy viên A", role: "Member" },
        { name: "Thư ký", role: "Secretary" },
      ],
      dossierIds: [dossier.id],
    },
  });
  session = expectOk(res, 201);
  sessionEtag = etagOf(res.response);
  check(session.status === "Open" && session.members.length === 3 && session.dossiers.length === 1 && session.publishedOn === null, `an open session of 3 with the dossier, got ${JSON.stringify(session)}`);
  // Taking the dossier up changes it (councilSessionId), so its ETag moves: the next write sends the new one.
  const read = await api.GET("/api/v1/dossiers/{id}", { params: { path: { id: dossier.id } } });
  const got = expectOk(read, 200);
  check(got.councilSessionId === session.id, `the dossier names the session, got ${got.councilSessionId}`);
  check(etagOf(read.response) !== dossierEtag, "a new ETag for the dossier taken up");
  dossierEtag = etagOf(read.response);
  const early = await api.POST("/api/v1/dossiers/{id}/decide", {
    params: { path: { id: dossier.id }, header: { "If-Match": dossierEtag } },
    body: {
      documentReference: `${run}/QĐ-UBND`,
      outcomes: dossier.nominees.map((n) => ({ nomineeId: n.id, outcome: "Approved" as const })),
    },
  });
  const problem = expectProblem(early, 409);
  return `session ${session.id} ${session.status}; decide before the outcome → 409 "${problem.detail}"`;
});

await step("GetCouncilSession + ListCouncilSessions → the dossier's nominees without votes", async () => {
  check(session && dossier, "the session");
  const got = await api.GET("/api/v1/commendation/council-sessions/{id}", { params: { path: { id: session.id } } });
  const read = expectOk(got, 200);
  // A write answers "<version>", a read "<version>-<digest>" (the read names the dossiers' state too); If-Match takes
  // the version part of either, so the votes below send the read's ETag.
  const readEtag = etagOf(got.response);
  check(readEtag.startsWith(`"${read.version}-`) && sessionEtag === `"${read.version}"`, `ETags of version ${read.version}, got ${sessionEtag} and ${readEtag}`);
  sessionEtag = readEtag;
  const notModified = await api.GET("/api/v1/commendation/council-sessions/{id}", { params: { path: { id: session.id }, header: { "If-None-Match": readEtag } } });
  check(notModified.response.status === 304, `304 on re-read, got ${notModified.response.status}`);
  const considered = read.dossiers[0];
  check(considered?.id === dossier.id && considered.status === "InCouncilReview", `the dossier in council review, got ${JSON.stringify(considered)}`);
  check(considered.nominees.length === 2 && considered.nominees.every((n) => n.vote === null), "two nominees, no vote yet");
  check(considered.nominees[0]?.name === personName && considered.nominees[0].unit.code === childA, "the person by name and unit");
  check(!("achievements" in considered.nominees[0]), "no achievements in a session");
  const page = expectOk(await api.GET("/api/v1/commendation/council-sessions", { params: { query: { year: Number(today.slice(0, 4)), status: "Open", pageSize: 200 } } }), 200);
  check(page.items.some((s) => s.id === session?.id), "the session in the year's open sessions");
  return `${considered.nominees.map((n) => `${n.name} (${n.award.code})`).join(", ")}; ${page.totalCount} open session(s)`;
});

await step("RecordCouncilVotes (If-Match) + PublishCouncilNominees → ListPublicNominees (no key) with exactly the documented keys", async () => {
  check(session && dossier, "the session");
  const [person, unit] = dossier.nominees;
  check(person && unit, "two nominees");
  const tooMany = await api.PUT("/api/v1/commendation/council-sessions/{id}/votes", {
    params: { path: { id: session.id }, header: { "If-Match": sessionEtag } },
    body: { votes: [{ nomineeId: person.id, for: 3, against: 1, abstain: 0, outcome: "Recommended" }] },
  });
  expectProblem(tooMany, 409);
  const voted = await api.PUT("/api/v1/commendation/council-sessions/{id}/votes", {
    params: { path: { id: session.id }, header: { "If-Match": sessionEtag } },
    body: {
      votes: [
        { nomineeId: person.id, for: 3, against: 0, abstain: 0, outcome: "Recommended" },
        { nomineeId: unit.id, for: 1, against: 2, abstain: 0, outcome: "NotRecommended", reason: "Chưa đủ tiêu chuẩn." },
      ],
    },
  });
  session = expectOk(voted, 200);
  sessionEtag = etagOf(voted.response);
  const votes = session.dossiers[0]?.nominees.map((n) => n.vote?.outcome).join();
  check(votes === "Recommended,NotRecommended", `both votes recorded, got ${votes}`);
  const published = await api.POST("/api/v1/commendation/council-sessions/{id}/publish", {
    params: { path: { id: session.id }, header: { "If-Match": sessionEtag } },
    body: {},
  });
  session = expectOk(published, 200);
  sessionEtag = etagOf(published.response);
  check(session.publishedOn !== null, "publishedOn set");
  const open = expectOk(await anonymous.GET("/api/v1/public/nominees", { params: { query: { unitCode: childA } } }), 200);
  const line = open.items[0];
  check(open.totalCount === 1 && line, `one public nominee of ${childA}, got ${JSON.stringify(open.items)}`);
  check(Object.keys(line).sort().join() === "awardCode,awardName,name,sessionDate,unitName", `exactly the documented keys, got ${Object.keys(line).join()}`);
  check(line.name === personName && line.awardCode === personAward && line.sessionDate === today, `the person for ${personAward} on ${today}, got ${JSON.stringify(line)}`);
  const unitLine = expectOk(await anonymous.GET("/api/v1/public/nominees", { params: { query: { unitCode: childB } } }), 200);
  check(unitLine.totalCount === 1, `the unit listed too while the session is open, got ${unitLine.totalCount}`);
  return `votes ${votes}; published ${session.publishedOn}; public: ${line.name}, ${line.awardName}`;
});

await step("ConcludeCouncilSession (If-Match) → Concluded; the outcomes on the dossier; public nominees only the recommended", async () => {
  check(session && dossier, "the session");
  const res = await api.POST("/api/v1/commendation/council-sessions/{id}/conclude", {
    params: { path: { id: session.id }, header: { "If-Match": sessionEtag } },
    body: { minutesReference: `${run}/BB-HĐTĐKT` },
  });
  session = expectOk(res, 200);
  check(session.status === "Concluded" && session.minutesReference === `${run}/BB-HĐTĐKT`, `Concluded with the minutes, got ${session.status} ${session.minutesReference}`);
  const again = await api.POST("/api/v1/commendation/council-sessions/{id}/conclude", {
    params: { path: { id: session.id }, header: { "If-Match": etagOf(res.response) } },
    body: {},
  });
  expectProblem(again, 409);
  const got = await api.GET("/api/v1/dossiers/{id}", { params: { path: { id: dossier.id } } });
  dossier = expectOk(got, 200);
  dossierEtag = etagOf(got.response);
  check(dossier.nominees.map((n) => n.councilOutcome).join() === "Recommended,NotRecommended", `the council's outcomes on the dossier, got ${dossier.nominees.map((n) => n.councilOutcome).join()}`);
  const b = expectOk(await anonymous.GET("/api/v1/public/nominees", { params: { query: { unitCode: childB } } }), 200);
  check(b.totalCount === 0, `the unit not recommended is no longer listed, got ${b.totalCount}`);
  const a = expectOk(await anonymous.GET("/api/v1/public/nominees", { params: { query: { unitCode: childA } } }), 200);
  check(a.totalCount === 1, `the person still listed, got ${a.totalCount}`);
  const published = expectOk(await api.GET("/api/v1/commendation/council-sessions", { params: { query: { published: true, status: "Concluded", pageSize: 200 } } }), 200);
  check(published.items.some((s) => s.id === session?.id), "among the published concluded sessions");
  return `${session.status}; conclude again → 409; outcomes ${dossier.nominees.map((n) => n.councilOutcome).join("/")}`;
});

await step("DecideDossier (If-Match) → Decided: the person approved, the unit not; off the public nominees list", async () => {
  check(dossier, "the dossier of the previous step");
  const [person, unit] = dossier.nominees;
  check(person && unit, "two nominees");
  const res = await api.POST("/api/v1/dossiers/{id}/decide", {
    params: { path: { id: dossier.id }, header: { "If-Match": dossierEtag } },
    body: {
      documentReference: `${run}/QĐ-UBND`,
      signer: "Chủ tịch UBND tỉnh",
      outcomes: [
        { nomineeId: person.id, outcome: "Approved" },
        { nomineeId: unit.id, outcome: "NotApproved", reason: "Chưa đủ tiêu chuẩn." },
      ],
    },
  });
  dossier = expectOk(res, 200);
  check(dossier.status === "Decided", `Decided, got ${dossier.status}`);
  const nominees = expectOk(await anonymous.GET("/api/v1/public/nominees", { params: { query: { unitCode: childA } } }), 200);
  check(nominees.totalCount === 0, `a decided dossier's nominees leave the list, got ${nominees.totalCount}`);
  check(attachment, "the attachment");
  const late = await api.POST("/api/v1/dossiers/{id}/attachments", {
    params: { path: { id: dossier.id }, query: { fileName: "late.pdf" } },
    body: pdf as unknown as string,
    bodySerializer: (b) => b,
    headers: { "Content-Type": "application/pdf" },
  });
  expectProblem(late, 409);
  return `${dossier.status}, outcomes ${dossier.nominees.map((n) => n.outcome).join("/")}; a file after the decision → 409`;
});

await step("GetEligibility after the decision → Met on the register line; DeleteEligibilityRule (If-Match) → CannotTell", async () => {
  check(rule, "the rule");
  const e = await eligibility();
  check(e.outcome === "Met" && e.rules[0]?.records.length === 1, `Met on one register line, got ${JSON.stringify(e)}`);
  const deleted = await api.DELETE("/api/v1/commendation/rules/{id}", { params: { path: { id: rule.id }, header: { "If-Match": rule.etag } } });
  check(deleted.response.status === 204, `204, got ${deleted.response.status}`);
  const none = await eligibility();
  check(none.outcome === "CannotTell" && none.rules.length === 0, `CannotTell without rules, got ${JSON.stringify(none)}`);
  return `Met (${e.rules[0]?.records.length} line); rule deleted → ${none.outcome}`;
});

await step("CreateCluster … PublishEvaluation → CreateFlagDossier drafts the proposed unit's dossier; twice → 409", async () => {
  const leader = `TS-${run}-L`;
  const member = `TS-${run}-M`;
  for (const code of [leader, member]) {
    expectOk(await api.POST("/api/v1/units", { body: { code, name: `Đơn vị cụm ${code}`, kind: "Commune" } }), 201);
  }
  const clusterYear = Number(today.slice(0, 4));
  const cluster = expectOk(
    await api.POST("/api/v1/clusters", {
      body: {
        year: clusterYear,
        kind: "Cluster",
        scope: "Provincial",
        name: `Cụm thi đua kiểm thử ${run}`,
        members: [{ unitCode: leader, role: "Leader" }, { unitCode: member, role: "Member" }],
      },
    }),
    201,
  );
  const covenant = expectOk(
    await api.PUT("/api/v1/clusters/{id}/covenant", { params: { path: { id: cluster.id } }, body: { criteria: [{ name: "Nhiệm vụ chính trị", maxPoints: 100 }] } }),
    200,
  );
  const criterionId = covenant.criteria[0]?.id;
  check(criterionId, "a criterion id");
  expectOk(await api.POST("/api/v1/clusters/{id}/covenant/sign", { params: { path: { id: cluster.id } }, body: { signedOn: today } }), 200);
  expectOk(
    await api.PUT("/api/v1/clusters/{id}/covenant/scores", {
      params: { path: { id: cluster.id } },
      body: { scores: [{ unitCode: leader, criterionId, points: 80 }, { unitCode: member, criterionId, points: 95 }] },
    }),
    200,
  );
  expectOk(await api.POST("/api/v1/clusters/{id}/covenant/publish", { params: { path: { id: cluster.id } }, body: { evaluatedOn: today } }), 200);
  const body = { awardCode: "CTD-UBND", type: "Regular" as const, achievements: `Dẫn đầu cụm thi đua kiểm thử ${run}.` };
  const res = await api.POST("/api/v1/clusters/{id}/flag-proposal/dossier", { params: { path: { id: cluster.id } }, body });
  const flag = expectOk(res, 201);
  const nominee = flag.nominees[0];
  check(flag.status === "Draft" && flag.clusterId === cluster.id && flag.year === clusterYear, `a draft of the cluster's year, got ${flag.status} ${flag.clusterId} ${flag.year}`);
  check(flag.proposingUnit.code === leader && flag.nominees.length === 1 && nominee?.kind === "Unit" && nominee.unit.code === member, `${member} proposed by ${leader}, got ${JSON.stringify(flag.nominees)}`);
  check(nominee.award.code === "CTD-UBND", "the flag's award");
  const twice = expectProblem(await api.POST("/api/v1/clusters/{id}/flag-proposal/dossier", { params: { path: { id: cluster.id } }, body }), 409);
  check(twice.detail?.includes(flag.id), "the existing dossier named");
  return `${flag.id}: ${nominee.unit.code} for ${nominee.award.code}, proposed by ${flag.proposingUnit.code}; again → 409`;
});

await step("ListAwardRecords + ListPublicAwards (no key) → the approved person's award", async () => {
  const register = expectOk(await api.GET("/api/v1/commendation/register", { params: { query: { unitCode: childA } } }), 200);
  const line = register.items[0];
  check(register.totalCount === 1 && line, `one register line for ${childA}, got ${register.totalCount}`);
  check(line.source === "Decision" && line.personName === personName && line.award.code === personAward, `the decided line, got ${JSON.stringify(line)}`);
  check(line.decision.number === `${run}/QĐ-UBND`, "the decision number");
  const published = expectOk(await anonymous.GET("/api/v1/public/awards", { params: { query: { unitCode: childA } } }), 200);
  const shown = published.items[0];
  check(published.totalCount === 1 && shown?.name === personName && shown.awardCode === personAward, `the public line, got ${JSON.stringify(published.items)}`);
  check(!("personBirthYear" in shown) && !("id" in shown), "no personal data beyond the name");
  const none = expectOk(await api.GET("/api/v1/commendation/register", { params: { query: { unitCode: childB } } }), 200);
  check(none.totalCount === 0, `nothing for the unit not approved, got ${none.totalCount}`);
  return `${line.award.code} ${line.personName} ${line.decision.number}; public ${shown.name}`;
});

await step("GetNominationReport by Quarter (JSON, then 304 on re-poll, then CSV with a BOM)", async () => {
  check(dossier, "the decided dossier");
  const submitted = dossier.steps[0]?.date ?? "";
  const quarter = `${submitted.slice(0, 4)}-Q${Math.floor((Number(submitted.slice(5, 7)) - 1) / 3) + 1}`;
  const query = { groupBy: "Quarter", proposingUnitCode: parentCode } as const;
  const res = await api.GET("/api/v1/commendation/reports/nominations", { params: { query } });
  const report = json(expectOk(res, 200));
  const row = report.rows[0];
  check(report.rows.length === 1 && row?.key === quarter, `one row for ${quarter}, got ${JSON.stringify(report.rows)}`);
  check(row.nominees === 2 && row.approved === 1 && row.directWorkers === 1 && row.favouredShare === 0.5, `2 nominees, 1 approved, share 0.5, got ${JSON.stringify(row)}`);
  const etag = res.response.headers.get("etag");
  check(etag, "an ETag");
  const again = await api.GET("/api/v1/commendation/reports/nominations", { params: { query, header: { "If-None-Match": etag } } });
  check(again.response.status === 304, `304 on re-poll, got ${again.response.status}`);
  const csv = await api.GET("/api/v1/commendation/reports/nominations", { params: { query }, headers: { Accept: "text/csv" }, parseAs: "arrayBuffer" });
  check(csv.response.status === 200 && csv.response.headers.get("content-type")?.startsWith("text/csv"), `text/csv, got ${csv.response.status} ${csv.response.headers.get("content-type")}`);
  const bytes = new Uint8Array(csv.data as ArrayBuffer);
  check(bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf, "a UTF-8 byte order mark");
  const lines = new TextDecoder().decode(bytes.slice(3)).split("\r\n");
  check(lines[1] === `${quarter},,2,1,1,0,0,0.5`, `the quarter's CSV line, got ${lines[1]}`);
  return `${row.key}: ${row.nominees} nominees, ${row.approved} approved, share ${row.favouredShare}; 304; CSV ${lines.length - 1} lines`;
});

await step("GetAwardReport by ProposingUnit and by Type", async () => {
  const byUnit = json(
    expectOk(await api.GET("/api/v1/commendation/reports/awards", { params: { query: { groupBy: "ProposingUnit", proposingUnitCode: parentCode } } }), 200),
  );
  const row = byUnit.rows[0];
  check(byUnit.rows.length === 1 && row?.key === parentCode && row.awards === 1 && row.individuals === 1, `one award proposed by ${parentCode}, got ${JSON.stringify(byUnit.rows)}`);
  const byType = json(expectOk(await api.GET("/api/v1/commendation/reports/awards", { params: { query: { groupBy: "Type", unitCode: childA } } }), 200));
  check(byType.rows.map((r) => `${r.key}=${r.awards}`).join() === "Regular=1", `Regular=1, got ${JSON.stringify(byType.rows)}`);
  return `${row.key} awards=${row.awards}; by type ${byType.rows.map((r) => r.key).join()}`;
});

await step("GetUnit unknown id → 404 problem+json", async () => {
  const res = await api.GET("/api/v1/units/{id}", { params: { path: { id: crypto.randomUUID() } } });
  const problem = expectProblem(res, 404);
  return `${problem.status} "${problem.title}"`;
});

await step("Unauthenticated → 401 problem+json", async () => {
  const anonymous = createClient<paths, `application/${string}json`>({ baseUrl });
  const res = await anonymous.GET("/api/v1/units", { params: { query: { pageSize: 1 } } });
  const problem = expectProblem(res, 401);
  return `${problem.status} "${problem.title}"`;
});

console.log(failures === 0 ? "typescript scenario: all steps passed" : `typescript scenario: ${failures} step(s) failed`);
process.exit(failures === 0 ? 0 : 1);
