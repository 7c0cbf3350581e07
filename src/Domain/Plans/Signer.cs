namespace EmulationApi.Domain.Plans;

/// <summary>Who signs a document: the person's name and title (e.g. "Nguyễn Văn A", "Chủ tịch"); either may be blank while drafting.</summary>
public sealed record Signer(string? Name, string? Title);
