namespace EmulationApi.Domain.Clusters;

/// <summary>Cụm (territorial: communes and wards) or Khối (sectoral: departments, mass organisations, enterprises).</summary>
public enum ClusterKind
{
    Cluster,
    Bloc,
}

/// <summary>Whose cluster/bloc it is.</summary>
public enum ClusterScope
{
    /// <summary>Of the province: a unit belongs to at most one provincial cluster/bloc a year.</summary>
    Provincial,
    /// <summary>Of a sector, e.g. Giáo dục và Đào tạo.</summary>
    Sector,
    /// <summary>Between provinces, e.g. Cụm các tỉnh Trung du và Đồng bằng Sông Hồng.</summary>
    InterProvincial,
}

/// <summary>A member's role for the year: cụm/khối trưởng, phó, or member.</summary>
public enum MemberRole
{
    Leader,
    Deputy,
    Member,
}

/// <summary>Giao ước thi đua: draft → signed (ký kết) → evaluated (published; scores then immutable).</summary>
public enum CovenantStatus
{
    Draft,
    Signed,
    Evaluated,
}

/// <summary>How a criterion's points count toward the total.</summary>
public enum CriterionKind
{
    /// <summary>Points earned, up to the maximum.</summary>
    Standard,
    /// <summary>Điểm thưởng: added, up to the maximum.</summary>
    Bonus,
    /// <summary>Điểm trừ: subtracted, up to the maximum.</summary>
    Penalty,
}
