// Contract scenario through the NSwag-generated C# client (namespace EmulationApi.Client, generated into Generated/).
// Usage: dotnet EmulationApi.ContractClient.dll <base-url> <api-key>
// Prints one "ok …" line per step and exits 0, or prints "FAIL …" and exits 1 (2 for bad arguments).
// Everything it creates carries a per-run suffix, so it can run again and again against the same database.
using System.Net.Http.Headers;
using EmulationApi.Client;

if (args.Length < 2)
{
    Console.Error.WriteLine("usage: EmulationApi.ContractClient <base-url> <api-key>");
    return 2;
}

var baseUrl = args[0].TrimEnd('/') + "/";
using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
http.DefaultRequestHeaders.Add("X-Api-Key", args[1]);
http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/problem+json"));
IEmulationApiClient api = new EmulationApiClient(http) { BaseUrl = baseUrl };

var run = $"{DateTimeOffset.UtcNow:yyMMddHHmmss}{Random.Shared.Next(1000):D3}";
var parentCode = $"CS-{run}";
var failures = 0;

async Task Step(string name, Func<Task<string>> body)
{
    try
    {
        Console.WriteLine($"ok   {name}: {await body()}");
    }
    catch (Exception ex)
    {
        failures++;
        Console.WriteLine($"FAIL {name}: {Describe(ex)}");
    }
}

static string Describe(Exception ex) => ex switch
{
    ApiException<ProblemDetails> p => $"HTTP {p.StatusCode} {p.Result.Title}: {p.Result.Detail}",
    ApiException<HttpValidationProblemDetails> v => v.Result.Errors is { Count: > 0 } errors
        ? $"HTTP {v.StatusCode} {v.Result.Title}: {string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}"))}"
        : $"HTTP {v.StatusCode} {v.Result.Title} {v.Result.Detail} {Truncate(System.Text.Json.JsonSerializer.Serialize(v.Result.AdditionalProperties))}",
    ApiException a => $"HTTP {a.StatusCode}: {Truncate(a.Response)}",
    _ => $"{ex.GetType().Name}: {ex.Message}",
};

static string Truncate(string? s) => s is null ? "" : s.Length <= 300 ? s : s[..300] + "…";

static void Check(bool condition, string what)
{
    if (!condition) throw new InvalidOperationException("expected " + what);
}

static async Task<TException> Expect<TException>(Func<Task> call) where TException : Exception
{
    try
    {
        await call();
    }
    catch (TException ex)
    {
        return ex;
    }
    throw new InvalidOperationException($"expected {typeof(TException).Name}, the call succeeded");
}

UnitDto? parent = null;

await Step("CreateUnit → 201 UnitDto", async () =>
{
    parent = await api.CreateUnitAsync(new CreateUnitCommand
    {
        Code = parentCode,
        Name = $"Đơn vị kiểm thử hợp đồng {run}",
        Kind = UnitKind.Department,
        Aliases = new List<string> { $"Contract check {run}" },
    });
    Check(parent.Code == parentCode, $"code {parentCode}, got {parent.Code}");
    Check(parent.IsActive == true, "isActive true");
    Check(parent.Id is { } id && id != Guid.Empty, "an id");
    return $"{parent.Code} id={parent.Id}";
});

await Step("CreateUnit duplicate code → 409 ApiException<ProblemDetails>", async () =>
{
    var ex = await Expect<ApiException<ProblemDetails>>(() => api.CreateUnitAsync(new CreateUnitCommand
    {
        Code = parentCode.ToLowerInvariant(), // codes are unique without regard to case
        Name = "Duplicate",
        Kind = UnitKind.Department,
    }));
    Check(ex.StatusCode == 409, $"status 409, got {ex.StatusCode}");
    Check(ex.Result.Status == 409, $"problem status 409, got {ex.Result.Status}");
    Check(!string.IsNullOrWhiteSpace(ex.Result.Title), "a problem title");
    Check(ex.Result.Detail?.Contains(parentCode, StringComparison.OrdinalIgnoreCase) == true, "the code in the detail");
    return $"{ex.Result.Status} \"{ex.Result.Title}\"";
});

await Step("CreateUnit invalid → 400 ApiException<HttpValidationProblemDetails>", async () =>
{
    var ex = await Expect<ApiException<HttpValidationProblemDetails>>(() => api.CreateUnitAsync(new CreateUnitCommand
    {
        Code = "",
        Kind = UnitKind.Department,
    }));
    Check(ex.StatusCode == 400, $"status 400, got {ex.StatusCode}");
    Check(ex.Result.Status == 400, $"problem status 400, got {ex.Result.Status}");
    Check(!string.IsNullOrWhiteSpace(ex.Result.Title), "a problem title");
    var fields = ex.Result.Errors?.Keys.ToList() ?? new List<string>();
    Check(fields.Contains("code") && fields.Contains("name"), $"errors for code and name, got [{string.Join(", ", fields)}]");
    return $"{ex.Result.Status} \"{ex.Result.Title}\" errors=[{string.Join(", ", fields)}]";
});

var childA = $"CS-{run}-A";
var childB = $"CS-{run}-B";
UnitImportRow[] rows =
{
    new() { Code = childA, Name = $"Phòng A {run}", Kind = "Department", ParentCode = parentCode },
    new() { Code = childB, Name = $"Xã B {run}", Kind = "Commune", ParentCode = parentCode, Aliases = new List<string> { "B", "Bê" } },
};

await Step("ImportUnits JSON dryRun=true → counts, nothing written", async () =>
{
    var result = await api.ImportUnitsAsync(rows, dryRun: true);
    Check(result.DryRun == true, "dryRun true");
    Check(result.Received == 2 && result.Created == 2, $"received 2 created 2, got {result.Received}/{result.Created}");
    var ex = await Expect<ApiException<ProblemDetails>>(() => api.GetUnitByCodeAsync(childA));
    Check(ex.StatusCode == 404, $"404 for {childA} after a dry run, got {ex.StatusCode}");
    return $"received={result.Received} created={result.Created}";
});

await Step("ImportUnits JSON → created 2, then unchanged 2", async () =>
{
    var first = await api.ImportUnitsAsync(rows);
    Check(first.DryRun == false && first.Created == 2, $"created 2, got {first.Created}");
    var again = await api.ImportUnitsAsync(rows);
    Check(again.Unchanged == 2 && again.Created == 0 && again.Updated == 0, $"unchanged 2 on re-import, got {again.Created}/{again.Updated}/{again.Unchanged}");
    var b = await api.GetUnitByCodeAsync(childB.ToLowerInvariant());
    Check(b.Code == childB && b.ParentCode == parentCode && b.Kind == UnitKind.Commune, "child B with its parent and kind");
    return $"created={first.Created}, re-import unchanged={again.Unchanged}, {b.Code} parent={b.ParentCode}";
});

await Step("ListUnits parentCode filter → the two children", async () =>
{
    var page = await api.ListUnitsAsync(parentCode: parentCode, sort: "code", page: 1, pageSize: 50);
    var codes = page.Items.Select(u => u.Code).ToList();
    Check(page.TotalCount == 2 && codes.SequenceEqual(new[] { childA, childB }), $"[{childA}, {childB}], got [{string.Join(", ", codes)}]");
    return $"totalCount={page.TotalCount}";
});

PlanDto? plan = null;

await Step("CreatePlan + CreateTask (lead = the new unit)", async () =>
{
    plan = await api.CreatePlanAsync(new CreatePlanCommand { Year = 2026, Title = $"Kế hoạch kiểm thử hợp đồng {run}" });
    var task = await api.CreateTaskAsync(plan.Id, new CreateTaskCommand
    {
        Group = PeriodGroup.Q2,
        Sequence = 1,
        Content = $"Nhiệm vụ kiểm thử {run}",
        Timing = new TimingInput { Kind = TimingKind.Month, Month = 5 },
        Leads = new List<AssigneeInput> { new() { UnitCode = childA } },
        Coordinators = new List<AssigneeInput> { new() { UnitCode = childB } },
    });
    Check(task.Deadline == new DateOnly(2026, 5, 31), $"deadline 2026-05-31, got {task.Deadline}");
    return $"plan {plan.Id}, task {task.Id} deadline {task.Deadline:yyyy-MM-dd}";
});

await Step("ListTasks filtered (planId, leadUnitCode, group, asOf)", async () =>
{
    var page = await api.ListTasksAsync(planId: plan!.Id, leadUnitCode: childA, group: PeriodGroup.Q2,
        asOf: new DateOnly(2026, 5, 1), pageSize: 10);
    Check(page.TotalCount == 1 && page.Items?.Count == 1, $"1 task, got {page.TotalCount}");
    var t = page.Items![0];
    Check(t.Leads?.Any(l => l.UnitCode == childA) == true, $"lead {childA}");
    Check(t.Coordinators?.Any(c => c.UnitCode == childB) == true, $"coordinator {childB}");
    Check(t.Group == PeriodGroup.Q2 && t.PlanYear == 2026, "group Q2 in 2026");
    Check(t.Timeliness is { } timeliness && Enum.IsDefined(timeliness) && t.Status == TaskFeedItemDtoStatus.NotStarted && t.Deleted == false, "a live task with a timeliness and a status");
    var none = await api.ListTasksAsync(planId: plan.Id, leadUnitCode: childB, pageSize: 10);
    Check(none.TotalCount == 0, $"no task led by {childB}, got {none.TotalCount}");
    var year = await api.ListTasksAsync(year: 2026, changedSince: DateTimeOffset.UtcNow.AddHours(-1), sort: "updatedAt", pageSize: 200);
    Check(year.Items?.Any(i => i.Id == t.Id) == true, "the task in the year feed changed within the hour");
    return $"{t.Group} #{t.Sequence} timeliness={t.Timeliness} status={t.Status}";
});

await Step("IssuePlan + ReportProgress → the lead's obligation in ListObligations and the scorecard", async () =>
{
    await api.IssuePlanAsync(plan!.Id, body: new IssuePlanCommand { Number = $"{run}/KH-UBND", IssueDate = new DateOnly(2026, 1, 15) });
    var page = await api.ListTasksAsync(planId: plan.Id, pageSize: 10);
    var task = page.Items!.Single();
    await api.ReportProgressAsync(task.Id, new ReportProgressCommand
    {
        ReportedOn = new DateOnly(2026, 5, 20), ReportingUnitCode = childA, Status = ProgressStatus.Done, Text = "Đã hoàn thành",
    });
    var mine = await api.ListObligationsAsync(unitCode: childA, planId: plan.Id, asOf: new DateOnly(2026, 6, 1), pageSize: 10);
    var o = mine.Items!.Single();
    Check(o.Role == AssigneeRole.Lead && o.Status == ProgressStatus.Done && o.Timeliness == Timeliness.DoneOnTime, $"{childA} lead, done on time, got {o.Role} {o.Status} {o.Timeliness}");
    Check(o.Unit.Code == childA && o.ReportCount == 1, "the unit named, one report");
    var card = await api.GetObligationScorecardAsync(groupBy: ObligationScorecardGrouping.Unit, planId: plan.Id, asOf: new DateOnly(2026, 6, 1));
    Check(card.Total.Total == 2 && card.Total.DoneOnTime == 1, $"2 obligations (lead and coordinator), 1 done on time, got {card.Total.Total}/{card.Total.DoneOnTime}");
    var derived = await api.GetTaskAsync(task.Id);
    Check(derived.Status == TaskProgress.Done, $"the task done with its only lead, got {derived.Status}");
    return $"obligation {o.Id} {o.Status}/{o.Timeliness}; scorecard rows={card.Items!.Count}";
});

// The commendation path: the seeded catalog, a dossier from draft to decision (each step with If-Match), a file of the
// dossier uploaded as a stream with its content type and downloaded, and the award in the public list read without a key.
const string personAward = "CSTD-TINH"; // seeded: Chiến sĩ thi đua cấp tỉnh (individual, Province)
var year = DateTime.UtcNow.Year;
var personName = $"Trần Thị Hợp Đồng {run}";
DossierDto? dossier = null;
AttachmentDto? attachment = null;
var pdf = System.Text.Encoding.UTF8.GetBytes($"%PDF-1.4\n% Biên bản kiểm thử {run}\n%%EOF\n");
static string IfMatch(DossierDto d) => $"\"{d.Version}\"";

await Step("ListAwards + GetAward → the seeded catalog", async () =>
{
    var page = await api.ListAwardsAsync(level: GrantingLevel.Province, pageSize: 100);
    Check(page.Items.Any(a => a.Code == personAward), $"{personAward} among the provincial entries");
    var award = await api.GetAwardAsync(personAward.ToLowerInvariant());
    Check(award.Code == personAward && award.Recipient == AwardRecipient.Individual, $"an individual award, got {award.Recipient}");
    return $"{page.TotalCount} provincial entries; {award.Code} \"{award.Name}\"";
});

await Step("CreateDossier → Draft; ReceiveDossier on it → 409 ApiException<ProblemDetails>", async () =>
{
    dossier = await api.CreateDossierAsync(new CreateDossierCommand
    {
        ProposingUnitCode = parentCode,
        Year = year,
        Type = CommendationType.Regular,
        Nominees = new List<NomineeFields>
        {
            new() { Kind = NomineeKind.Individual, UnitCode = childA, Name = personName, Category = NomineeCategory.Farmer, AwardCode = personAward, Achievements = "Hoàn thành xuất sắc nhiệm vụ." },
        },
    });
    Check(dossier.Status == DossierStatus.Draft && dossier.Nominees.Count == 1, $"a draft of one nominee, got {dossier.Status}");
    var draft = dossier;
    var ex = await Expect<ApiException<ProblemDetails>>(() => api.ReceiveDossierAsync(draft.Id, new TakeDossierStepCommand { DocumentReference = "x" }, IfMatch(draft)));
    Check(ex.StatusCode == 409 && ex.Result.Detail?.Contains("Draft") == true, $"409 naming the status, got {ex.StatusCode} {ex.Result.Detail}");
    return $"{dossier.Id} {dossier.Status}; receive → {ex.StatusCode} \"{ex.Result.Detail}\"";
});

await Step("AddDossierAttachment (a stream, application/pdf) + ListDossierAttachments + GetAttachmentContent", async () =>
{
    Check(dossier is not null, "the draft");
    using (var stream = new MemoryStream(pdf))
    {
        attachment = await api.AddDossierAttachmentAsync(dossier!.Id, $"Báo cáo {run}.pdf", new FileParameter(stream, null, "application/pdf"));
    }
    var sha256 = System.Security.Cryptography.SHA256.HashData(pdf);
    Check(attachment.Sha256 == Convert.ToHexStringLower(sha256) && attachment.Length == pdf.Length && attachment.ContentType == "application/pdf", $"the file as sent, got {attachment.Sha256} {attachment.Length} {attachment.ContentType}");
    var list = await api.ListDossierAttachmentsAsync(dossier.Id);
    Check(list.Count == 1 && list[0].Id == attachment.Id, $"the one file, got {list.Count}");
    using var file = await api.GetAttachmentContentAsync(attachment.Id);
    using var copy = new MemoryStream();
    await file.Stream.CopyToAsync(copy);
    Check(file.StatusCode == 200 && copy.ToArray().AsSpan().SequenceEqual(pdf), $"200 and the bytes sent, got {file.StatusCode} {copy.Length} bytes");
    var etag = file.Headers.TryGetValue("ETag", out var e) ? e.Single() : null;
    Check(etag == $"\"{Convert.ToHexStringLower(sha256)}\"", $"the SHA-256 as ETag, got {etag}");
    var digest = file.Headers.TryGetValue("Repr-Digest", out var d) ? d.Single() : null;
    Check(digest == $"sha-256=:{Convert.ToBase64String(sha256)}:", $"Repr-Digest, got {digest}");
    var type = file.Headers.TryGetValue("Content-Type", out var t) ? t.Single() : null;
    Check(type == "application/pdf", $"application/pdf, got {type}");
    // NSwag answers a declared 304 (no body) with an ApiException carrying the status, not a FileResponse.
    var notModified = await Expect<ApiException>(() => api.GetAttachmentContentAsync(attachment.Id, etag));
    Check(notModified.StatusCode == 304, $"304 with If-None-Match, got {notModified.StatusCode}");
    return $"{attachment.FileName} {attachment.Length} bytes, {etag}; 304";
});

await Step("Submit → Receive → StartAppraisal → Appraise → ReferToCouncil → Decide (each with If-Match)", async () =>
{
    Check(dossier is not null, "the draft");
    var id = dossier!.Id;
    var statuses = new List<DossierStatus>();
    async Task Take(Func<Guid, TakeDossierStepCommand, string, Task<DossierDto>> step, string name)
    {
        dossier = await step(id, new TakeDossierStepCommand { DocumentReference = $"Văn bản {name} {run}" }, IfMatch(dossier!));
        statuses.Add(dossier.Status);
    }
    await Take((i, b, m) => api.SubmitDossierAsync(i, b, m), "submit");
    var stale = await Expect<ApiException<ProblemDetails>>(() => api.ReceiveDossierAsync(id, new TakeDossierStepCommand(), $"\"{dossier!.Version - 1}\""));
    Check(stale.StatusCode == 412, $"412 on a stale If-Match, got {stale.StatusCode}");
    await Take((i, b, m) => api.ReceiveDossierAsync(i, b, m), "receive");
    await Take((i, b, m) => api.StartDossierAppraisalAsync(i, b, m), "start-appraisal");
    await Take((i, b, m) => api.AppraiseDossierAsync(i, b, m), "appraise");
    await Take((i, b, m) => api.ReferDossierToCouncilAsync(i, b, m), "refer-to-council");
    dossier = await api.DecideDossierAsync(id, new DecideDossierCommand
    {
        DocumentReference = $"{run}/QĐ-UBND",
        Signer = "Chủ tịch UBND tỉnh",
        Outcomes = new List<NomineeOutcomeFields> { new() { NomineeId = dossier.Nominees[0].Id, Outcome = NomineeOutcome.Approved } },
    }, IfMatch(dossier));
    statuses.Add(dossier.Status);
    Check(string.Join(",", statuses) == "Submitted,Received,UnderAppraisal,Appraised,InCouncilReview,Decided", $"the statuses in order, got {string.Join(",", statuses)}");
    return string.Join(" → ", statuses) + "; 412 on a stale If-Match";
});

await Step("ListPublicAwards without a key → the decided award", async () =>
{
    using var anonymous = new HttpClient();
    var client = new EmulationApiClient(anonymous) { BaseUrl = baseUrl };
    var page = await client.ListPublicAwardsAsync(unitCode: childA);
    var line = page.Items.SingleOrDefault();
    Check(page.TotalCount == 1 && line is not null, $"one public line for {childA}, got {page.TotalCount}");
    Check(line!.Name == personName && line.AwardCode == personAward && line.DecisionNumber == $"{run}/QĐ-UBND" && line.Year == year, $"the decided award, got {line.Name} {line.AwardCode} {line.DecisionNumber}");
    return $"{line.Name}: {line.AwardName} ({line.DecisionNumber}, {line.DecisionDate:yyyy-MM-dd})";
});

await Step("GetUnit unknown id → 404 ApiException<ProblemDetails>", async () =>
{
    var ex = await Expect<ApiException<ProblemDetails>>(() => api.GetUnitAsync(Guid.NewGuid()));
    Check(ex.StatusCode == 404 && ex.Result.Status == 404 && !string.IsNullOrWhiteSpace(ex.Result.Title), "404 with a title");
    return $"{ex.Result.Status} \"{ex.Result.Title}\"";
});

await Step("Unauthenticated → 401 ApiException<ProblemDetails>", async () =>
{
    using var anonymous = new HttpClient();
    var client = new EmulationApiClient(anonymous) { BaseUrl = baseUrl };
    var ex = await Expect<ApiException<ProblemDetails>>(() => client.ListUnitsAsync(pageSize: 1));
    Check(ex.StatusCode == 401, $"401, got {ex.StatusCode}");
    return $"{ex.StatusCode} \"{ex.Result.Title}\"";
});

Console.WriteLine(failures == 0 ? "csharp scenario: all steps passed" : $"csharp scenario: {failures} step(s) failed");
return failures == 0 ? 0 : 1;
