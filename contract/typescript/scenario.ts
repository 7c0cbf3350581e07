// Contract scenario through openapi-fetch, typed by the paths openapi-typescript generates into generated/schema.d.ts.
// Usage: node dist/scenario.js <base-url> <api-key>
// Prints one "ok …" line per step and exits 0, or prints "FAIL …" and exits 1 (2 for bad arguments).
// Everything it creates carries a per-run suffix, so it can run again and again against the same database.
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

const stepPaths = {
  submit: "/api/v1/dossiers/{id}/submit",
  receive: "/api/v1/dossiers/{id}/receive",
  "start-appraisal": "/api/v1/dossiers/{id}/start-appraisal",
  appraise: "/api/v1/dossiers/{id}/appraise",
  "refer-to-council": "/api/v1/dossiers/{id}/refer-to-council",
} as const;

await step("Submit, Receive, StartAppraisal, Appraise, ReferToCouncil (each with If-Match) → InCouncilReview", async () => {
  check(dossier, "the dossier of the previous step");
  const id = dossier.id;
  let version = dossier.version;
  const seen: string[] = [];
  for (const [name, path] of Object.entries(stepPaths)) {
    const next: Schemas["DossierDto"] = expectOk(
      await api.POST(path, {
        params: { path: { id }, header: { "If-Match": `"${version}"` } },
        body: { documentReference: `Văn bản ${name} ${run}` },
      }),
      200,
    );
    version = next.version;
    seen.push(next.status);
    dossier = next;
  }
  check(seen.join() === "Submitted,Received,UnderAppraisal,Appraised,InCouncilReview", `the statuses in order, got ${seen.join()}`);
  check(dossier.steps[0]?.eligibility?.length === 2, "the submission records both nominees' eligibility");
  return seen.join(" → ");
});

await step("DecideDossier → Decided: the person approved, the unit not", async () => {
  check(dossier, "the dossier of the previous step");
  const [person, unit] = dossier.nominees;
  check(person && unit, "two nominees");
  dossier = expectOk(
    await api.POST("/api/v1/dossiers/{id}/decide", {
      params: { path: { id: dossier.id } },
      body: {
        documentReference: `${run}/QĐ-UBND`,
        signer: "Chủ tịch UBND tỉnh",
        outcomes: [
          { nomineeId: person.id, outcome: "Approved", reason: null },
          { nomineeId: unit.id, outcome: "NotApproved", reason: "Chưa đủ tiêu chuẩn." },
        ],
      },
    }),
    200,
  );
  check(dossier.status === "Decided", `Decided, got ${dossier.status}`);
  return `${dossier.status}, outcomes ${dossier.nominees.map((n) => n.outcome).join("/")}`;
});

await step("ListAwardRecords + ListPublicAwards (no key) → the approved person's award", async () => {
  const register = expectOk(await api.GET("/api/v1/commendation/register", { params: { query: { unitCode: childA } } }), 200);
  const line = register.items[0];
  check(register.totalCount === 1 && line, `one register line for ${childA}, got ${register.totalCount}`);
  check(line.source === "Decision" && line.personName === personName && line.award.code === personAward, `the decided line, got ${JSON.stringify(line)}`);
  check(line.decision.number === `${run}/QĐ-UBND`, "the decision number");
  const anonymous = createClient<paths, `application/${string}json`>({ baseUrl });
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
