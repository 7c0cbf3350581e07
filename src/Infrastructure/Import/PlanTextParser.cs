using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Plans;
using EmulationApi.Domain.Common;
using EmulationApi.Domain.Plans;

namespace EmulationApi.Infrastructure.Import;

/// <summary>
/// Reads the text of a yearly plan (kế hoạch) laid out like the 2026 plan of UBND tỉnh Bắc Ninh: a header
/// ("Số: …/KH-UBND", "Bắc Ninh, ngày … tháng … năm 2026", "KẾ HOẠCH" and the title), the legal bases ("Căn cứ …"),
/// the body's parts "I.", "II.", … up to "Nơi nhận:", the recipients ("- …"), the signature block
/// ("TM. ỦY BAN NHÂN DÂN" / "CHỦ TỊCH" / name) and the appendix: a tab-separated table after the "STT" header with
/// 5 columns (STT, content, lead, coordinators, time) whose section rows ("Quý I"…"Quý IV", "Nhiệm vụ thường xuyên…")
/// group the task rows. Stateless and thread-safe.
/// </summary>
/// <remarks>
/// <para>The text may carry a BOM, \r\n or \n line ends and be in NFD; it is read as NFC. Line numbers are 1-based
/// lines of the text as given. Markdown bold markers ('*') are ignored when recognising headings, section rows,
/// the STT and the signature block; body paragraphs and table cells are kept as written, only <see cref="Text.Clean"/>-ed.</para>
/// <para><see cref="ParsedPlan.SignerTitle"/> is turned from the block's capitals into sentence case, with the word after
/// "Phó" capitalised ("CHỦ TỊCH" → "Chủ tịch", "PHÓ CHỦ TỊCH" → "Phó Chủ tịch"); the issuing body taken from
/// "TM. ỦY BAN NHÂN DÂN" likewise becomes "Ủy ban nhân dân". The issuing body is preferably read from the appendix note
/// "(Kèm theo Kế hoạch số …, ngày … của UBND tỉnh Bắc Ninh)".</para>
/// <para>A text that is not a readable plan throws <see cref="ImportRejectedException"/> listing every problem found.
/// <see cref="RowError.Row"/> is the line (0 for the document as a whole: empty text, no title, no year, no appendix;
/// the "STT" header's line when the appendix has no task rows);
/// <see cref="RowError.Field"/> is <see cref="LineField"/> for a line at fault, or the cell at fault in a task row:
/// <see cref="ContentField"/>, <see cref="LeadField"/>, <see cref="TimingField"/> or <see cref="SequenceField"/> (a repeated STT).</para>
/// <para>Timings: "Tháng 3", "Quý II"/"Quý 2", "Thường xuyên", a date "dd/mm/yyyy" (optionally "ngày dd/mm/yyyy"),
/// any case, a trailing '.' tolerated. Blank lines in the table (page breaks), a repeated "STT" header and a "(1) (2) …"
/// numbering row are skipped; task rows under an unknown or repeated section row are dropped, that row being reported. The condition is the first parenthesis of the content that reads "nếu có" or
/// starts with "Khi", "Sau khi" or "(Trong) trường hợp"; the content keeps it.</para>
/// </remarks>
public sealed partial class PlanTextParser : IPlanTextParser
{
    public const string LineField = "line";
    public const string ContentField = "content";
    public const string LeadField = "lead";
    public const string TimingField = "timing";
    public const string SequenceField = "sequence";

    /// <summary>STT, content, lead, coordinators, time.</summary>
    public const int ColumnCount = 5;

    public static string NoAppendixMessage => Localized.Text(
        "The plan has no appendix of tasks (a table after a tab-separated line starting with \"STT\").",
        "Kế hoạch không có phụ lục nhiệm vụ (một bảng sau dòng phân cách bằng tab bắt đầu bằng \"STT\").");

    private static readonly (int Value, string Numeral)[] RomanNumerals = [(40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")];

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "MA0051:Method is too long", Justification = "Reads the document top to bottom; its steps share a dozen line indexes that, split, would travel as long parameter lists.")]
    public ParsedPlan Parse(string text)
    {
        var lines = SplitLines(text ?? "");
        if (lines.All(string.IsNullOrWhiteSpace))
            throw Reject([new RowError(0, LineField, Localized.Text("The text is empty.", "Văn bản trống."))]);

        var errors = new List<RowError>();
        var plain = lines.Select(Plain).ToArray();

        var titleMarker = FindIndex(plain, 0, plain.Length, l => l.Equals("KẾ HOẠCH", StringComparison.OrdinalIgnoreCase));
        var tableHeader = FindIndex(plain, 0, plain.Length, (l, i) => lines[i].Contains('\t') && l.StartsWith("STT", StringComparison.OrdinalIgnoreCase));
        var appendixStart = FindIndex(plain, titleMarker ?? 0, tableHeader ?? plain.Length, l => l.StartsWith("PHỤ LỤC", StringComparison.OrdinalIgnoreCase))
            ?? tableHeader ?? plain.Length;

        // Header: number, place and date, title, year.
        var firstBasis = FindIndex(plain, 0, appendixStart, IsLegalBasis);
        var headerEnd = titleMarker ?? firstBasis ?? appendixStart;
        var number = ReadNumber(plain, headerEnd);
        var (place, day, month, dateYear, dateLine) = ReadPlaceAndDate(plain, headerEnd);

        string? title = null;
        int? titleLine = null;
        if (titleMarker is { } marker)
        {
            titleLine = FindIndex(plain, marker + 1, appendixStart, l => l.Length > 0);
            if (titleLine is { } t && !IsLegalBasis(plain[t]) && HeadingAt(plain[t], 1) is null) title = plain[t];
            else titleLine = null;
            if (title is null) errors.Add(new RowError(marker + 1, LineField, Localized.Text(
                "The plan has no title on the line after \"KẾ HOẠCH\".",
                "Kế hoạch không có tên (trích yếu) ở dòng sau dòng \"KẾ HOẠCH\".")));
        }
        else errors.Add(new RowError(0, LineField, Localized.Text(
            "The plan has no \"KẾ HOẠCH\" line followed by its title.",
            "Kế hoạch không có dòng \"KẾ HOẠCH\" và tên (trích yếu) ở dòng tiếp theo.")));

        var year = dateYear ?? (title is null ? null : YearIn(title));
        if (year is null) errors.Add(new RowError(0, LineField, Localized.Text(
            "The plan's year is given neither on the place-and-date line (\"năm 2026\") nor in the title.",
            "Năm của kế hoạch không có ở dòng địa danh, ngày tháng (\"năm 2026\") cũng như trong tên kế hoạch.")));

        DateOnly? issueDate = null;
        if (year is { } y && day is { } d && month is { } m)
        {
            // A year outside the plan years is refused with the plan's year (Years); no date is made of it.
            if (!Years.InRange(y)) { }
            else if (m is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, m)) issueDate = new DateOnly(y, m, d);
            else errors.Add(new RowError(dateLine + 1, LineField, Localized.Text($"Ngày {d} tháng {m} năm {y} is not a date.", $"Ngày {d} tháng {m} năm {y} không phải là ngày hợp lệ.")));
        }

        // Body: legal bases, the parts "I.", "II.", … up to "Nơi nhận:" or the signature block.
        var bodyStart = (titleLine ?? titleMarker ?? -1) + 1;
        var recipientsLine = FindIndex(plain, bodyStart, appendixStart, l => NoiNhan().IsMatch(l));
        var signatureLine = FindIndex(plain, recipientsLine ?? bodyStart, appendixStart, l => SignatureStart().IsMatch(l));
        var bodyEnd = recipientsLine ?? signatureLine ?? appendixStart;
        var firstHeading = FindIndex(plain, bodyStart, bodyEnd, l => HeadingAt(l, 1) is not null);

        var legalBases = Span(bodyStart, firstHeading ?? bodyEnd)
            .Where(i => IsLegalBasis(plain[i]))
            .Select(i => Text.Clean(Text.Clean(lines[i])!.TrimEnd(';'))!)
            .ToList();

        var sections = new List<(string Heading, int Start, int End)>();
        if (firstHeading is { } first)
        {
            for (var i = first; i < bodyEnd; i++)
                if (HeadingAt(plain[i], sections.Count + 1) is not null)
                {
                    if (sections.Count > 0) sections[^1] = sections[^1] with { End = i };
                    sections.Add((plain[i], i + 1, bodyEnd));
                }
        }
        var purpose = ReadSubsection(lines, plain, sections, PurposeHeading());
        var requirements = ReadSubsection(lines, plain, sections, RequirementsHeading());

        var recipients = new List<string>();
        var afterRecipients = bodyEnd;
        if (recipientsLine is { } r)
        {
            var sameLine = NoiNhan().Replace(plain[r], "", 1);
            if (sameLine.Length > 0) AddRecipient(recipients, sameLine);
            afterRecipients = r + 1;
            for (var i = r + 1; i < appendixStart; i++)
            {
                if (plain[i].Length == 0) continue;
                if (!IsBullet(plain[i])) break;
                AddRecipient(recipients, Text.Clean(lines[i])!);
                afterRecipients = i + 1;
            }
        }

        // Signature block: "TM. ỦY BAN NHÂN DÂN" / "CHỦ TỊCH" / name.
        string? signerTitle = null, signerName = null, bodyFromSignature = null;
        signatureLine = FindIndex(plain, afterRecipients, appendixStart, l => SignatureStart().IsMatch(l)) ?? signatureLine;
        if (signatureLine is { } s)
        {
            var next = Span(s + 1, appendixStart)
                .Select(i => plain[i])
                .Where(l => l.Length > 0 && !(l.StartsWith('(') && l.EndsWith(')')))
                .Take(2).ToList();
            if (next.Count > 0) signerTitle = SentenceCase(next[0]);
            if (next.Count > 1) signerName = next[1];
            var match = SignatureStart().Match(plain[s]);
            if (match.Groups["kind"].Value.Equals("TM", StringComparison.OrdinalIgnoreCase))
                bodyFromSignature = Text.Clean(SentenceCase(plain[s][match.Length..]));
        }

        var issuingBody = Span(bodyEnd, tableHeader ?? appendixStart)
            .Select(i => AppendixNote().Match(plain[i]))
            .Where(m => m.Success)
            .Select(m => Text.Clean(m.Groups["body"].Value))
            .FirstOrDefault(b => b is not null) ?? bodyFromSignature;

        var tasks = new List<ParsedTask>();
        if (tableHeader is { } header) tasks = ReadTable(lines, header, errors);
        else errors.Add(new RowError(0, LineField, NoAppendixMessage));

        if (errors.Count > 0) throw Reject(errors);

        return new ParsedPlan(year!.Value, number, title!, issuingBody, place, issueDate, signerName, signerTitle,
            legalBases, purpose, requirements,
            sections.Select(x => new PlanSection(x.Heading, JoinParagraphs(lines, x.Start, x.End))).ToList(),
            recipients, tasks);
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "MA0051:Method is too long", Justification = "One pass over the table's rows, each check next to the error it reports.")]
    private static List<ParsedTask> ReadTable(string[] lines, int header, List<RowError> errors)
    {
        var tasks = new List<ParsedTask>();
        var sectionLines = new Dictionary<PeriodGroup, int>();
        var sequenceLines = new Dictionary<(PeriodGroup, int), int>();
        PeriodGroup? group = null;
        var sawSection = false;
        var taskRows = 0;

        for (var i = header + 1; i < lines.Length; i++)
        {
            var line = i + 1;
            if (string.IsNullOrWhiteSpace(lines[i])) continue;           // page breaks, "\t\t\t\t"
            var cells = lines[i].Split('\t');
            var used = cells.Length;
            while (used > 0 && string.IsNullOrWhiteSpace(cells[used - 1])) used--;
            string? Cell(int c) => c < used ? Text.Clean(cells[c]) : null;
            var first = Plain(cells[0]);

            if (first.StartsWith("STT", StringComparison.OrdinalIgnoreCase) || cells.Take(used).All(c => ColumnNumber().IsMatch(Plain(c))))
                continue;                                                  // the header or "(1) (2) …" repeated after a page break

            if (Sequence().Match(first) is not { Success: true } seqMatch)
            {
                sawSection = true;
                var label = Text.Clean(first + " " + (used > 1 ? Plain(cells[1]) : "")) ?? "";
                group = SectionGroup(label);
                if (group is null)
                    errors.Add(new RowError(line, LineField,
                        Localized.Text(
                            $"Unknown section '{label}': a section row names Quý I–IV or the recurring tasks (thường xuyên), and a task row starts with its STT.",
                            $"Mục '{label}' không xác định: dòng mục ghi Quý I–IV hoặc nhiệm vụ thường xuyên, dòng nhiệm vụ bắt đầu bằng STT.")));
                else if (!sectionLines.TryAdd(group.Value, line))
                {
                    errors.Add(new RowError(line, LineField, Localized.Text(
                        $"The section '{label}' appears twice (first on line {sectionLines[group.Value]}).",
                        $"Mục '{label}' xuất hiện hai lần (lần đầu ở dòng {sectionLines[group.Value]}).")));
                    group = null;
                }
                continue;
            }

            taskRows++;
            var sequence = int.Parse(seqMatch.Groups["n"].Value, CultureInfo.InvariantCulture);
            var rowErrors = errors.Count;
            if (used > ColumnCount)
                errors.Add(new RowError(line, LineField, Localized.Text($"The row has {used} cells; the table has {ColumnCount} columns.", $"Dòng có {used} ô; bảng có {ColumnCount} cột.")));
            var content = Cell(1);
            var lead = Cell(2);
            var coordinators = Cell(3) ?? "";
            var timingText = Cell(4);
            if (content is null) errors.Add(new RowError(line, ContentField, Localized.Text(
                $"Task {sequence} has no content ({used} of {ColumnCount} cells).",
                $"Nhiệm vụ {sequence} không có nội dung ({used} trên {ColumnCount} ô).")));
            if (lead is null) errors.Add(new RowError(line, LeadField, Localized.Text(
                $"Task {sequence} has no lead unit (đơn vị chủ trì) ({used} of {ColumnCount} cells).",
                $"Nhiệm vụ {sequence} không có đơn vị chủ trì ({used} trên {ColumnCount} ô).")));
            if (timingText is null) errors.Add(new RowError(line, TimingField, Localized.Text(
                $"Task {sequence} has no time (thời gian thực hiện) ({used} of {ColumnCount} cells).",
                $"Nhiệm vụ {sequence} không có thời gian thực hiện ({used} trên {ColumnCount} ô).")));

            var condition = content is null ? null : ConditionIn(content);
            if (condition is { Length: > TaskTiming.ConditionMaxLength })
            {
                errors.Add(new RowError(line, ContentField, Localized.Text(
                    $"The condition of task {sequence} is longer than {TaskTiming.ConditionMaxLength} characters.",
                    $"Điều kiện của nhiệm vụ {sequence} dài quá {TaskTiming.ConditionMaxLength} ký tự.")));
                condition = null;
            }
            TaskTiming? timing = null;
            if (timingText is not null)
            {
                timing = ReadTiming(Plain(timingText), condition, out var problem);
                if (timing is null) errors.Add(new RowError(line, TimingField, Localized.Text(
                    $"Task {sequence}: '{timingText}' is not a time; {problem}",
                    $"Nhiệm vụ {sequence}: '{timingText}' không phải là thời gian thực hiện; {problem}")));
            }

            if (!sawSection)
            {
                errors.Add(new RowError(line, LineField, Localized.Text(
                    $"Task {sequence} comes before any section row (Quý I–IV, thường xuyên).",
                    $"Nhiệm vụ {sequence} đứng trước mọi dòng mục (Quý I–IV, thường xuyên).")));
                continue;
            }
            if (group is not { } g) continue;                             // under a bad section, already reported
            if (!sequenceLines.TryAdd((g, sequence), line))
            {
                errors.Add(new RowError(line, SequenceField, Localized.Text(
                    $"STT {sequence} appears twice in {g} (first on line {sequenceLines[(g, sequence)]}).",
                    $"STT {sequence} xuất hiện hai lần trong {g} (lần đầu ở dòng {sequenceLines[(g, sequence)]}).")));
                continue;
            }
            if (errors.Count == rowErrors)
                tasks.Add(new ParsedTask(line, g, sequence, content!, lead!, coordinators, timingText!, timing!));
        }

        if (taskRows == 0) errors.Add(new RowError(header + 1, LineField, Localized.Text("The appendix has no task rows.", "Phụ lục không có dòng nhiệm vụ nào.")));
        return tasks;
    }

    /// <summary>Reads a time cell (already without '*'), or null with the reason.</summary>
    private static TaskTiming? ReadTiming(string cell, string? condition, out string problem)
    {
        problem = Localized.Text(
            "expected \"Tháng 1\"–\"Tháng 12\", \"Quý I\"–\"Quý IV\", \"Thường xuyên\" or a date dd/mm/yyyy.",
            "cần ghi \"Tháng 1\"–\"Tháng 12\", \"Quý I\"–\"Quý IV\", \"Thường xuyên\" hoặc một ngày dd/mm/yyyy.");
        var value = cell.TrimEnd('.', ' ');
        if (MonthTiming().Match(value) is { Success: true } month)
        {
            var m = int.Parse(month.Groups["m"].Value, CultureInfo.InvariantCulture);
            if (m is >= 1 and <= 12) return TaskTiming.OfMonth(m, condition);
            problem = Localized.Text($"there is no month {m}.", $"không có tháng {m}.");
            return null;
        }
        if (QuarterTiming().Match(value) is { Success: true } quarter)
            return TaskTiming.OfQuarter(QuarterNumber(quarter.Groups["q"].Value), condition);
        if (RecurringTiming().IsMatch(value))
            return TaskTiming.RecurringAllYear(condition);
        if (DateTiming().Match(value) is { Success: true } date)
        {
            var d = int.Parse(date.Groups["d"].Value, CultureInfo.InvariantCulture);
            var m = int.Parse(date.Groups["m"].Value, CultureInfo.InvariantCulture);
            var y = int.Parse(date.Groups["y"].Value, CultureInfo.InvariantCulture);
            if (y >= 1 && m is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, m))
            {
                if (Dates.InRange(new DateOnly(y, m, d))) return TaskTiming.OnDate(new DateOnly(y, m, d), condition);
                problem = Localized.Text($"{value} is not between {Dates.Range}.", $"{value} không nằm trong khoảng {Dates.Range}.");
            }
            else problem = Localized.Text($"{value} is not a date.", $"{value} không phải là ngày hợp lệ.");
        }
        return null;
    }

    /// <summary>"nếu có" or a trigger such as "Khi Luật … có hiệu lực thi hành", from the content's parentheses.</summary>
    private static string? ConditionIn(string content)
    {
        foreach (Match m in Parenthesis().Matches(content))
        {
            var inner = Text.Clean(m.Groups["inner"].Value)?.TrimEnd('.', ';', ' ');
            if (string.IsNullOrEmpty(inner)) continue;
            if (IfAny().IsMatch(inner)) return "nếu có";
            if (Trigger().IsMatch(inner)) return inner;
        }
        return null;
    }

    private static PeriodGroup? SectionGroup(string label)
    {
        if (QuarterInLabel().Match(label) is { Success: true } q)
            return (PeriodGroup)(QuarterNumber(q.Groups["q"].Value) - 1);
        return label.Contains("thường xuyên", StringComparison.OrdinalIgnoreCase) ? PeriodGroup.Recurring : null;
    }

    private static int QuarterNumber(string q) => q.ToUpperInvariant() switch
    {
        "I" or "1" => 1,
        "II" or "2" => 2,
        "III" or "3" => 3,
        _ => 4,
    };

    private static string? ReadNumber(string[] plain, int headerEnd)
    {
        for (var i = 0; i < headerEnd; i++)
        {
            if (NumberLine().Match(plain[i]) is not { Success: true } m) continue;
            var value = Text.Clean(SlashSpaces().Replace(m.Groups["n"].Value, "/"));
            if (value is null) return null;
            var slash = value.IndexOf('/');
            return slash == 0 ? null : value;
        }
        return null;
    }

    private static (string? Place, int? Day, int? Month, int? Year, int Line) ReadPlaceAndDate(string[] plain, int headerEnd)
    {
        for (var i = 0; i < headerEnd; i++)
        {
            if (PlaceAndDate().Match(plain[i]) is not { Success: true } m) continue;
            static int? Number(Group g) => g.Success ? int.Parse(g.Value, CultureInfo.InvariantCulture) : null;
            return (Text.Clean(m.Groups["place"].Value), Number(m.Groups["d"]), Number(m.Groups["m"]), Number(m.Groups["y"]), i);
        }
        return (null, null, null, null, 0);
    }

    private static int? YearIn(string title) =>
        YearInText().Match(title) is { Success: true } m ? int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture) : null;

    /// <summary>The paragraphs under "1. Mục đích" (or "2. Yêu cầu") up to the next numbered subheading or part.</summary>
    private static string? ReadSubsection(string[] lines, string[] plain, List<(string Heading, int Start, int End)> sections, Regex heading)
    {
        foreach (var (_, start, end) in sections)
            for (var i = start; i < end; i++)
            {
                if (!heading.IsMatch(plain[i])) continue;
                var stop = i + 1;
                while (stop < end && !Subheading().IsMatch(plain[stop])) stop++;
                var text = JoinParagraphs(lines, i + 1, stop);
                return text.Length == 0 ? null : text;
            }
        return null;
    }

    private static string JoinParagraphs(string[] lines, int start, int end) =>
        string.Join("\n", Span(start, end).Select(i => Text.Clean(lines[i])).OfType<string>());

    private static void AddRecipient(List<string> recipients, string line)
    {
        var value = Text.Clean(line.TrimStart('-', '–', '+', '•', ' ').TrimEnd(';', '.', ',', ' '));
        if (value is not null) recipients.Add(value);
    }

    private static bool IsBullet(string line) => line.Length > 0 && line[0] is '-' or '–' or '+' or '•';

    private static bool IsLegalBasis(string line) => line.StartsWith("Căn cứ", StringComparison.OrdinalIgnoreCase);

    /// <summary>The heading's text when <paramref name="line"/> is the part numbered <paramref name="number"/> ("II. NỘI DUNG …").</summary>
    private static string? HeadingAt(string line, int number) =>
        PartHeading().Match(line) is { Success: true } m && m.Groups["n"].Value == ToRoman(number) ? line : null;

    private static string ToRoman(int n)
    {
        var result = new StringBuilder();
        foreach (var (value, numeral) in RomanNumerals)
            for (; n >= value; n -= value) result.Append(numeral);
        return result.ToString();
    }

    /// <summary>Capitals to sentence case, the word after "Phó" capitalised; text already in mixed case is kept.</summary>
    private static string SentenceCase(string value)
    {
        if (value != value.ToUpperInvariant()) return value;
        var lower = value.ToLowerInvariant();
        var result = new StringBuilder(lower);
        if (result.Length > 0) result[0] = char.ToUpperInvariant(result[0]);
        if (lower.StartsWith("phó ", StringComparison.Ordinal) && result.Length > 4) result[4] = char.ToUpperInvariant(result[4]);
        return result.ToString();
    }

    /// <summary>NFC, BOM removed, split on \r\n, \r or \n; line i+1 of the text is element i.</summary>
    private static string[] SplitLines(string text)
    {
        var nfc = text.Normalize(NormalizationForm.FormC);
        if (nfc.Length > 0 && nfc[0] == '\uFEFF') nfc = nfc[1..];
        return LineBreak().Split(nfc);
    }

    /// <summary>The line without markdown bold markers, cleaned; "" when blank.</summary>
    private static string Plain(string line) => Text.Clean(line.Replace("*", "", StringComparison.Ordinal)) ?? "";

    /// <summary>The indexes from <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive); none when to ≤ from.</summary>
    private static IEnumerable<int> Span(int from, int to) => Enumerable.Range(from, Math.Max(0, to - from));

    private static int? FindIndex(string[] plain, int from, int to, Func<string, bool> match) => FindIndex(plain, from, to, (l, _) => match(l));

    private static int? FindIndex(string[] plain, int from, int to, Func<string, int, bool> match)
    {
        for (var i = Math.Max(0, from); i < Math.Min(to, plain.Length); i++)
            if (match(plain[i], i)) return i;
        return null;
    }

    private static ImportRejectedException Reject(List<RowError> errors) =>
        new(errors.OrderBy(e => e.Row).Take(ImportRejectedException.MaxReported).ToList(), errors.Count);

    [GeneratedRegex(@"\r\n|\r|\n", RegexOptions.None, RegexTimeout.Milliseconds)]
    private static partial Regex LineBreak();

    [GeneratedRegex(@"^Số\s*:\s*(?<n>.*)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, RegexTimeout.Milliseconds)]
    private static partial Regex NumberLine();

    [GeneratedRegex(@"\s*/\s*", RegexOptions.None, RegexTimeout.Milliseconds)]
    private static partial Regex SlashSpaces();

    [GeneratedRegex(@"^(?<place>[^,]+?)\s*,\s*ngày\s*(?<d>\d{1,2})?\s*tháng\s*(?<m>\d{1,2})?\s*năm\s*(?<y>\d{4})?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, RegexTimeout.Milliseconds)]
    private static partial Regex PlaceAndDate();

    [GeneratedRegex(@"\bnăm\s+(?<y>\d{4})\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, RegexTimeout.Milliseconds)]
    private static partial Regex YearInText();

    [GeneratedRegex(@"^(?<n>[IVXL]+)\s*[.)]\s*\S", RegexOptions.None, RegexTimeout.Milliseconds)]
    private static partial Regex PartHeading();

    [GeneratedRegex(@"^\d+\s*[.)]\s", RegexOptions.None, RegexTimeout.Milliseconds)]
    private static partial Regex Subheading();

    [GeneratedRegex(@"^\d+\s*[.)]\s*Mục đích\s*:?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, RegexTimeout.Milliseconds)]
    private static partial Regex PurposeHeading();

    [GeneratedRegex(@"^\d+\s*[.)]\s*Yêu cầu\s*:?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, RegexTimeout.Milliseconds)]
    private static partial Regex RequirementsHeading();

    [GeneratedRegex(@"^Nơi nhận\s*:?\s*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, RegexTimeout.Milliseconds)]
    private static partial Regex NoiNhan();

    [GeneratedRegex(@"^(?<kind>TM|KT|TL|TUQ|Q)\s*\.\s*(?=\p{Lu})", RegexOptions.None, RegexTimeout.Milliseconds)]
    private static partial Regex SignatureStart();

    [GeneratedRegex(@"^\(?\s*Kèm theo\b.*\scủa\s+(?<body>[^()]+?)\s*\)?\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, RegexTimeout.Milliseconds)]
    private static partial Regex AppendixNote();

    [GeneratedRegex(@"^(?<n>\d+)\.?$", RegexOptions.None, RegexTimeout.Milliseconds)]
    private static partial Regex Sequence();

    [GeneratedRegex(@"^\(\d+\)$", RegexOptions.None, RegexTimeout.Milliseconds)]
    private static partial Regex ColumnNumber();

    [GeneratedRegex(@"\bQuý\s+(?<q>IV|III|II|I|[1-4])(?![\p{L}\p{N}])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, RegexTimeout.Milliseconds)]
    private static partial Regex QuarterInLabel();

    [GeneratedRegex(@"^Tháng\s*(?<m>\d{1,2})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, RegexTimeout.Milliseconds)]
    private static partial Regex MonthTiming();

    [GeneratedRegex(@"^Quý\s*(?<q>IV|III|II|I|[1-4])$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, RegexTimeout.Milliseconds)]
    private static partial Regex QuarterTiming();

    [GeneratedRegex(@"^Thường\s+xuyên$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, RegexTimeout.Milliseconds)]
    private static partial Regex RecurringTiming();

    [GeneratedRegex(@"^(?:ngày\s+)?(?<d>\d{1,2})\s*/\s*(?<m>\d{1,2})\s*/\s*(?<y>\d{4})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, RegexTimeout.Milliseconds)]
    private static partial Regex DateTiming();

    [GeneratedRegex(@"\((?<inner>[^()]*)\)", RegexOptions.None, RegexTimeout.Milliseconds)]
    private static partial Regex Parenthesis();

    [GeneratedRegex(@"^nếu\s+có$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, RegexTimeout.Milliseconds)]
    private static partial Regex IfAny();

    [GeneratedRegex(@"^(?:Khi|Sau khi|Trong trường hợp|Trường hợp)\s", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, RegexTimeout.Milliseconds)]
    private static partial Regex Trigger();
}
