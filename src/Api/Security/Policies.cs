using EmulationApi.Domain.Access;

namespace EmulationApi.Api.Security;

/// <summary>
/// Every endpoint names one of these policies (a test fails if one does not). A policy is the set of roles allowed.
/// </summary>
public static class Policies
{
    /// <summary>Reading plans, tasks, movements, clusters and the summaries: the portal, units, editors, admins.</summary>
    public const string Read = nameof(Read);
    /// <summary>Reading the unit registry: every client, loaders included.</summary>
    public const string ReadUnits = nameof(ReadUnits);
    /// <summary>Writing plans, tasks, movements and clusters.</summary>
    public const string Edit = nameof(Edit);
    /// <summary>Writing the unit registry, one unit or in bulk.</summary>
    public const string LoadUnits = nameof(LoadUnits);
    /// <summary>
    /// A cluster leader's work — drafting and signing the covenant, scoring the members: editors, and a unit client whose
    /// unit leads the cluster (or is its deputy while the leader is marked absent), checked by the use case.
    /// </summary>
    public const string LeadCluster = nameof(LeadCluster);
    /// <summary>Reporting progress on a task (a unit client only on its own tasks, checked by the use case).</summary>
    public const string ReportProgress = nameof(ReportProgress);
    /// <summary>Nomination dossiers: reading, drafting and submitting them (a unit client its own unit's only, checked by the use case).</summary>
    public const string Nominate = nameof(Nominate);
    /// <summary>Reading the council's sessions: the portal, editors, admins — not unit clients, which see the council's
    /// outcome on their own dossiers.</summary>
    public const string ReadCouncil = nameof(ReadCouncil);
    /// <summary>API keys and the audit trail.</summary>
    public const string Admin = nameof(Admin);

    public static readonly IReadOnlyDictionary<string, ClientRole[]> Roles = new Dictionary<string, ClientRole[]>(StringComparer.Ordinal)
    {
        [Read] = [ClientRole.Admin, ClientRole.Editor, ClientRole.Reader, ClientRole.Unit],
        [ReadUnits] = [ClientRole.Admin, ClientRole.Editor, ClientRole.Reader, ClientRole.Unit, ClientRole.Loader],
        [Edit] = [ClientRole.Admin, ClientRole.Editor],
        [LoadUnits] = [ClientRole.Admin, ClientRole.Loader],
        [LeadCluster] = [ClientRole.Admin, ClientRole.Editor, ClientRole.Unit],
        [ReportProgress] = [ClientRole.Admin, ClientRole.Editor, ClientRole.Unit],
        [Nominate] = [ClientRole.Admin, ClientRole.Editor, ClientRole.Unit],
        [ReadCouncil] = [ClientRole.Admin, ClientRole.Editor, ClientRole.Reader],
        [Admin] = [ClientRole.Admin],
    };
}
