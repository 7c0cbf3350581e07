namespace EmulationApi.Domain.Commendation;

/// <summary>What a catalog entry is: an emulation title (danh hiệu thi đua) or a commendation form (hình thức khen thưởng).</summary>
public enum AwardCategory
{
    /// <summary>Danh hiệu thi đua (e.g. Lao động tiên tiến, Chiến sĩ thi đua cơ sở, Cờ thi đua của UBND tỉnh).</summary>
    EmulationTitle,
    /// <summary>Hình thức khen thưởng (e.g. Huân chương, Bằng khen, Giấy khen).</summary>
    CommendationForm,
}

/// <summary>Who may receive it: a person (cá nhân) or a collective (tập thể).</summary>
public enum AwardRecipient
{
    Individual,
    Collective,
}

/// <summary>Who grants it (cấp khen thưởng).</summary>
public enum GrantingLevel
{
    /// <summary>Nhà nước (Chủ tịch nước).</summary>
    State,
    /// <summary>Chính phủ, Thủ tướng Chính phủ.</summary>
    Government,
    /// <summary>Tỉnh (Chủ tịch Ủy ban nhân dân tỉnh).</summary>
    Province,
    /// <summary>Sở, ban, ngành, đơn vị (thủ trưởng đơn vị, Chủ tịch UBND cấp xã).</summary>
    Unit,
}

/// <summary>Loại hình khen thưởng: what the award is given for.</summary>
public enum CommendationType
{
    /// <summary>Thường xuyên (theo công trạng và thành tích đạt được).</summary>
    Regular,
    /// <summary>Theo phong trào thi đua, chuyên đề (theo đợt).</summary>
    Movement,
    /// <summary>Đột xuất.</summary>
    AdHoc,
    /// <summary>Quá trình cống hiến.</summary>
    Dedication,
    /// <summary>Niên hạn.</summary>
    Seniority,
    /// <summary>Đối ngoại.</summary>
    ForeignRelations,
}
