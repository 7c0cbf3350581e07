namespace EmulationApi.Domain.Movements;

/// <summary>Hình thức: regular (thường xuyên) or thematic (chuyên đề; "theo đợt" is thematic too).</summary>
public enum MovementForm
{
    Regular,
    Thematic,
}

/// <summary>Who launched the movement (cấp phát động).</summary>
public enum LauncherLevel
{
    /// <summary>Trung ương.</summary>
    Central,
    /// <summary>Thủ tướng Chính phủ.</summary>
    PrimeMinister,
    /// <summary>Tỉnh.</summary>
    Province,
    /// <summary>Ngành.</summary>
    Sector,
    /// <summary>Cụm, Khối thi đua.</summary>
    ClusterOrBloc,
    /// <summary>Đơn vị.</summary>
    Unit,
}

/// <summary>
/// A movement's lifecycle: draft → launched (phát động) → interim review (sơ kết, may be skipped) → final review
/// (tổng kết) → closed.
/// </summary>
public enum MovementStatus
{
    Draft,
    Launched,
    InterimReviewed,
    FinalReviewed,
    Closed,
}
