namespace EmulationApi.Domain.Plans;

/// <summary>
/// A progress report (báo cáo tiến độ) by a unit on its share of a task (its obligation). Reports are kept as the history
/// and never changed. <see cref="ReportedOn"/> is the date the unit claims; <see cref="CreatedAt"/> is when the server
/// received it, so a backdated report shows.
/// </summary>
public sealed class ProgressReport
{
    public const int TextMaxLength = 4000;
    public const int MaxEvidenceLinks = 20;
    public const int EvidenceLinkMaxLength = 1000;

    private List<string> _evidenceLinks = [];

    private ProgressReport() { Text = null!; }

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid TaskId { get; private set; }
    /// <summary>The obligation reported on; null only for reports kept from before obligations existed whose unit held none.</summary>
    public Guid? ObligationId { get; private set; }
    public DateOnly ReportedOn { get; private set; }
    public Guid ReportingUnitId { get; private set; }
    public Units.Unit? ReportingUnit { get; private set; }
    public ProgressStatus Status { get; private set; }
    public string Text { get; private set; }
    public IReadOnlyList<string> EvidenceLinks => _evidenceLinks;
    /// <summary>Who recorded it: the unit's own client, or an editor recording a paper report on the unit's behalf.</summary>
    public string RecordedBy { get; private set; } = "";
    /// <summary>When the server received it (UTC).</summary>
    public DateTimeOffset CreatedAt { get; private set; }

    public const int RecordedByMaxLength = 200;

    internal static ProgressReport Create(Guid taskId, Guid obligationId, DateOnly reportedOn, Guid reportingUnitId, ProgressStatus status,
        string text, IEnumerable<string>? evidenceLinks, string recordedBy)
    {
        var clean = Common.Text.Required(text, Common.Localized.Text("The report's text", "Nội dung báo cáo"));
        if (clean.Length > TextMaxLength) throw new Common.DomainException(Common.Localized.Text($"A report's text is at most {TextMaxLength} characters.", $"Nội dung báo cáo dài tối đa {TextMaxLength} ký tự."));
        var links = (evidenceLinks ?? []).Select(l => l.Trim()).Where(l => l.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (links.Count > MaxEvidenceLinks) throw new Common.DomainException(Common.Localized.Text($"A report has at most {MaxEvidenceLinks} evidence links.", $"Mỗi báo cáo có tối đa {MaxEvidenceLinks} đường dẫn minh chứng."));
        foreach (var link in links)
            if (link.Length > EvidenceLinkMaxLength || !Uri.TryCreate(link, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                throw new Common.DomainException(Common.Localized.Text($"'{link}' is not an http(s) link.", $"'{link}' không phải là đường dẫn http(s)."));
        return new ProgressReport
        {
            TaskId = taskId, ObligationId = obligationId, RecordedBy = recordedBy.Length > RecordedByMaxLength ? recordedBy[..RecordedByMaxLength] : recordedBy, ReportedOn = reportedOn, ReportingUnitId = reportingUnitId, Status = status, Text = clean, _evidenceLinks = links,
        };
    }
}
