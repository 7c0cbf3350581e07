using System.Net;
using System.Text.Json.Nodes;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using EmulationApi.Api.IntegrationTests.Movements;
using EmulationApi.Api.IntegrationTests.Security;

namespace EmulationApi.Api.IntegrationTests.Clusters;

/// <summary>
/// Issue 14, "the leader runs its cluster": a unit client whose unit leads a cluster (for that cluster's year) drafts and
/// signs its covenant and scores its members — never itself; the deputy acts for it only while an editor has marked the
/// leader absent; members, outsiders and everything else stay with the editors. A refusal is 403 problem+json and writes
/// nothing, the audit trail included.
/// </summary>
public sealed class ClusterLeadershipTests(ApiFactory factory) : ApiTest(factory)
{
    private const string NotMember = "is not a member of";
    private const string MemberNotLeader = "is a member of 'Cụm thi đua số 1' (2026), not its leader";
    private const string DeputyNotActing = "acts for the leader only while an editor has marked the leader absent";
    private const string PolicyRefusal = "may not use this operation";

    /// <summary>
    /// Cụm thi đua số 1 (2026): L leads, D deputy, M member; Cụm thi đua số 2 (2026): O leads, P member. Keys for L, D,
    /// M and O. Units L, D, M, O, P.
    /// </summary>
    private async Task<(string Cluster, string Other, HttpClient Leader, HttpClient Deputy, HttpClient Member, HttpClient Outsider)> Arrange()
    {
        await Client.CreateUnits("L", "D", "M", "O", "P");
        var cluster = await Client.CreateCluster(2026, "Cụm thi đua số 1", members: [("L", "Leader"), ("D", "Deputy"), ("M", "Member")]);
        var other = await Client.CreateCluster(2026, "Cụm thi đua số 2", members: [("O", "Leader"), ("P", "Member")]);
        return (cluster.Id(), other.Id(), await UnitClient("L"), await UnitClient("D"), await UnitClient("M"), await UnitClient("O"));
    }

    private async Task<HttpClient> UnitClient(string code) => Factory.ClientWithKey(await Client.CreateKey("Unit", code));

    private static readonly object[] Criteria = [ClustersApi.Criterion("Nhiệm vụ chính trị", 80), ClustersApi.Criterion("Điểm thưởng", 10, "Bonus")];

    /// <summary>What a refusal must leave as it was: the cluster, its covenant (or its absence) and the audit trail.</summary>
    private async Task<string> State(string clusterId)
    {
        var covenant = await Client.GetAsync($"{ClustersApi.Url}/{clusterId}/covenant");
        var covenantText = covenant.StatusCode == HttpStatusCode.OK ? await covenant.Content.ReadAsStringAsync() : "none"; // a 404 carries its traceId
        return (await Client.GetCluster(clusterId)).ToJsonString() + "|" + (int)covenant.StatusCode + covenantText
               + "|" + await Factory.ScalarAsync<long>("SELECT count(*) FROM audit_entries");
    }

    private async Task<string> Refused(Task<HttpResponseMessage> request, string clusterId, string expected)
    {
        var before = await State(clusterId);
        var problem = await (await request).ExpectProblem(HttpStatusCode.Forbidden);
        var detail = (string)problem["detail"]!;
        Assert.Contains(expected, detail);
        Assert.Equal(before, await State(clusterId));
        return detail;
    }

    private static Task<HttpResponseMessage> SetAbsence(HttpClient client, string clusterId, bool absent, string? note = null) =>
        client.Send(HttpMethod.Put, $"{ClustersApi.Url}/{clusterId}/leader-absence", new { absent, note });

    private static string CriterionId(JsonNode covenant, int position) => ClustersApi.CriterionId(covenant, position);

    [Fact]
    public async Task Leader_DraftsSignsAndScoresItsMembers_AndIsRecordedAsTheActor()
    {
        var (cluster, _, leader, _, _, _) = await Arrange();

        var drafted = await (await leader.SetCriteria(cluster, Criteria)).ExpectJson(HttpStatusCode.OK);
        Assert.Equal("Draft", (string?)drafted["status"]);
        var redrafted = await (await leader.SetCriteria(cluster, [.. Criteria, ClustersApi.Criterion("Điểm trừ", 10, "Penalty")])).ExpectJson(HttpStatusCode.OK);
        Assert.Equal(3, redrafted["criteria"]!.AsArray().Count);
        var signed = await (await leader.Sign(cluster)).ExpectJson(HttpStatusCode.OK);
        Assert.Equal("Signed", (string?)signed["status"]);
        Assert.Equal(["D", "L", "M"], signed["signatories"]!.AsArray().Select(s => (string?)s!["code"]));

        var scored = await (await leader.RecordScores(cluster, [("D", 0, 70m), ("M", 0, 60m), ("m", 1, 5m)])).ExpectJson(HttpStatusCode.OK);
        Assert.Equal([("D", 70m), ("M", 5m), ("M", 60m)], scored["scores"]!.AsArray().Select(s => ((string)s!["unit"]!["code"]!, (decimal)s["points"]!)).Order());
        // and corrects them
        var corrected = await (await leader.RecordScores(cluster, [("M", 0, 65m)])).ExpectJson(HttpStatusCode.OK);
        Assert.Equal(65m, (decimal)corrected["scores"]!.AsArray().Single(s => (string?)s!["unit"]!["code"] == "M" && (string?)s["criterionId"] == CriterionId(corrected, 0))!["points"]!);

        var actors = await Factory.ScalarAsync<string>(
            "SELECT string_agg(DISTINCT client, ',') FROM audit_entries WHERE use_case IN ('SetCovenantCriteria', 'SignCovenant', 'RecordScores')");
        Assert.StartsWith("Unit client", actors);
        Assert.DoesNotContain(",", actors);
    }

    [Fact]
    public async Task Leader_ScoringItsOwnUnit_Is403NamingTheRows_AndWritesNothing()
    {
        var (cluster, _, leader, _, _, _) = await Arrange();
        await (await Client.SetCriteria(cluster, Criteria)).ExpectJson(HttpStatusCode.OK);
        await (await Client.Sign(cluster)).ExpectJson(HttpStatusCode.OK);
        await (await leader.RecordScores(cluster, [("M", 0, 50m)])).ExpectJson(HttpStatusCode.OK);

        // One row of its own among others: the whole request is refused, M's score stays 50.
        var detail = await Refused(leader.RecordScores(cluster, [("M", 0, 60m), ("l", 0, 80m), (" L ", 1, 10m)]), cluster, "scores[1].unitCode, scores[2].unitCode: L is this client's own unit");
        Assert.Contains("an editor records its scores", detail);

        // The editor records them.
        var scored = await (await Client.RecordScores(cluster, [("L", 0, 80m)])).ExpectJson(HttpStatusCode.OK);
        Assert.Equal(["L", "M"], scored["scores"]!.AsArray().Select(s => (string?)s!["unit"]!["code"]));
    }

    [Fact]
    public async Task Leader_PublishingOrEditingTheCluster_Is403AndWritesNothing()
    {
        var (cluster, _, leader, _, _, _) = await Arrange();
        await (await leader.SetCriteria(cluster, Criteria)).ExpectJson(HttpStatusCode.OK);
        await (await leader.Sign(cluster)).ExpectJson(HttpStatusCode.OK);

        await Refused(leader.Publish(cluster), cluster, PolicyRefusal);
        await Refused(leader.AssignMembers(cluster, [("M", "Deputy")]), cluster, PolicyRefusal);
        await Refused(leader.Send(HttpMethod.Post, $"{ClustersApi.Url}/{cluster}/rotate", new { newLeaderUnitCode = "M" }), cluster, PolicyRefusal);
        await Refused(SetAbsence(leader, cluster, absent: true), cluster, PolicyRefusal);
    }

    [Fact]
    public async Task Deputy_WhileTheLeaderIsPresent_Is403OnEveryLeaderAction()
    {
        var (cluster, _, _, deputy, _, _) = await Arrange();

        await Refused(deputy.SetCriteria(cluster, Criteria), cluster, DeputyNotActing);
        await (await Client.SetCriteria(cluster, Criteria)).ExpectJson(HttpStatusCode.OK);
        await Refused(deputy.Sign(cluster), cluster, DeputyNotActing);
        await (await Client.Sign(cluster)).ExpectJson(HttpStatusCode.OK);
        var detail = await Refused(deputy.RecordScores(cluster, [("M", 0, 60m)]), cluster, DeputyNotActing);
        Assert.Contains("D is the deputy of 'Cụm thi đua số 1' (2026)", detail);
        await Refused(deputy.Publish(cluster), cluster, PolicyRefusal);
        await Refused(deputy.AssignMembers(cluster, [("M", "Deputy")]), cluster, PolicyRefusal);

        // It reads everything of its cluster.
        await (await deputy.GetAsync($"{ClustersApi.Url}/{cluster}/covenant")).ExpectJson(HttpStatusCode.OK);
        await (await deputy.GetAsync($"{ClustersApi.Url}/{cluster}/ranking")).ExpectJson(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Deputy_WhileAnEditorHasMarkedTheLeaderAbsent_ActsForIt_ButNotForItself_UntilTheLeaderIsBack()
    {
        var (cluster, _, leader, deputy, _, _) = await Arrange();
        var marked = await (await SetAbsence(Client, cluster, absent: true, "Cụm trưởng vắng mặt đến hết tháng 4")).ExpectJson(HttpStatusCode.OK);
        Assert.True((bool)marked["leaderAbsent"]!);
        Assert.Equal("Cụm trưởng vắng mặt đến hết tháng 4", (string?)marked["leaderAbsenceNote"]);

        await (await deputy.SetCriteria(cluster, Criteria)).ExpectJson(HttpStatusCode.OK);
        await (await deputy.Sign(cluster)).ExpectJson(HttpStatusCode.OK);
        var scored = await (await deputy.RecordScores(cluster, [("L", 0, 75m), ("M", 0, 60m)])).ExpectJson(HttpStatusCode.OK);
        Assert.Equal(["L", "M"], scored["scores"]!.AsArray().Select(s => (string?)s!["unit"]!["code"]));
        await Refused(deputy.RecordScores(cluster, [("D", 0, 80m)]), cluster, "scores[0].unitCode: D is this client's own unit");
        await Refused(deputy.Publish(cluster), cluster, PolicyRefusal);
        await Refused(deputy.AssignMembers(cluster, [("M", "Deputy")]), cluster, PolicyRefusal);
        // The leader is not suspended by its absence: marking it absent lets the deputy act, it does not stop the leader.
        await (await leader.RecordScores(cluster, [("M", 0, 62m)])).ExpectJson(HttpStatusCode.OK);

        var back = await (await SetAbsence(Client, cluster, absent: false)).ExpectJson(HttpStatusCode.OK);
        Assert.False((bool)back["leaderAbsent"]!);
        Assert.Null((string?)back["leaderAbsenceNote"]);
        await Refused(deputy.RecordScores(cluster, [("M", 0, 70m)]), cluster, DeputyNotActing);
    }

    [Fact]
    public async Task Member_Is403OnEveryLeaderAction()
    {
        var (cluster, _, _, _, member, _) = await Arrange();

        var detail = await Refused(member.SetCriteria(cluster, Criteria), cluster, "M " + MemberNotLeader);
        Assert.Contains("Only the cluster's leader, or its deputy while an editor has marked the leader absent", detail);
        await (await Client.SetCriteria(cluster, Criteria)).ExpectJson(HttpStatusCode.OK);
        await Refused(member.Sign(cluster), cluster, MemberNotLeader);
        await (await Client.Sign(cluster)).ExpectJson(HttpStatusCode.OK);
        await Refused(member.RecordScores(cluster, [("L", 0, 60m)]), cluster, MemberNotLeader);
        await Refused(member.Publish(cluster), cluster, PolicyRefusal);
        await Refused(member.AssignMembers(cluster, [("P", "Member")]), cluster, PolicyRefusal);
        // An absent leader lets the deputy act, not a plain member.
        await (await SetAbsence(Client, cluster, absent: true)).ExpectJson(HttpStatusCode.OK);
        await Refused(member.RecordScores(cluster, [("L", 0, 60m)]), cluster, MemberNotLeader);
    }

    [Fact]
    public async Task Outsider_TheLeaderOfAnotherCluster_Is403OnThisOne_AndLeadsOnlyItsOwn()
    {
        var (cluster, other, _, _, _, outsider) = await Arrange();

        await Refused(outsider.SetCriteria(cluster, Criteria), cluster, "O " + NotMember + " 'Cụm thi đua số 1' (2026)");
        await (await Client.SetCriteria(cluster, Criteria)).ExpectJson(HttpStatusCode.OK);
        await Refused(outsider.Sign(cluster), cluster, NotMember);
        await (await Client.Sign(cluster)).ExpectJson(HttpStatusCode.OK);
        await Refused(outsider.RecordScores(cluster, [("M", 0, 60m)]), cluster, NotMember);
        await Refused(outsider.Publish(cluster), cluster, PolicyRefusal);
        await Refused(outsider.AssignMembers(cluster, [("O", "Member")]), cluster, PolicyRefusal);

        await (await outsider.SetCriteria(other, Criteria)).ExpectJson(HttpStatusCode.OK);
        await (await outsider.Sign(other)).ExpectJson(HttpStatusCode.OK);
        await (await outsider.RecordScores(other, [("P", 0, 60m)])).ExpectJson(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Leadership_IsPerYear_LastYearsLeaderIsAMemberOfNextYearsCluster()
    {
        var (cluster, _, leader, _, member, _) = await Arrange();
        var next = await (await Client.PostJson($"{ClustersApi.Url}/{cluster}/rotate", new { newLeaderUnitCode = "M" })).ExpectJson(HttpStatusCode.Created);

        await Refused(leader.SetCriteria(next.Id(), Criteria), next.Id(), "L is a member of 'Cụm thi đua số 1' (2027), not its leader");
        await (await member.SetCriteria(next.Id(), Criteria)).ExpectJson(HttpStatusCode.OK);
        await (await leader.SetCriteria(cluster, Criteria)).ExpectJson(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Refusal_InVietnamese_WhenTheClientPrefersIt()
    {
        var (cluster, _, _, _, member, _) = await Arrange();
        member.DefaultRequestHeaders.Add("Accept-Language", "vi");

        var detail = await Refused(member.SetCriteria(cluster, Criteria), cluster, "M là thành viên của 'Cụm thi đua số 1' (2026), không phải Cụm trưởng, Khối trưởng.");
        Assert.Contains("Chỉ Cụm trưởng, Khối trưởng của cụm, khối này", detail);
    }

    [Fact]
    public async Task SetLeaderAbsence_ByAnEditor_ChangesTheClusterAndItsETag_AndIsAudited()
    {
        var (cluster, _, _, _, _, _) = await Arrange();
        var before = await Client.GetAsync($"{ClustersApi.Url}/{cluster}");

        var response = await SetAbsence(Client, cluster, absent: true, "  Đi công tác  ");
        var body = await response.ExpectJson(HttpStatusCode.OK);

        Assert.True((bool)body["leaderAbsent"]!);
        Assert.Equal("Đi công tác", (string?)body["leaderAbsenceNote"]);
        Assert.NotEqual(before.Headers.ETag, response.Headers.ETag);
        Assert.Equal(body.ToJsonString(), (await Client.GetCluster(cluster)).ToJsonString());
        Assert.Equal(1L, await Factory.ScalarAsync<long>($"SELECT count(*) FROM audit_entries WHERE use_case = 'SetLeaderAbsence' AND entity_id = '{cluster}'"));
        // A stale If-Match is refused.
        await (await Client.Send(HttpMethod.Put, $"{ClustersApi.Url}/{cluster}/leader-absence", new { absent = false }, before.Headers.ETag!.ToString()))
            .ExpectProblem(HttpStatusCode.PreconditionFailed);
    }

    [Fact]
    public async Task SetLeaderAbsence_WhenTheClusterHasNoLeader_Is409_AndANoteWithAbsentFalseIs400()
    {
        await Client.CreateUnits("A", "B");
        var cluster = await Client.CreateCluster(2026, "Cụm thi đua số 3", members: [("A", "Member")]);

        var problem = await (await SetAbsence(Client, cluster.Id(), absent: true)).ExpectProblem(HttpStatusCode.Conflict);
        Assert.Contains("no leader to mark absent", (string?)problem["detail"]);
        var invalid = await (await SetAbsence(Client, cluster.Id(), absent: false, "ghi chú")).ExpectProblem(HttpStatusCode.BadRequest);
        Assert.Contains("A note goes with 'absent': true only.", invalid["errors"]!["note"]!.AsArray().Select(e => (string?)e));
        Assert.False((bool)(await Client.GetCluster(cluster.Id()))["leaderAbsent"]!);
    }

    [Fact]
    public async Task LeaderAbsence_EndsWhenAnotherLeaderIsAppointed_OrOnRotation()
    {
        var (cluster, _, _, deputy, _, _) = await Arrange();
        await (await SetAbsence(Client, cluster, absent: true, "Vắng")).ExpectJson(HttpStatusCode.OK);

        var rotated = await (await Client.PostJson($"{ClustersApi.Url}/{cluster}/rotate", new { newLeaderUnitCode = "D" })).ExpectJson(HttpStatusCode.Created);
        Assert.False((bool)rotated["leaderAbsent"]!);
        Assert.True((bool)(await Client.GetCluster(cluster))["leaderAbsent"]!); // this year's stays as it was

        var appointed = await (await Client.AssignMembers(cluster, [("M", "Leader")])).ExpectJson(HttpStatusCode.OK);
        Assert.False((bool)appointed["leaderAbsent"]!);
        Assert.Null((string?)appointed["leaderAbsenceNote"]);
        await Refused(deputy.SetCriteria(cluster, Criteria), cluster, DeputyNotActing);

        // Changing a member's role that does not touch the leader keeps the absence.
        await (await SetAbsence(Client, cluster, absent: true)).ExpectJson(HttpStatusCode.OK);
        var kept = await (await Client.AssignMembers(cluster, [("L", "Member"), ("D", "Member")])).ExpectJson(HttpStatusCode.OK);
        Assert.True((bool)kept["leaderAbsent"]!);
        var removed = await (await Client.DeleteAsync($"{ClustersApi.Url}/{cluster}/members/M")).ExpectJson(HttpStatusCode.OK);
        Assert.False((bool)removed["leaderAbsent"]!);
    }
}
