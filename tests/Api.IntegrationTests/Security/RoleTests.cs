using System.Net;
using System.Net.Http.Json;
using EmulationApi.Api.IntegrationTests.Clusters;
using EmulationApi.Api.IntegrationTests.Commendation;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using EmulationApi.Api.IntegrationTests.Movements;
using EmulationApi.Api.IntegrationTests.Plans;
using EmulationApi.Api.IntegrationTests.Units;
using EmulationApi.Api.Security;
using EmulationApi.Domain.Access;
using EmulationApi.Infrastructure.Seed;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace EmulationApi.Api.IntegrationTests.Security;

/// <summary>
/// Every operation of the API for every role (with an API key and with a bearer token) and for a client without
/// credentials. The roles an operation admits are stated here (<see cref="Rights"/>) and must agree with the server's
/// policies; every operation the server maps must have rights and a request here. A refused request answers 401/403 problem+json and leaves the
/// database — the audit trail included — exactly as it was; an admitted one gets past authorization (its outcome may be
/// any other status, as its data decides), and the operations of <see cref="Successes"/> reach their success status.
/// </summary>
public sealed class RoleTests(ApiFactory factory) : ApiTest(factory)
{
    protected override DateOnly? PinnedToday => AccessApi.Today;

    public static TheoryData<string, string> Credentials()
    {
        var data = new TheoryData<string, string>();
        foreach (var role in Enum.GetNames<ClientRole>())
        {
            data.Add(role, "key");
            data.Add(role, "token");
        }
        data.Add("anonymous", "none");
        return data;
    }

    private static readonly string[] AdminOnly = ["Admin"];
    private static readonly string[] Readers = ["Admin", "Editor", "Unit", "Reader"];
    private static readonly string[] Everyone = ["Admin", "Editor", "Unit", "Reader", "Loader"];
    private static readonly string[] Editors = ["Admin", "Editor"];
    private static readonly string[] Loaders = ["Admin", "Loader"];
    private static readonly string[] Reporters = ["Admin", "Editor", "Unit"];
    /// <summary>A cluster leader's work: a unit client is admitted by the policy, and the use case checks that its unit leads the cluster.</summary>
    private static readonly string[] Leaders = ["Admin", "Editor", "Unit"];
    /// <summary>Dossiers: a unit client is admitted by the policy, and the use case keeps it to its own unit's dossiers.</summary>
    private static readonly string[] Nominators = ["Admin", "Editor", "Unit"];
    /// <summary>Council sessions: the portal reads them; unit clients see the council's outcome on their own dossiers only.</summary>
    private static readonly string[] CouncilReaders = ["Admin", "Editor", "Reader"];

    /// <summary>The rights as the README states them: operation → the roles admitted. The server's policies must agree.</summary>
    private static readonly Dictionary<string, string[]> Rights = new()
    {
        ["ListApiKeys"] = AdminOnly, ["CreateApiKey"] = AdminOnly, ["GetApiKey"] = AdminOnly, ["RevokeApiKey"] = AdminOnly,
        ["ListAuditEntries"] = AdminOnly,
        ["ListWebhookSubscriptions"] = AdminOnly, ["CreateWebhookSubscription"] = AdminOnly, ["GetWebhookSubscription"] = AdminOnly,
        ["UpdateWebhookSubscription"] = AdminOnly, ["DeleteWebhookSubscription"] = AdminOnly, ["RotateWebhookSecret"] = AdminOnly,
        ["ListReminderRuns"] = AdminOnly, ["GetUnitReminder"] = Readers,
        ["ListWebhookDeliveries"] = AdminOnly, ["GetWebhookDelivery"] = AdminOnly, ["ReplayWebhookDelivery"] = AdminOnly,
        ["ListClusters"] = Readers, ["GetCluster"] = Readers, ["GetCovenant"] = Readers, ["GetRanking"] = Readers,
        ["CreateCluster"] = Editors, ["UpdateCluster"] = Editors, ["AssignMembers"] = Editors, ["RemoveMember"] = Editors,
        ["RotateCluster"] = Editors, ["SetLeaderAbsence"] = Editors,
        ["SetCovenantCriteria"] = Leaders, ["SignCovenant"] = Leaders, ["RecordScores"] = Leaders, ["PublishEvaluation"] = Editors,
        ["ListMovements"] = Readers, ["GetMovement"] = Readers, ["ListMovementTasks"] = Readers,
        ["CreateMovement"] = Editors, ["UpdateMovement"] = Editors, ["DeleteMovement"] = Editors, ["LaunchMovement"] = Editors,
        ["ReviewMovementInterim"] = Editors, ["ReviewMovementFinal"] = Editors, ["CloseMovement"] = Editors, ["ImportMovements"] = Editors,
        ["ListPlans"] = Readers, ["GetPlan"] = Readers,
        ["AmendPlan"] = Editors, ["ListPlanAmendments"] = Readers,
        ["CreatePlan"] = Editors, ["UpdatePlan"] = Editors, ["IssuePlan"] = Editors, ["ClosePlan"] = Editors, ["CreateTask"] = Editors,
        ["ImportPlan"] = Editors,
        ["ListTasks"] = Readers, ["GetTaskSummary"] = Readers, ["GetTask"] = Readers, ["ListProgressReports"] = Readers,
        ["UpdateTask"] = Editors, ["DeleteTask"] = Editors, ["ReportProgress"] = Reporters,
        ["AddProgressReportAttachment"] = Reporters, ["ListProgressReportAttachments"] = Readers,
        ["GetAttachmentContent"] = Readers, ["DeleteAttachment"] = Reporters,
        ["AddDossierAttachment"] = Nominators, ["ListDossierAttachments"] = Nominators,
        ["ListObligations"] = Readers, ["GetObligation"] = Readers, ["GetObligationScorecard"] = Readers,
        ["ExtendObligationDeadline"] = Editors, ["ExemptObligation"] = Editors, ["ConfirmCompletion"] = Editors, ["RejectCompletion"] = Editors,
        ["ListDossiers"] = Nominators, ["CreateDossier"] = Nominators, ["GetDossier"] = Nominators, ["UpdateDossier"] = Nominators,
        ["DeleteDossier"] = Nominators, ["SubmitDossier"] = Nominators, ["ReceiveDossier"] = Editors, ["StartDossierAppraisal"] = Editors,
        ["ReturnDossier"] = Editors, ["AppraiseDossier"] = Editors, ["ReferDossierToCouncil"] = Editors, ["ForwardDossier"] = Editors,
        ["DecideDossier"] = Editors, ["CreateFlagDossier"] = Editors,
        ["ListCouncilSessions"] = CouncilReaders, ["GetCouncilSession"] = CouncilReaders, ["CreateCouncilSession"] = Editors,
        ["UpdateCouncilSession"] = Editors, ["RecordCouncilVotes"] = Editors, ["ConcludeCouncilSession"] = Editors, ["PublishCouncilNominees"] = Editors,
        ["ListAwards"] = Readers, ["GetAward"] = Readers, ["GetAwardAmount"] = Readers, ["ListBaseSalaries"] = Readers,
        ["ListAwardRecords"] = Readers, ["ListUnitAwardHistory"] = Readers, ["GetNominationReport"] = Readers, ["GetAwardReport"] = Readers, ["CreateAwardRecord"] = Editors,
        ["CreateAward"] = AdminOnly, ["UpdateAward"] = AdminOnly, ["DeleteAward"] = AdminOnly,
        ["CreateBaseSalary"] = AdminOnly, ["UpdateBaseSalary"] = AdminOnly,
        ["ListEligibilityRules"] = Readers, ["GetEligibility"] = Readers,
        ["CreateEligibilityRule"] = AdminOnly, ["UpdateEligibilityRule"] = AdminOnly, ["DeleteEligibilityRule"] = AdminOnly,
        ["ListUnits"] = Everyone, ["GetUnit"] = Everyone, ["GetUnitByCode"] = Everyone,
        ["CreateUnit"] = Loaders, ["UpdateUnit"] = Loaders, ["DeleteUnit"] = Loaders, ["DeactivateUnit"] = Loaders,
        ["ActivateUnit"] = Loaders, ["MergeUnit"] = Loaders, ["ImportUnits"] = Loaders,
    };

    [Fact]
    public void EveryOperation_HasTheStatedRights_InTheServersPolicies()
    {
        var operations = Operations();

        Assert.Equal(Rights.Keys.Order(), operations.Select(o => o.Name).Order());
        foreach (var operation in operations)
        {
            var admitted = Enum.GetValues<ClientRole>().Where(r => operation.Policies.All(p => Policies.Roles[p].Contains(r))).Select(r => r.ToString());
            Assert.True(Rights[operation.Name].Order().SequenceEqual(admitted.Order()),
                $"{operation.Name}: stated {string.Join(", ", Rights[operation.Name])}; the server admits {string.Join(", ", admitted)}");
        }
    }

    /// <summary>Admitted operations whose requests here must succeed, with the status of success.</summary>
    private static readonly Dictionary<string, HttpStatusCode> Successes = new()
    {
        ["ListTasks"] = HttpStatusCode.OK,
        ["GetTaskSummary"] = HttpStatusCode.OK,
        ["ListUnits"] = HttpStatusCode.OK,
        ["CreatePlan"] = HttpStatusCode.Created,
        ["CreateMovement"] = HttpStatusCode.Created,
        ["CreateCluster"] = HttpStatusCode.Created,
        ["CreateUnit"] = HttpStatusCode.Created,
        ["ImportUnits"] = HttpStatusCode.OK,
        ["ReportProgress"] = HttpStatusCode.Created,
        ["AddProgressReportAttachment"] = HttpStatusCode.Created,
        ["ListProgressReportAttachments"] = HttpStatusCode.OK,
        ["AddDossierAttachment"] = HttpStatusCode.Created,
        ["ListDossierAttachments"] = HttpStatusCode.OK,
        ["ListApiKeys"] = HttpStatusCode.OK,
        ["ListAuditEntries"] = HttpStatusCode.OK,
        ["ListWebhookSubscriptions"] = HttpStatusCode.OK,
        ["CreateWebhookSubscription"] = HttpStatusCode.Created,
        ["ListReminderRuns"] = HttpStatusCode.OK,
        ["GetUnitReminder"] = HttpStatusCode.OK,
        ["GetPlan"] = HttpStatusCode.OK,
        ["GetTask"] = HttpStatusCode.OK,
        ["GetCluster"] = HttpStatusCode.OK,
        ["GetMovement"] = HttpStatusCode.OK,
        ["ListMovementTasks"] = HttpStatusCode.OK,
        ["GetUnitByCode"] = HttpStatusCode.OK,
        ["ListObligations"] = HttpStatusCode.OK,
        ["GetObligation"] = HttpStatusCode.OK,
        ["GetObligationScorecard"] = HttpStatusCode.OK,
        ["ExtendObligationDeadline"] = HttpStatusCode.OK,
        ["ListDossiers"] = HttpStatusCode.OK,
        ["GetDossier"] = HttpStatusCode.OK,
        ["CreateDossier"] = HttpStatusCode.Created,
        ["ListCouncilSessions"] = HttpStatusCode.OK,
        ["GetCouncilSession"] = HttpStatusCode.OK,
        ["CreateCouncilSession"] = HttpStatusCode.Created,
        ["ListAwards"] = HttpStatusCode.OK,
        ["GetAward"] = HttpStatusCode.OK,
        ["GetAwardAmount"] = HttpStatusCode.OK,
        ["ListBaseSalaries"] = HttpStatusCode.OK,
        ["ListAwardRecords"] = HttpStatusCode.OK,
        ["GetNominationReport"] = HttpStatusCode.OK,
        ["GetAwardReport"] = HttpStatusCode.OK,
        ["ListUnitAwardHistory"] = HttpStatusCode.OK,
        ["CreateAwardRecord"] = HttpStatusCode.Created,
        ["ListEligibilityRules"] = HttpStatusCode.OK,
        ["GetEligibility"] = HttpStatusCode.OK,
    };

    [Theory]
    [MemberData(nameof(Credentials))]
    public async Task EveryOperation_ForThisCredential_IsAdmittedOrRefusedByItsPolicy_AndARefusalWritesNothing(string role, string credential)
    {
        var seed = await Seed();
        var (checkedClient, rawClient) = await Clients(role, credential);
        using var _ = checkedClient;
        using var __ = rawClient;
        var fingerprint = await FingerprintSql();
        var failures = new List<string>();

        var operations = Operations();
        Assert.True(operations.Count >= 52, $"Only {operations.Count} operations found; the enumeration is broken.");
        var requests = Requests(seed);
        Assert.Equal(operations.Select(o => o.Name).Order(), requests.Keys.Order());
        Assert.Equal(Rights.Keys.Order(), requests.Keys.Order());

        Assert.All(operations, o => Assert.NotEmpty(o.Policies));
        foreach (var operation in operations)
        {
            var admitted = Rights[operation.Name].Contains(role);
            var request = requests[operation.Name]();
            Assert.Equal(operation.Method, request.Method.Method);
            var label = $"{role} ({credential}) on {operation.Name} ({request.Method} {request.RequestUri})";
            try
            {
                if (admitted)
                {
                    var response = await rawClient.SendAsync(request);
                    var text = await response.Content.ReadAsStringAsync();
                    if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                        failures.Add($"{label}: admitted ({string.Join(", ", Rights[operation.Name])}) but answered {(int)response.StatusCode}: {text}");
                    else if (Successes.TryGetValue(operation.Name, out var success) && response.StatusCode != success)
                        failures.Add($"{label}: expected {(int)success}, got {(int)response.StatusCode}: {text}");
                }
                else
                {
                    var before = await Factory.ScalarAsync<string>(fingerprint);
                    var response = await checkedClient.SendAsync(request);
                    var status = role == "anonymous" ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden;
                    var problem = await response.ExpectProblem(status);
                    Assert.True(Uri.IsWellFormedUriString((string?)problem["type"], UriKind.Absolute), $"type: {problem["type"]}");
                    Assert.Equal($"{request.Method} {request.RequestUri!.AbsolutePath}", (string?)problem["instance"]);
                    Assert.Contains(role == "anonymous" ? "X-Api-Key" : "may not use this operation", (string?)problem["detail"]);
                    Assert.True(before == await Factory.ScalarAsync<string>(fingerprint), "the database changed");
                }
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                failures.Add($"{label}: {e.Message}");
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {operations.Count} operations failed:\n" + string.Join("\n", failures));
    }

    private sealed record Operation(string Name, string Method, string[] Policies);

    /// <summary>Every operation the server maps, with its policies (all must admit a client), as EndpointPolicyTests enumerates them.</summary>
    private List<Operation> Operations() =>
        Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null)
            .Select(e => new Operation(
                e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? e.RoutePattern.RawText!,
                e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()!.HttpMethods.Single(),
                e.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).OfType<string>().Distinct().ToArray()))
            .ToList();

    private sealed record SeedIds(string KeyId, string SpareUnitId, string DraftPlanId, string DraftTaskId, string IssuedTaskId, string ClusterId, string MovementId,
        string OwnObligationId, string DatedObligationId)
    {
        public string IssuedPlanId { get; init; } = "";
        public string DossierId { get; init; } = "";
        public string CouncilSessionId { get; init; } = "";
        public string BaseSalaryId { get; init; } = "";
        public string RuleId { get; init; } = "";
        /// <summary>SNV's report on the issued task, with one attachment.</summary>
        public string ReportId { get; init; } = "";
        public string AttachmentId { get; init; } = "";
        /// <summary>A second draft dossier of SNV's, for its files: the first is deleted by DeleteDossier, which runs before.</summary>
        public string FileDossierId { get; init; } = "";
    }

    /// <summary>Something for every operation to act on: units, a key, a draft plan and task, an issued task, a cluster, a movement.</summary>
    private async Task<SeedIds> Seed()
    {
        await Client.SeedUnits();
        var spare = await Client.CreateUnit("SYT", "Sở Y tế");
        var key = await (await Client.PostJson(AccessApi.KeysUrl, new { name = "Cổng thông tin", role = "Reader" })).ExpectJson(HttpStatusCode.Created);
        var plan = await Client.CreatePlan(2027, "Kế hoạch nháp");
        var task = await Client.CreateTask(plan["id"]!, leads: [PlansApi.Unit("SNV")]);
        var issuedTask = await Client.IssuedTask("SNV");
        // SNV's obligation on it (the unit clients act for SNV), and STC's on a task due in December, for the editors' actions.
        var own = await (await Client.GetAsync($"/api/v1/obligations?unitCode=SNV")).ExpectJson(HttpStatusCode.OK);
        var datedPlan = await Client.CreatePlan(2026, "Kế hoạch có thời hạn");
        var datedTask = await Client.CreateTask(datedPlan["id"]!, timing: PlansApi.Month(12), leads: [PlansApi.Unit("STC")]);
        await Client.IssuePlan(datedPlan["id"]!, "Số 3/KH-UBND", "2026-01-05");
        var dated = await (await Client.GetAsync($"/api/v1/obligations?unitCode=STC")).ExpectJson(HttpStatusCode.OK);
        // SNV leads the cluster: a Unit client (it acts for SNV) gets past the leadership check on the covenant.
        var cluster = await Client.CreateCluster(2026, "Cụm thi đua số 1", members: [("SNV", "Leader"), ("STC", "Member")]);
        var movement = await Client.CreateMovement("Phong trào thi đua chuyển đổi số");
        var issuedPlan = (string)(await Client.GetTask(issuedTask))["planId"]!;
        // A draft dossier SNV proposes (the unit clients act for SNV), on a small catalog.
        await Factory.SeedAwards();
        var dossier = await Client.CreateDossier("SNV");
        var fileDossier = await Client.CreateDossier("SNV");
        var session = await (await Client.PostJson(CouncilApi.Url, CouncilApi.Body([], heldOn: "2026-11-20"))).ExpectJson(HttpStatusCode.Created);
        await Client.CreateAward("RT", rewardCoefficient: 1.5m);
        await Client.CreateAward("RT-DEL");
        var salary = await Client.CreateSalary("2024-07-01", 2_340_000);
        var rule = await (await Client.PostJson($"{CommendationApi.AwardsUrl}/RT/rules", new { kind = "NotDisciplined", citation = "x", explanation = "y" })).ExpectJson(HttpStatusCode.Created);
        var report = await (await Client.PostJson($"{PlansApi.TasksUrl}/{issuedTask}/progress", AccessApi.Report("SNV"))).ExpectJson(HttpStatusCode.Created);
        var attachment = await Attachments.AttachmentsApi.Attach(Client, issuedTask, (string)report["id"]!, Attachments.AttachmentsApi.File(Attachments.AttachmentsApi.PdfHead, 100));
        return new SeedIds((string)key["apiKey"]!["id"]!, (string)spare["id"]!, (string)plan["id"]!, (string)task["id"]!, issuedTask,
            cluster.Id(), movement.Id(), (string)own["items"]![0]!["id"]!,
            (string)dated["items"]!.AsArray().Single(o => (string?)o!["taskId"] == (string?)datedTask["id"])!["id"]!) { IssuedPlanId = issuedPlan, DossierId = dossier.Id(), CouncilSessionId = session.Id(), BaseSalaryId = salary.Id(), RuleId = rule.Id(), ReportId = (string)report["id"]!, AttachmentId = (string)attachment["id"]!, FileDossierId = fileDossier.Id() };
    }

    /// <summary>One request per operation: a body its use case would accept where one is easy to give.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "MA0051:Method is too long", Justification = "A table: one line per operation of the API.")]
    private static Dictionary<string, Func<HttpRequestMessage>> Requests(SeedIds s)
    {
        const string keys = AccessApi.KeysUrl, clusters = ClustersApi.Url, movements = MovementsApi.Url, plans = PlansApi.Url,
            tasks = PlansApi.TasksUrl, units = UnitsApi.Url, obligations = "/api/v1/obligations",
            hooks = Webhooks.WebhookSubscriptionTests.Url;
        var c = $"{clusters}/{s.ClusterId}";
        var m = $"{movements}/{s.MovementId}";
        var d = $"{DossiersApi.Url}/{s.DossierId}";
        var cs = $"{CouncilApi.Url}/{s.CouncilSessionId}";
        return new()
        {
            ["ListAwards"] = () => Get(CommendationApi.AwardsUrl),
            ["GetAward"] = () => Get($"{CommendationApi.AwardsUrl}/RT"),
            ["GetAwardAmount"] = () => Get($"{CommendationApi.AwardsUrl}/RT/amount?on=2025-01-10"),
            ["CreateAward"] = () => Json(HttpMethod.Post, CommendationApi.AwardsUrl, CommendationApi.AwardBody("RT-NEW")),
            ["UpdateAward"] = () => Json(HttpMethod.Put, $"{CommendationApi.AwardsUrl}/RT", CommendationApi.AwardBody("RT", rewardCoefficient: 1.5m)),
            ["DeleteAward"] = () => new(HttpMethod.Delete, $"{CommendationApi.AwardsUrl}/RT-DEL"),
            ["ListBaseSalaries"] = () => Get(CommendationApi.SalariesUrl),
            ["CreateBaseSalary"] = () => Json(HttpMethod.Post, CommendationApi.SalariesUrl, new { effectiveFrom = "2025-07-01", amount = 2_500_000, legalBasis = "x" }),
            ["UpdateBaseSalary"] = () => Json(HttpMethod.Put, $"{CommendationApi.SalariesUrl}/{s.BaseSalaryId}", new { effectiveFrom = "2024-07-01", amount = 2_340_000, legalBasis = "y" }),
            ["ListEligibilityRules"] = () => Get($"{CommendationApi.AwardsUrl}/RT/rules"),
            ["GetEligibility"] = () => Get($"{CommendationApi.AwardsUrl}/RT/eligibility?unitCode=SNV&year=2026"),
            ["CreateEligibilityRule"] = () => Json(HttpMethod.Post, $"{CommendationApi.AwardsUrl}/RT/rules", new { kind = "NotDisciplined", citation = "x", explanation = "y" }),
            ["UpdateEligibilityRule"] = () => Json(HttpMethod.Put, $"/api/v1/commendation/rules/{s.RuleId}", new { kind = "NotDisciplined", citation = "x", explanation = "z" }),
            ["DeleteEligibilityRule"] = () => new(HttpMethod.Delete, $"/api/v1/commendation/rules/{s.RuleId}"),
            ["ListAwardRecords"] = () => Get(CommendationApi.RegisterUrl),
            ["CreateAwardRecord"] = () => Json(HttpMethod.Post, CommendationApi.RegisterUrl, CommendationApi.RecordBody("RT", 2024, "SNV")),
            ["ListUnitAwardHistory"] = () => Get("/api/v1/commendation/units/SNV/awards"),
            ["GetNominationReport"] = () => Get("/api/v1/commendation/reports/nominations?groupBy=ProposingUnit"),
            ["GetAwardReport"] = () => Get("/api/v1/commendation/reports/awards?groupBy=Quarter"),
            ["ListApiKeys"] = () => Get(keys),
            ["CreateApiKey"] = () => Json(HttpMethod.Post, keys, new { name = "Cổng mới", role = "Reader" }),
            ["GetApiKey"] = () => Get($"{keys}/{s.KeyId}"),
            ["RevokeApiKey"] = () => new(HttpMethod.Post, $"{keys}/{s.KeyId}/revoke"),
            ["ListAuditEntries"] = () => Get("/api/v1/audit"),
            ["ListWebhookSubscriptions"] = () => Get(hooks),
            ["CreateWebhookSubscription"] = () => Json(HttpMethod.Post, hooks, new { url = "https://93.184.216.34/hook", eventTypes = new[] { "*" } }),
            ["GetWebhookSubscription"] = () => Get($"{hooks}/{Guid.Empty}"),
            ["UpdateWebhookSubscription"] = () => Json(HttpMethod.Put, $"{hooks}/{Guid.Empty}", new { url = "https://93.184.216.34/hook", eventTypes = new[] { "*" }, active = true }),
            ["DeleteWebhookSubscription"] = () => new(HttpMethod.Delete, $"{hooks}/{Guid.Empty}"),
            ["RotateWebhookSecret"] = () => new(HttpMethod.Post, $"{hooks}/{Guid.Empty}/rotate-secret"),
            ["ListReminderRuns"] = () => Get("/api/v1/reminder-runs"),
            ["GetUnitReminder"] = () => Get("/api/v1/units/by-code/SNV/reminder"),
            ["ListWebhookDeliveries"] = () => Get($"{hooks}/{Guid.Empty}/deliveries"),
            ["GetWebhookDelivery"] = () => Get($"{hooks}/{Guid.Empty}/deliveries/{Guid.Empty}"),
            ["ReplayWebhookDelivery"] = () => new(HttpMethod.Post, $"{hooks}/{Guid.Empty}/deliveries/{Guid.Empty}/replay"),

            ["ListDossiers"] = () => Get(DossiersApi.Url),
            ["CreateDossier"] = () => Json(HttpMethod.Post, DossiersApi.Url, DossiersApi.Body("SNV", [DossiersApi.Person("SNV")])),
            ["GetDossier"] = () => Get(d),
            ["UpdateDossier"] = () => Json(HttpMethod.Put, d, DossiersApi.Body("SNV", [DossiersApi.Person("SNV", name: "Trần Văn Bình")])),
            ["DeleteDossier"] = () => new(HttpMethod.Delete, d),
            ["SubmitDossier"] = () => Json(HttpMethod.Post, $"{d}/submit", new { documentReference = "Tờ trình số 1" }),
            ["ReceiveDossier"] = () => Json(HttpMethod.Post, $"{d}/receive", new { }),
            ["StartDossierAppraisal"] = () => Json(HttpMethod.Post, $"{d}/start-appraisal", new { }),
            ["ReturnDossier"] = () => Json(HttpMethod.Post, $"{d}/return", DossiersApi.ReturnBody()),
            ["AppraiseDossier"] = () => Json(HttpMethod.Post, $"{d}/appraise", new { }),
            ["ReferDossierToCouncil"] = () => Json(HttpMethod.Post, $"{d}/refer-to-council", new { }),
            ["ForwardDossier"] = () => Json(HttpMethod.Post, $"{d}/forward", new { }),
            ["DecideDossier"] = () => Json(HttpMethod.Post, $"{d}/decide", new { outcomes = new[] { new { nomineeId = ClustersApi.NoSuchCriterion, outcome = "Approved" } } }),
            ["CreateFlagDossier"] = () => Json(HttpMethod.Post, $"{c}/flag-proposal/dossier", new { awardCode = DossiersApi.Flag, type = "Regular", achievements = "Dẫn đầu" }),
            ["ListCouncilSessions"] = () => Get(CouncilApi.Url),
            ["GetCouncilSession"] = () => Get(cs),
            ["CreateCouncilSession"] = () => Json(HttpMethod.Post, CouncilApi.Url, CouncilApi.Body([], heldOn: "2026-11-25")),
            ["UpdateCouncilSession"] = () => Json(HttpMethod.Put, cs, CouncilApi.Body([], heldOn: "2026-11-21")),
            ["RecordCouncilVotes"] = () => Json(HttpMethod.Put, $"{cs}/votes", new { votes = new[] { CouncilApi.Vote(ClustersApi.NoSuchCriterion) } }),
            ["ConcludeCouncilSession"] = () => Json(HttpMethod.Post, $"{cs}/conclude", new { minutesReference = "Biên bản số 1" }),
            ["PublishCouncilNominees"] = () => Json(HttpMethod.Post, $"{cs}/publish", new { }),

            ["ListClusters"] = () => Get(clusters),
            ["CreateCluster"] = () => Json(HttpMethod.Post, clusters, ClustersApi.ClusterBody(2027, "Cụm thi đua số 2", members: [("XA-TIENDU", "Leader")])),
            ["GetCluster"] = () => Get(c),
            ["UpdateCluster"] = () => Json(HttpMethod.Put, c, new { kind = "Cluster", name = "Cụm thi đua số 1 (sửa)" }),
            ["AssignMembers"] = () => Json(HttpMethod.Post, $"{c}/members", new { members = ClustersApi.Members(("XA-TIENDU", "Member")) }),
            ["RemoveMember"] = () => new(HttpMethod.Delete, $"{c}/members/STC"),
            ["RotateCluster"] = () => Json(HttpMethod.Post, $"{c}/rotate", new { newLeaderUnitCode = "STC" }),
            ["SetLeaderAbsence"] = () => Json(HttpMethod.Put, $"{c}/leader-absence", new { absent = true, note = "Vắng" }),
            ["GetCovenant"] = () => Get($"{c}/covenant"),
            ["SetCovenantCriteria"] = () => Json(HttpMethod.Put, $"{c}/covenant", new { criteria = new[] { ClustersApi.Criterion("Nhiệm vụ chính trị", 80) } }),
            ["SignCovenant"] = () => Json(HttpMethod.Post, $"{c}/covenant/sign", new { signedOn = "2026-03-15" }),
            ["RecordScores"] = () => Json(HttpMethod.Put, $"{c}/covenant/scores", new { scores = new[] { new { unitCode = "STC", criterionId = ClustersApi.NoSuchCriterion, points = 50 } } }),
            ["PublishEvaluation"] = () => Json(HttpMethod.Post, $"{c}/covenant/publish", new { evaluatedOn = "2026-11-20" }),
            ["GetRanking"] = () => Get($"{c}/ranking"),

            ["ListMovements"] = () => Get(movements),
            ["CreateMovement"] = () => Json(HttpMethod.Post, movements, MovementsApi.Body("Phong trào thi đua dân vận khéo")),
            ["GetMovement"] = () => Get(m),
            ["ListMovementTasks"] = () => Get($"{m}/tasks"),
            ["UpdateMovement"] = () => Json(HttpMethod.Put, m, MovementsApi.Body("Phong trào thi đua chuyển đổi số", slogan: "Số hoá")),
            ["DeleteMovement"] = () => new(HttpMethod.Delete, m),
            ["LaunchMovement"] = () => Json(HttpMethod.Post, $"{m}/launch", new { date = "2026-02-01", documentReference = "Số 1/KH-UBND" }),
            ["ReviewMovementInterim"] = () => Json(HttpMethod.Post, $"{m}/interim-review", new { date = "2026-06-01", documentReference = "Số 2", result = "Tốt" }),
            ["ReviewMovementFinal"] = () => Json(HttpMethod.Post, $"{m}/final-review", new { date = "2026-10-01", documentReference = "Số 3", result = "Tốt" }),
            ["CloseMovement"] = () => Json(HttpMethod.Post, $"{m}/close", new { date = "2026-11-01", documentReference = "Số 4" }),
            ["ImportMovements"] = () => Text($"{movements}/import", SeedData.ReadText(SeedData.Plan2026)),

            ["ListPlans"] = () => Get(plans),
            ["CreatePlan"] = () => Json(HttpMethod.Post, plans, new { year = 2028, title = "Kế hoạch thi đua 2028" }),
            ["GetPlan"] = () => Get($"{plans}/{s.DraftPlanId}"),
            ["UpdatePlan"] = () => Json(HttpMethod.Put, $"{plans}/{s.DraftPlanId}", new { year = 2027, title = "Kế hoạch nháp (sửa)" }),
            ["IssuePlan"] = () => Json(HttpMethod.Post, $"{plans}/{s.DraftPlanId}/issue", new { number = "Số 2/KH-UBND", issueDate = "2026-11-05" }),
            ["ClosePlan"] = () => new(HttpMethod.Post, $"{plans}/{s.DraftPlanId}/close"),
            ["CreateTask"] = () => Json(HttpMethod.Post, $"{plans}/{s.DraftPlanId}/tasks", PlansApi.TaskBody(sequence: 2, content: "Việc thứ hai")),
            ["ImportPlan"] = () => Text($"{plans}/import", SeedData.ReadText(SeedData.Plan2026)),
            ["AmendPlan"] = () => Json(HttpMethod.Post, $"{plans}/{s.IssuedPlanId}/amendments", new
            {
                number = "Số 2/KH-UBND", date = "2026-02-01", summary = "Điều chỉnh kế hoạch",
                addTasks = new[] { PlansApi.TaskBody(group: "Q3", sequence: 9, content: "Nhiệm vụ bổ sung") },
            }),
            ["ListPlanAmendments"] = () => Get($"{plans}/{s.IssuedPlanId}/amendments"),

            ["ListTasks"] = () => Get(tasks),
            ["GetTaskSummary"] = () => Get($"{tasks}/summary?groupBy=Quarter"),
            ["GetTask"] = () => Get($"{tasks}/{s.DraftTaskId}"),
            ["UpdateTask"] = () => Json(HttpMethod.Put, $"{tasks}/{s.DraftTaskId}", PlansApi.TaskBody(content: "Nội dung đã sửa")),
            ["DeleteTask"] = () => new(HttpMethod.Delete, $"{tasks}/{s.DraftTaskId}"),
            ["ReportProgress"] = () => Json(HttpMethod.Post, $"{tasks}/{s.IssuedTaskId}/progress", AccessApi.Report("SNV")),
            ["ListProgressReports"] = () => Get($"{tasks}/{s.IssuedTaskId}/progress"),
            ["AddProgressReportAttachment"] = () => new(HttpMethod.Post, $"{tasks}/{s.IssuedTaskId}/progress/{s.ReportId}/attachments?fileName=minh-chung.pdf")
            {
                Content = new ByteArrayContent(Attachments.AttachmentsApi.File(Attachments.AttachmentsApi.PdfHead, 100)) { Headers = { ContentType = new("application/pdf") } },
            },
            ["ListProgressReportAttachments"] = () => Get($"{tasks}/{s.IssuedTaskId}/progress/{s.ReportId}/attachments"),
            ["GetAttachmentContent"] = () => Get($"/api/v1/attachments/{s.AttachmentId}/content"),
            ["DeleteAttachment"] = () => new(HttpMethod.Delete, $"/api/v1/attachments/{s.AttachmentId}"),
            ["AddDossierAttachment"] = () => new(HttpMethod.Post, $"{DossiersApi.Url}/{s.FileDossierId}/attachments?fileName=bien-ban.pdf")
            {
                Content = new ByteArrayContent(Attachments.AttachmentsApi.File(Attachments.AttachmentsApi.PdfHead, 100)) { Headers = { ContentType = new("application/pdf") } },
            },
            ["ListDossierAttachments"] = () => Get($"{DossiersApi.Url}/{s.FileDossierId}/attachments"),

            ["ListObligations"] = () => Get($"{obligations}?unitCode=SNV"),
            ["GetObligationScorecard"] = () => Get($"{obligations}/summary?groupBy=Kind"),
            ["GetObligation"] = () => Get($"{obligations}/{s.OwnObligationId}"),
            ["ExtendObligationDeadline"] = () => Json(HttpMethod.Post, $"{obligations}/{s.DatedObligationId}/extend", new { deadline = "2027-01-31", reason = "Gia hạn" }),
            ["ExemptObligation"] = () => Json(HttpMethod.Post, $"{obligations}/{s.DatedObligationId}/exempt", new { reason = "Miễn" }),
            ["ConfirmCompletion"] = () => new(HttpMethod.Post, $"{obligations}/{s.DatedObligationId}/confirm-completion"),
            ["RejectCompletion"] = () => Json(HttpMethod.Post, $"{obligations}/{s.DatedObligationId}/reject-completion", new { reason = "Thiếu hồ sơ" }),

            ["ListUnits"] = () => Get(units),
            ["CreateUnit"] = () => Json(HttpMethod.Post, units, new { code = "SXD", name = "Sở Xây dựng", kind = "Department" }),
            ["GetUnit"] = () => Get($"{units}/{s.SpareUnitId}"),
            ["UpdateUnit"] = () => Json(HttpMethod.Put, $"{units}/{s.SpareUnitId}", new { name = "Sở Y tế tỉnh Bắc Ninh", kind = "Department" }),
            ["DeleteUnit"] = () => new(HttpMethod.Delete, $"{units}/{s.SpareUnitId}"),
            ["GetUnitByCode"] = () => Get($"{units}/by-code/SNV"),
            ["DeactivateUnit"] = () => new(HttpMethod.Post, $"{units}/{s.SpareUnitId}/deactivate"),
            ["ActivateUnit"] = () => new(HttpMethod.Post, $"{units}/{s.SpareUnitId}/activate"),
            ["MergeUnit"] = () => Json(HttpMethod.Post, $"{units}/{s.SpareUnitId}/merge", new { successorCode = "SNV", mergedOn = "2026-07-01" }),
            ["ImportUnits"] = () => new(HttpMethod.Post, $"{units}/import") { Content = TestHttp.Csv("code,name,kind\nSGTVT,Sở Giao thông vận tải,Department\n") },
        };
    }

    private static HttpRequestMessage Get(string url) => new(HttpMethod.Get, url);

    private static HttpRequestMessage Json(HttpMethod method, string url, object body) =>
        new(method, url) { Content = JsonContent.Create(body, options: TestHttp.JsonOptions) };

    private static HttpRequestMessage Text(string url, string text) => new(HttpMethod.Post, url) { Content = PlansApi.PlainText(text) };

    /// <summary>A client for the credential whose answers are checked against the OpenAPI document, and one whose are not.</summary>
    private async Task<(HttpClient Checked, HttpClient Raw)> Clients(string role, string credential)
    {
        string? key = credential == "key" ? await Client.CreateKey(role, role == "Unit" ? "SNV" : null) : null;
        var token = credential == "token" ? AccessApi.Token([role.ToLowerInvariant()], role == "Unit" ? "SNV" : null) : null;
        var raw = Factory.CreateDefaultClient();
        var checkedClient = Factory.CreateContractClient();
        foreach (var client in new[] { raw, checkedClient })
        {
            client.DefaultRequestHeaders.Remove("X-Api-Key");
            if (key is not null) client.DefaultRequestHeaders.Add("X-Api-Key", key);
            if (token is not null) client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        }
        return (checkedClient, raw);
    }

    /// <summary>One md5 over the content of every table (audit trail included), for "nothing was written".</summary>
    private async Task<string> FingerprintSql()
    {
        var tables = (await Factory.ScalarAsync<string>(
            "SELECT string_agg(tablename, ',' ORDER BY tablename) FROM pg_tables WHERE schemaname = 'public' AND tablename <> '__ef_migrations_history'")).Split(',');
        var parts = tables.Select(t => $"(SELECT '{t}:' || count(*) || ':' || coalesce(md5(string_agg(x::text, ',' ORDER BY x::text)), '') FROM public.\"{t}\" x)");
        return $"SELECT md5(concat_ws('|', {string.Join(", ", parts)}))";
    }
}
