namespace EmulationApi.Domain.Plans;

/// <summary>A progress report (báo cáo tiến độ) on a task. Reports are kept as the task's history and never changed.</summary>
public sealed class ProgressReport
{
    public const int TextMaxLength = 4000;
    public const int MaxEvidenceLinks = 20;
    public const int EvidenceLinkMaxLength = 1000;

    private List<string> _evidenceLinks = [];

    private ProgressReport() { Text = null!; }

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid TaskId { get; private set; }
    public DateOnly ReportedOn { get; private set; }
    public Guid ReportingUnitId { get; private set; }
    public Units.Unit? ReportingUnit { get; private set; }
    public ProgressStatus Status { get; private set; }
    public string Text { get; private set; }
    public IReadOnlyList<string> EvidenceLinks => _evidenceLinks;
    public DateTimeOffset CreatedAt { get; private set; }

    internal static ProgressReport Create(Guid taskId, DateOnly reportedOn, Guid reportingUnitId, ProgressStatus status,
        string text, IEnumerable<string>? evidenceLinks)
    {
        var clean = Common.Text.Required(text, "The report's text");
        if (clean.Length > TextMaxLength) throw new Common.DomainException($"A report's text is at most {TextMaxLength} characters.");
        var links = (evidenceLinks ?? []).Select(l => l.Trim()).Where(l => l.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (links.Count > MaxEvidenceLinks) throw new Common.DomainException($"A report has at most {MaxEvidenceLinks} evidence links.");
        foreach (var link in links)
            if (link.Length > EvidenceLinkMaxLength || !Uri.TryCreate(link, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                throw new Common.DomainException($"'{link}' is not an http(s) link.");
        return new ProgressReport
        {
            TaskId = taskId, ReportedOn = reportedOn, ReportingUnitId = reportingUnitId, Status = status, Text = clean, _evidenceLinks = links,
        };
    }
}
