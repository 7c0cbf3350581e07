namespace EmulationApi.Domain.Units;

/// <summary>What kind of organisation a unit (đơn vị) is.</summary>
public enum UnitKind
{
    /// <summary>Sở, ban, ngành of the province.</summary>
    Department,
    /// <summary>Xã: a commune People's Committee.</summary>
    Commune,
    /// <summary>Phường: a ward People's Committee.</summary>
    Ward,
    /// <summary>Mặt trận, đoàn thể: a mass organisation.</summary>
    MassOrganization,
    /// <summary>Cơ quan Đảng: a party body.</summary>
    PartyBody,
    /// <summary>Doanh nghiệp: an enterprise.</summary>
    Enterprise,
    /// <summary>Cơ quan Trung ương đóng trên địa bàn: a central agency located in the province.</summary>
    CentralAgency,
    /// <summary>Báo chí: press.</summary>
    Press,
    /// <summary>Hội đồng: a council (e.g. Hội đồng Thi đua - Khen thưởng tỉnh).</summary>
    Council,
    /// <summary>Anything else.</summary>
    Other,
}
