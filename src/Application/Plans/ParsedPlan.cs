using EmulationApi.Domain.Plans;

namespace EmulationApi.Application.Plans;

/// <summary>
/// A plan document (kế hoạch) as read from its text: the header, the body's parts, and the appendix of tasks with each
/// cell's original text. Nothing here is resolved against the unit registry yet.
/// </summary>
/// <param name="Year">The plan's year (from the title or the place-and-date line).</param>
/// <param name="Number">The number without "Số:", e.g. "12/KH-UBND"; null while blank ("Số: /KH-UBND").</param>
/// <param name="IssueDate">Null while the date is left blank ("ngày tháng năm 2026").</param>
public sealed record ParsedPlan(
    int Year,
    string? Number,
    string Title,
    string? IssuingBody,
    string? Place,
    DateOnly? IssueDate,
    string? SignerName,
    string? SignerTitle,
    IReadOnlyList<string> LegalBases,
    string? Purpose,
    string? Requirements,
    IReadOnlyList<PlanSection> Sections,
    IReadOnlyList<string> Recipients,
    IReadOnlyList<ParsedTask> Tasks);

/// <summary>One row of the appendix.</summary>
/// <param name="Line">1-based line of the row in the text, for error reports.</param>
/// <param name="Sequence">The row's STT within its group.</param>
/// <param name="LeadText">The "Đơn vị chủ trì" cell as written (trimmed).</param>
/// <param name="CoordinatorText">The "Đơn vị phối hợp" cell as written (trimmed).</param>
/// <param name="TimingText">The "Thời gian thực hiện" cell as written.</param>
/// <param name="Timing">The timing read from <paramref name="TimingText"/>, with the condition found in the content, if any.</param>
public sealed record ParsedTask(
    int Line,
    PeriodGroup Group,
    int Sequence,
    string Content,
    string LeadText,
    string CoordinatorText,
    string TimingText,
    TaskTiming Timing)
{
    /// <summary>The row's cells as written, kept on the task.</summary>
    public TaskCells Cells => new(LeadText, CoordinatorText, TimingText);
}

/// <summary>Reads a plan document's text.</summary>
public interface IPlanTextParser
{
    /// <summary>Parses the text; a text that is not a readable plan throws <see cref="Common.Errors.ImportRejectedException"/>
    /// whose row errors carry line numbers (field "line"), and nothing is written.</summary>
    ParsedPlan Parse(string text);
}
