using System.Globalization;
using System.Text.RegularExpressions;
using EmulationApi.Application.Movements;
using EmulationApi.Application.Plans;
using EmulationApi.Domain.Common;
using EmulationApi.Domain.Movements;

namespace EmulationApi.Infrastructure.Import;

/// <summary>
/// Reads the movements out of a plan's part on emulation movements: the numbered item of part II that speaks of
/// "phong trào thi đua". A paragraph "… phong trào thi đua … giai đoạn 2026-2030 với chủ đề: "…"" gives the period's
/// main movement (its slogan the next quoted text, its launcher from "… phát động", regular form); a paragraph
/// "Tiếp tục thực hiện các phong trào thi đua …: "…"; "…"" gives the continuing ones (thematic; provincial when the
/// name speaks of the province, else central), with the period its name gives, else none (no start date: the plan continues them, it does not say since when).
/// No launch date is read: the text gives none.
/// </summary>
public sealed partial class MovementTextReader : IMovementTextReader
{
    public IReadOnlyList<ParsedMovement> Read(ParsedPlan plan)
    {
        var part = plan.Sections.FirstOrDefault(s => s.Heading.StartsWith("II.", StringComparison.Ordinal));
        if (part is null) return [];
        var item = Items().Split(part.Body).FirstOrDefault(i => ItemHeading().Match(i) is { Success: true } h
                                                              && h.Groups["title"].Value.Contains("phong trào thi đua", StringComparison.OrdinalIgnoreCase)) ?? "";
        var result = new List<ParsedMovement>();
        foreach (var paragraph in item.Split('\n').Select(p => p.Replace("*", "").Trim()))
        {
            if (MainMovement().Match(paragraph) is { Success: true } main)
            {
                var quotes = Quoted().Matches(paragraph).Select(q => q.Groups["text"].Value).ToList();
                var (from, to) = (Year(main.Groups["from"].Value), Year(main.Groups["to"].Value));
                var launcher = Launcher().Match(paragraph);
                result.Add(new ParsedMovement(Text.Clean(main.Groups["theme"].Value)!, quotes.Skip(1).FirstOrDefault(), MovementForm.Regular,
                    LevelOf(launcher.Success ? launcher.Groups["who"].Value : "", fallback: LauncherLevel.Central),
                    launcher.Success && launcher.Groups["where"].Success ? Text.Clean(launcher.Groups["where"].Value) : null,
                    new DateOnly(from, 1, 1), new DateOnly(to, 12, 31), "Toàn quốc"));
            }
            else if (paragraph.StartsWith("Tiếp tục thực hiện", StringComparison.OrdinalIgnoreCase) && paragraph.Contains(':'))
            {
                foreach (Match quote in Quoted().Matches(paragraph[paragraph.IndexOf(':')..]))
                {
                    var name = Text.Clean(quote.Groups["text"].Value)!;
                    var period = Period().Match(name);
                    var provincial = Provincial().IsMatch(name);
                    result.Add(new ParsedMovement(name, null, MovementForm.Thematic, provincial ? LauncherLevel.Province : LauncherLevel.Central, null,
                        period.Success ? new DateOnly(Year(period.Groups["from"].Value), 1, 1) : null,
                        period.Success ? new DateOnly(Year(period.Groups["to"].Value), 12, 31) : null,
                        provincial ? "Tỉnh Bắc Ninh" : "Toàn quốc"));
                }
            }
        }
        return result.DistinctBy(m => NameKey.Of(m.Name), StringComparer.Ordinal).ToList();
    }

    /// <summary>A year of a movement's period (four digits in the text), refused like a plan's year when outside <see cref="Years"/>.</summary>
    private static int Year(string digits)
    {
        var year = int.Parse(digits, CultureInfo.InvariantCulture);
        return Years.InRange(year) ? year : throw new DomainException(Years.OutOfRange(year));
    }

    private static LauncherLevel LevelOf(string who, LauncherLevel fallback) => who.ToLowerInvariant() switch
    {
        var w when w.Contains("thủ tướng") => LauncherLevel.PrimeMinister,
        var w when w.Contains("trung ương") => LauncherLevel.Central,
        var w when w.Contains("tỉnh") || w.Contains("ubnd") => LauncherLevel.Province,
        _ => fallback,
    };

    [GeneratedRegex(@"\n(?=\d+\.\s)", RegexOptions.None, RegexTimeout.Milliseconds)]
    private static partial Regex Items();

    // "2. Đẩy mạnh các phong trào thi đua …": the item's first line.
    [GeneratedRegex(@"^\s*\d+\.\s+(?<title>[^\n]*)", RegexOptions.None, RegexTimeout.Milliseconds)]
    private static partial Regex ItemHeading();

    [GeneratedRegex(@"phong trào thi đua.*?giai đoạn\s*(?<from>\d{4})\s*[-–]\s*(?<to>\d{4}).*?chủ đề:\s*[""“](?<theme>[^""”]+)[""”]", RegexOptions.IgnoreCase, RegexTimeout.Milliseconds)]
    private static partial Regex MainMovement();

    [GeneratedRegex(@"[""“](?<text>[^""”]+)[""”]", RegexOptions.None, RegexTimeout.Milliseconds)]
    private static partial Regex Quoted();

    [GeneratedRegex(@"được\s+(?<who>[^,.]+?)\s+phát động(?:\s+tại\s+(?<where>[^.]+))?", RegexOptions.IgnoreCase, RegexTimeout.Milliseconds)]
    private static partial Regex Launcher();

    [GeneratedRegex(@"giai đoạn\s*(?<from>\d{4})\s*[-–]\s*(?<to>\d{4})", RegexOptions.IgnoreCase, RegexTimeout.Milliseconds)]
    private static partial Regex Period();

    [GeneratedRegex(@"Bắc Ninh|Gia Bình|của tỉnh|toàn tỉnh", RegexOptions.IgnoreCase, RegexTimeout.Milliseconds)]
    private static partial Regex Provincial();
}
