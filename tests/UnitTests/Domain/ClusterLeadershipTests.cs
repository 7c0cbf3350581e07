using EmulationApi.Domain.Clusters;
using EmulationApi.Domain.Common;

namespace EmulationApi.UnitTests.Domain;

/// <summary>Who may do a cluster leader's work, and how the leader's absence starts and ends.</summary>
public sealed class ClusterLeadershipTests
{
    private static readonly Guid Leader = Guid.NewGuid(), Deputy = Guid.NewGuid(), Member = Guid.NewGuid();

    private static Cluster Organised()
    {
        var cluster = Cluster.Create(2026, ClusterKind.Cluster, ClusterScope.Provincial, "Cụm thi đua số 1", null, null, null);
        cluster.Assign(Leader, MemberRole.Leader);
        cluster.Assign(Deputy, MemberRole.Deputy);
        cluster.Assign(Member, MemberRole.Member);
        return cluster;
    }

    private static bool[] WhoMayAct(Cluster cluster) =>
        [.. new[] { Leader, Deputy, Member, Guid.NewGuid() }.Select(u => cluster.MayActAsLeader(cluster.RoleOf(u)))];

    [Fact]
    public void MayActAsLeader_WhileTheLeaderIsPresent_IsTheLeaderOnly()
    {
        Assert.Equal([true, false, false, false], WhoMayAct(Organised()));
    }

    [Fact]
    public void MayActAsLeader_WhileTheLeaderIsMarkedAbsent_IsTheLeaderAndTheDeputy()
    {
        var cluster = Organised();

        cluster.MarkLeaderAbsent("  Đi   công tác ");

        Assert.Equal([true, true, false, false], WhoMayAct(cluster));
        Assert.Equal((true, "Đi công tác"), (cluster.LeaderAbsent, cluster.LeaderAbsenceNote));
        cluster.MarkLeaderPresent();
        Assert.Equal([true, false, false, false], WhoMayAct(cluster));
        Assert.Equal((false, (string?)null), (cluster.LeaderAbsent, cluster.LeaderAbsenceNote));
    }

    [Fact]
    public void LeaderAbsence_EndsWithANewLeaderOrTheLeadersRemoval_NotWithOtherChanges()
    {
        var cluster = Organised();
        cluster.MarkLeaderAbsent(null);

        cluster.Assign(Member, MemberRole.Deputy);
        cluster.Assign(Leader, MemberRole.Leader);
        Assert.True(cluster.LeaderAbsent);

        cluster.Assign(Member, MemberRole.Leader);
        Assert.False(cluster.LeaderAbsent);

        cluster.MarkLeaderAbsent(null);
        cluster.Remove(Member);
        Assert.False(cluster.LeaderAbsent);
    }

    [Fact]
    public void MarkLeaderAbsent_WithoutALeader_Throws()
    {
        var cluster = Cluster.Create(2026, ClusterKind.Bloc, ClusterScope.Provincial, "Khối thi đua", null, null, null);
        cluster.Assign(Member, MemberRole.Member);

        var ex = Assert.Throws<DomainException>(() => cluster.MarkLeaderAbsent(null));

        Assert.Contains("no leader to mark absent", ex.Message);
        Assert.False(cluster.LeaderAbsent);
    }
}
