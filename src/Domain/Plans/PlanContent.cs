namespace EmulationApi.Domain.Plans;

/// <summary>
/// What a plan says below its header: the legal bases (căn cứ, in order), purpose, requirements, sections and
/// recipients (nơi nhận). Missing lists are empty.
/// </summary>
public sealed record PlanContent(
    IEnumerable<string>? LegalBases = null,
    string? Purpose = null,
    string? Requirements = null,
    IEnumerable<PlanSection>? Sections = null,
    IEnumerable<string>? Recipients = null);
