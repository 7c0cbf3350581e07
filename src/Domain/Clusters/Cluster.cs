using EmulationApi.Domain.Common;

namespace EmulationApi.Domain.Clusters;

/// <summary>A member of a cluster/bloc for its year.</summary>
public sealed class ClusterMember
{
    private ClusterMember() { }

    public Guid UnitId { get; private set; }
    public Units.Unit? Unit { get; private set; }
    public MemberRole Role { get; private set; }
    /// <summary>The cluster's year and scope, kept on the row so PostgreSQL enforces "one provincial cluster a year".</summary>
    public int Year { get; private set; }
    public ClusterScope Scope { get; private set; }

    internal static ClusterMember Of(Cluster cluster, Guid unitId, MemberRole role) =>
        new() { UnitId = unitId, Role = role, Year = cluster.Year, Scope = cluster.Scope };

    internal void Become(MemberRole role) => Role = role;
}

/// <summary>
/// A cluster or bloc (Cụm, Khối thi đua) of one year: organised by a decision, with members, one leader (cụm/khối
/// trưởng) and at most one deputy. Re-decided every year; rotating the leader copies it to the next year.
/// </summary>
public sealed class Cluster : Entity
{
    public const int NameMaxLength = 300;
    public const int ReferenceMaxLength = 100;
    public const int MaxMembers = 500;
    public const int AbsenceNoteMaxLength = 500;

    private List<ClusterMember> _members = [];

    private Cluster() { Name = null!; }

    public int Year { get; private set; }
    public ClusterKind Kind { get; private set; }
    public ClusterScope Scope { get; private set; }
    /// <summary>The sector of a sector-scope cluster, e.g. "Giáo dục và Đào tạo".</summary>
    public string? Sector { get; private set; }
    public string Name { get; private set; }
    public string? DecisionNumber { get; private set; }
    public DateOnly? DecisionDate { get; private set; }
    public IReadOnlyList<ClusterMember> Members => _members;
    /// <summary>
    /// An editor marked the leader absent: meanwhile the deputy may do the leader's work on the cluster. Ends by itself
    /// when the leader changes.
    /// </summary>
    public bool LeaderAbsent { get; private set; }
    /// <summary>Why or until when the leader is absent, as the editor wrote it.</summary>
    public string? LeaderAbsenceNote { get; private set; }
    /// <summary>Counts membership changes, so the cluster's row (and so its ETag) changes with its members.</summary>
    public int Revision { get; private set; }

    /// <summary>Marks a change of members: the cluster's version moves, and concurrent changes conflict.</summary>
    public void MembersChanged() => Revision++;

    public static Cluster Create(int year, ClusterKind kind, ClusterScope scope, string name, string? sector, string? decisionNumber, DateOnly? decisionDate)
    {
        if (!Years.InRange(year)) throw new DomainException(Years.OutOfRange(year));
        var cluster = new Cluster { Year = year, Scope = scope };
        cluster.Describe(kind, name, sector, decisionNumber, decisionDate);
        return cluster;
    }

    /// <summary>Changes the description; year and scope are fixed (they key the memberships).</summary>
    public void Describe(ClusterKind kind, string name, string? sector, string? decisionNumber, DateOnly? decisionDate)
    {
        if (!Enum.IsDefined(kind)) throw new DomainException(Localized.Text($"Unknown kind '{kind}'.", $"Loại '{kind}' không xác định."));
        if (!Enum.IsDefined(Scope)) throw new DomainException(Localized.Text($"Unknown scope '{Scope}'.", $"Phạm vi '{Scope}' không xác định."));
        var clean = Text.Required(name, Localized.Text("A cluster's name", "Tên cụm, khối thi đua"));
        if (clean.Length > NameMaxLength) throw new DomainException(Localized.Text($"A cluster's name is at most {NameMaxLength} characters.", $"Tên cụm, khối thi đua dài tối đa {NameMaxLength} ký tự."));
        var cleanSector = Text.Clean(sector);
        if (Scope == ClusterScope.Sector && cleanSector is null) throw new DomainException(Localized.Text("A sector cluster names its sector.", "Cụm, khối thi đua theo ngành phải nêu tên ngành, lĩnh vực."));
        (Kind, Name, Sector, DecisionNumber, DecisionDate) = (kind, clean, cleanSector, Text.Clean(decisionNumber), decisionDate);
    }

    /// <summary>
    /// Adds a unit or changes its role. Appointing a leader (or deputy) makes the unit that held the role a member, so the
    /// cluster never has two.
    /// </summary>
    public void Assign(Guid unitId, MemberRole role)
    {
        if (!Enum.IsDefined(role)) throw new DomainException(Localized.Text($"Unknown role '{role}'.", $"Vai trò '{role}' không xác định."));
        var leader = LeaderId;
        if (role != MemberRole.Member && _members.FirstOrDefault(m => m.Role == role && m.UnitId != unitId) is { } holder)
            holder.Become(MemberRole.Member);
        var existing = _members.FirstOrDefault(m => m.UnitId == unitId);
        if (existing is not null) existing.Become(role);
        else
        {
            if (_members.Count >= MaxMembers) throw new DomainException(Localized.Text($"A cluster has at most {MaxMembers} members.", $"Mỗi cụm, khối thi đua có tối đa {MaxMembers} thành viên."));
            _members.Add(ClusterMember.Of(this, unitId, role));
        }
        if (LeaderId != leader) MarkLeaderPresent(); // a new leader ends the previous one's absence
    }

    public void Remove(Guid unitId)
    {
        var member = _members.FirstOrDefault(m => m.UnitId == unitId) ?? throw new DomainException(Localized.Text("The unit is not a member of this cluster.", "Đơn vị không phải là thành viên của cụm, khối thi đua này."));
        _members.Remove(member);
        if (member.Role == MemberRole.Leader) MarkLeaderPresent();
    }

    public Guid? LeaderId => _members.FirstOrDefault(m => m.Role == MemberRole.Leader)?.UnitId;

    /// <summary>The unit's role in this cluster, or null when it is not a member.</summary>
    public MemberRole? RoleOf(Guid unitId) => _members.FirstOrDefault(m => m.UnitId == unitId)?.Role;

    /// <summary>
    /// Whether a member in this role may do the leader's work on the cluster (draft and sign the covenant, score the
    /// other members): the leader, and the deputy while the leader is marked absent.
    /// </summary>
    public bool MayActAsLeader(MemberRole? role) => role == MemberRole.Leader || (role == MemberRole.Deputy && LeaderAbsent);

    /// <summary>An editor marks the leader absent (the deputy acts meanwhile), with an optional note; the cluster needs a leader.</summary>
    public void MarkLeaderAbsent(string? note)
    {
        if (LeaderId is null) throw new DomainException(Localized.Text("The cluster has no leader to mark absent.", "Cụm, khối thi đua chưa có Cụm trưởng, Khối trưởng để đánh dấu vắng mặt."));
        var clean = Text.Clean(note);
        if (clean?.Length > AbsenceNoteMaxLength) throw new DomainException(Localized.Text($"The note is at most {AbsenceNoteMaxLength} characters.", $"Ghi chú dài tối đa {AbsenceNoteMaxLength} ký tự."));
        (LeaderAbsent, LeaderAbsenceNote) = (true, clean);
    }

    /// <summary>The leader is back (or another took its place): the deputy no longer acts for it.</summary>
    public void MarkLeaderPresent() => (LeaderAbsent, LeaderAbsenceNote) = (false, null);

    /// <summary>
    /// Luân phiên: the cluster of the next year with the same members; the new leader (and deputy) take their roles, the
    /// others are members.
    /// </summary>
    public Cluster RotateTo(Guid newLeaderId, Guid? newDeputyId, string? decisionNumber, DateOnly? decisionDate)
    {
        if (_members.All(m => m.UnitId != newLeaderId)) throw new DomainException(Localized.Text("The new leader must be a member of the cluster.", "Cụm trưởng, Khối trưởng mới phải là thành viên của cụm, khối thi đua."));
        if (newDeputyId is { } d && _members.All(m => m.UnitId != d)) throw new DomainException(Localized.Text("The new deputy must be a member of the cluster.", "Cụm phó, Khối phó mới phải là thành viên của cụm, khối thi đua."));
        if (newDeputyId == newLeaderId) throw new DomainException(Localized.Text("The leader cannot also be the deputy.", "Cụm trưởng, Khối trưởng không thể đồng thời là Cụm phó, Khối phó."));
        var next = Create(Year + 1, Kind, Scope, Name, Sector, decisionNumber, decisionDate);
        foreach (var member in _members)
            next._members.Add(ClusterMember.Of(next, member.UnitId,
                member.UnitId == newLeaderId ? MemberRole.Leader : member.UnitId == newDeputyId ? MemberRole.Deputy : MemberRole.Member));
        return next;
    }
}
