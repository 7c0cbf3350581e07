using System.Net;
using EmulationApi.Api.IntegrationTests.Infrastructure;

namespace EmulationApi.Api.IntegrationTests.Security;

/// <summary>Each role on each kind of endpoint: allowed ones get the operation's success status, the rest 403.</summary>
public sealed class RoleTests(ApiFactory factory) : ApiTest(factory)
{
    private static readonly string[] AllRoles = ["Admin", "Editor", "Unit", "Reader", "Loader"];

    /// <summary>Operation → (roles allowed, success status).</summary>
    private static readonly Dictionary<string, (string[] Allowed, HttpStatusCode Success)> Operations = new()
    {
        ["ListTasks"] = (["Admin", "Editor", "Unit", "Reader"], HttpStatusCode.OK),
        ["GetTaskSummary"] = (["Admin", "Editor", "Unit", "Reader"], HttpStatusCode.OK),
        ["ListUnits"] = (AllRoles, HttpStatusCode.OK),
        ["CreatePlan"] = (["Admin", "Editor"], HttpStatusCode.Created),
        ["AmendPlan"] = (["Admin", "Editor"], HttpStatusCode.Created),
        ["ListPlanAmendments"] = (["Admin", "Editor", "Unit", "Reader"], HttpStatusCode.OK),
        ["CreateMovement"] = (["Admin", "Editor"], HttpStatusCode.Created),
        ["CreateCluster"] = (["Admin", "Editor"], HttpStatusCode.Created),
        ["CreateUnit"] = (["Admin", "Loader"], HttpStatusCode.Created),
        ["ImportUnits"] = (["Admin", "Loader"], HttpStatusCode.OK),
        ["ReportProgress"] = (["Admin", "Editor", "Unit"], HttpStatusCode.Created),
        ["ListApiKeys"] = (["Admin"], HttpStatusCode.OK),
        ["ListAuditEntries"] = (["Admin"], HttpStatusCode.OK),
    };

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var operation in Operations.Keys)
        foreach (var role in AllRoles)
            data.Add(operation, role);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Operation_ForEachRoleWithAnApiKey_IsAllowedOrForbidden(string operation, string role)
    {
        await Client.SeedUnits();
        var key = await Client.CreateKey(role, role == "Unit" ? "SNV" : null);
        using var client = Factory.ClientWithKey(key);
        await Expect(operation, role, client);
    }

    [Theory]
    [InlineData("CreatePlan", "Editor")]
    [InlineData("CreatePlan", "Reader")]
    [InlineData("ImportUnits", "Loader")]
    [InlineData("ImportUnits", "Editor")]
    [InlineData("ListAuditEntries", "Admin")]
    [InlineData("ListAuditEntries", "Editor")]
    [InlineData("ReportProgress", "Unit")]
    public async Task Operation_ForRolesInABearerToken_GivesTheSameRights(string operation, string role)
    {
        await Client.SeedUnits();
        using var client = Factory.ClientWithToken(AccessApi.Token([role.ToLowerInvariant()], role == "Unit" ? "SNV" : null));
        await Expect(operation, role, client);
    }

    private async Task Expect(string operation, string role, HttpClient client)
    {
        var (allowed, success) = Operations[operation];
        var response = await Send(operation, client);
        if (allowed.Contains(role))
        {
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == success, $"{role} on {operation}: expected {(int)success}, got {(int)response.StatusCode}: {text}");
        }
        else
        {
            var problem = await response.ExpectProblem(HttpStatusCode.Forbidden);
            Assert.Contains("may not", (string?)problem["detail"]);
        }
    }

    private async Task<HttpResponseMessage> Send(string operation, HttpClient client)
    {
        var year = DateTime.UtcNow.Year;
        switch (operation)
        {
            case "ListTasks": return await client.GetAsync("/api/v1/tasks");
            case "GetTaskSummary": return await client.GetAsync("/api/v1/tasks/summary?groupBy=Quarter");
            case "ListUnits": return await client.GetAsync("/api/v1/units");
            case "CreatePlan": return await client.PostJson("/api/v1/plans", new { year, title = "Kế hoạch thi đua" });
            case "AmendPlan":
                var cancelled = await Client.IssuedTask("SNV");
                var amended = (string)(await (await Client.GetAsync($"/api/v1/tasks/{cancelled}")).ExpectJson(HttpStatusCode.OK))["planId"]!;
                return await client.PostJson($"/api/v1/plans/{amended}/amendments", new
                {
                    number = "Số 2/KH-UBND", date = $"{year}-02-01", summary = "Điều chỉnh kế hoạch",
                    cancelTasks = new[] { new { taskId = cancelled, reason = "Không còn phù hợp" } },
                });
            case "ListPlanAmendments":
                var listed = await (await Client.PostJson("/api/v1/plans", new { year, title = "Kế hoạch thi đua" })).ExpectJson(HttpStatusCode.Created);
                return await client.GetAsync($"/api/v1/plans/{listed["id"]}/amendments");
            case "CreateMovement":
                return await client.PostJson("/api/v1/movements", new { name = "Thi đua đổi mới", form = "Regular", launcherLevel = "Province", startDate = $"{year}-01-01" });
            case "CreateCluster": return await client.PostJson("/api/v1/clusters", new { year, kind = "Cluster", scope = "Provincial", name = "Cụm thi đua số 1" });
            case "CreateUnit": return await client.PostJson("/api/v1/units", new { code = "SXD", name = "Sở Xây dựng", kind = "Department" });
            case "ImportUnits": return await client.PostAsync("/api/v1/units/import", TestHttp.Csv("code,name,kind\nSYT,Sở Y tế,Department\n"));
            case "ReportProgress":
                var task = await Client.IssuedTask("SNV");
                return await client.PostJson($"/api/v1/tasks/{task}/progress", AccessApi.Report("SNV"));
            case "ListApiKeys": return await client.GetAsync(AccessApi.KeysUrl);
            case "ListAuditEntries": return await client.GetAsync("/api/v1/audit");
            default: throw new ArgumentOutOfRangeException(nameof(operation));
        }
    }
}
