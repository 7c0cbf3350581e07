using System.Text;
using System.Text.Json;
using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Plans;
using EmulationApi.Domain.Plans;
using EmulationApi.Infrastructure.Import;

namespace EmulationApi.UnitTests.Import;

public sealed class PlanTextParserTests
{
    private const string SeedResource = "EmulationApi.Seed.ke-hoach-thi-dua-khen-thuong-2026.txt";
    private static readonly PlanTextParser Parser = new();
    private static readonly Lazy<string> LazySeed = new(ReadSeed);
    private static readonly Lazy<ParsedPlan> LazySeedPlan = new(() => Parser.Parse(Seed));

    private static string Seed => LazySeed.Value;
    private static ParsedPlan SeedPlan => LazySeedPlan.Value;

    // ---- the seed plan ----------------------------------------------------------------------------------------------

    [Fact]
    public void Parse_WhenSeedPlan_ReadsTheHeader()
    {
        var plan = SeedPlan;

        Assert.Equal(2026, plan.Year);
        Assert.Null(plan.Number);
        Assert.Null(plan.IssueDate);
        Assert.Equal("Bắc Ninh", plan.Place);
        Assert.Equal("Công tác thi đua, khen thưởng năm 2026", plan.Title);
        Assert.Equal("UBND tỉnh Bắc Ninh", plan.IssuingBody);
    }

    [Fact]
    public void Parse_WhenSeedPlan_ReadsTheSignatureBlock()
    {
        Assert.Equal("Chủ tịch", SeedPlan.SignerTitle);
        Assert.Equal("Phạm Hoàng Sơn", SeedPlan.SignerName);
    }

    [Fact]
    public void Parse_WhenSeedPlan_ReadsTheLegalBasesWithoutTrailingSemicolons()
    {
        var bases = SeedPlan.LegalBases;

        Assert.Equal(3, bases.Count);
        Assert.Equal("Căn cứ Luật Thi đua, khen thưởng năm 2022", bases[0]);
        Assert.StartsWith("Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025", bases[1]);
        Assert.EndsWith("một số điều của Luật Thi đua, khen thưởng", bases[1]);
        Assert.StartsWith("Căn cứ Nghị quyết số 82/NQ-HĐND", bases[2]);
        Assert.EndsWith("kinh tế - xã hội năm 2026", bases[2]);
    }

    [Fact]
    public void Parse_WhenSeedPlan_ReadsPurposeAndRequirements()
    {
        var purpose = SeedPlan.Purpose!.Split('\n');
        var requirements = SeedPlan.Requirements!.Split('\n');

        Assert.Equal(3, purpose.Length);
        Assert.StartsWith("Tăng cường vai trò lãnh đạo của các cấp uỷ Đảng", purpose[0]);
        Assert.StartsWith("đồng doanh nghiệp tích cực hưởng ứng tham gia", purpose[2]);
        Assert.Equal(3, requirements.Length);
        Assert.StartsWith("Các cấp, các ngành, các địa phương", requirements[0]);
        Assert.EndsWith("lao động sản xuất trên địa bàn tỉnh.", requirements[2]);
    }

    [Fact]
    public void Parse_WhenSeedPlan_ReadsTheThreePartsUpToTheRecipients()
    {
        var sections = SeedPlan.Sections;

        Assert.Equal(["I. MỤC ĐÍCH, YÊU CẦU", "II. NỘI DUNG THỰC HIỆN", "III. TỔ CHỨC THỰC HIỆN"], sections.Select(s => s.Heading));
        Assert.StartsWith("1. Mục đích\nTăng cường vai trò", sections[0].Body);
        Assert.EndsWith("trên địa bàn tỉnh.", sections[0].Body);
        Assert.Contains("\n(Có phụ lục nội dung chi tiết kèm theo)", sections[1].Body);
        Assert.StartsWith("1. Các Cụm, Khối thi đua của tỉnh", sections[2].Body);
        Assert.StartsWith("6. Sở Nội vụ (Cơ quan thường trực", sections[2].Body.Split('\n')[^1]);
        Assert.DoesNotContain("Nơi nhận", sections[2].Body);
    }

    [Fact]
    public void Parse_WhenSeedPlan_ReadsTheRecipients()
    {
        Assert.Equal(
            [
                "Ban TĐKT Trung ương (đề b/c)", "TTTU, HĐND, UBND tỉnh", "Chủ tịch, các PCT Hội đồng TĐKT tỉnh",
                "Thành viên Hội đồng TĐKT tỉnh", "Trưởng các khối thi đua của tỉnh năm 2026", "Các Sở, ban, ngành, đoàn thể tỉnh",
                "UBND các xã, phường", "Các cơ quan, doanh nghiệp TW, địa phương trên địa bàn tỉnh", "Lưu: VT, TTTT, NC, CVP",
            ],
            SeedPlan.Recipients);
    }

    [Fact]
    public void Parse_WhenSeedPlan_CountsTheTasksOfEachGroup()
    {
        var counts = SeedPlan.Tasks.GroupBy(t => t.Group).ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(29, SeedPlan.Tasks.Count);
        Assert.Equal(7, counts[PeriodGroup.Q1]);
        Assert.Equal(4, counts[PeriodGroup.Q2]);
        Assert.Equal(4, counts[PeriodGroup.Q3]);
        Assert.Equal(8, counts[PeriodGroup.Q4]);
        Assert.Equal(6, counts[PeriodGroup.Recurring]);
    }

    [Fact]
    public void Parse_WhenSeedPlan_NumbersEachGroupFromOneInTextOrder()
    {
        foreach (var group in SeedPlan.Tasks.GroupBy(t => t.Group))
            Assert.Equal(Enumerable.Range(1, group.Count()), group.Select(t => t.Sequence));
        Assert.Equal(SeedPlan.Tasks.Select(t => t.Line).Order(), SeedPlan.Tasks.Select(t => t.Line));
    }

    /// <summary>Every row of the seed appendix; month 0 = "Thường xuyên".</summary>
    [Theory]
    [InlineData(99, PeriodGroup.Q1, 1, "Sở Nội vụ", "Văn phòng UBND tỉnh", 3)]
    [InlineData(100, PeriodGroup.Q1, 2, "Sở Nội vụ", "Văn phòng UBND tỉnh", 3)]
    [InlineData(101, PeriodGroup.Q1, 3, "Cụm trường, Khối trường các Cụm, Khối thi đua.", "Hội đồng TĐKT tỉnh", 3)]
    [InlineData(102, PeriodGroup.Q1, 4, "Cụm trường, Khối trường các Cụm, Khối thi đua; Các địa phương, đơn vị, địa phương.", "Sở Nội vụ.", 3)]
    [InlineData(103, PeriodGroup.Q1, 5, "Hội đồng TĐKT tỉnh.", "- Các Cụm, Khối thi đua; - Các địa phương, đơn vị.", 3)]
    [InlineData(104, PeriodGroup.Q1, 6, "Sở Nội vụ.", "Văn phòng UBND tỉnh.", 3)]
    [InlineData(106, PeriodGroup.Q1, 7, "Sở Nội vụ.", "Văn phòng UBND tỉnh.", 3)]
    [InlineData(108, PeriodGroup.Q2, 1, "Sở Nội vụ.", "Văn phòng UBND tỉnh.", 4)]
    [InlineData(109, PeriodGroup.Q2, 2, "Sở Nội vụ.", "Văn phòng UBND tỉnh.", 6)]
    [InlineData(110, PeriodGroup.Q2, 3, "Sở Nội vụ.", "- Các CỤM, Khó thi đua; - Các địa phương, đơn vị.", 6)]
    [InlineData(111, PeriodGroup.Q2, 4, "Sở Nội vụ.", "- Sở Giáo dục và Đào tạo; - Các xã, phường.", 6)]
    [InlineData(113, PeriodGroup.Q3, 1, "Sở Nội vụ.", "- Các CỤM, Khó thi đua; - Các địa phương, đơn vị.", 7)]
    [InlineData(114, PeriodGroup.Q3, 2, "Sở Nội vụ.", "Văn phòng UBND tỉnh", 7)]
    [InlineData(115, PeriodGroup.Q3, 3, "Sở Giáo dục và Đào tạo.", "- Sở Nội vụ, các cơ quan đơn vị có liên quan; - Các xã, phường.", 8)]
    [InlineData(116, PeriodGroup.Q3, 4, "Hội đồng TĐKT tỉnh.", "Sở Nội vụ.", 9)]
    [InlineData(118, PeriodGroup.Q4, 1, "Sở Nội vụ.", "Văn phòng UBND tỉnh", 10)]
    [InlineData(120, PeriodGroup.Q4, 2, "Sở Nội vụ.", "Văn phòng UBND tỉnh", 10)]
    [InlineData(121, PeriodGroup.Q4, 3, "Sở Nội vụ.", "- Các Cụm, Khối thi đua; - Các địa phương, đơn vị.", 10)]
    [InlineData(122, PeriodGroup.Q4, 4, "Sở Nội vụ.", "Cụm trưởng, Khối trưởng các Cụm, Khối thi đua.", 10)]
    [InlineData(123, PeriodGroup.Q4, 5, "Sở Nội vụ.", "- Cụm trưởng, Khối trưởng các khối thi đua; - Các địa phương, cơ quan, đơn vị.", 12)]
    [InlineData(124, PeriodGroup.Q4, 6, "Sở Nội vụ.", "- Cụm trưởng, Khối trưởng các khối thi đua; - Các địa phương, cơ quan, đơn vị.", 12)]
    [InlineData(125, PeriodGroup.Q4, 7, "Sở Nội vụ.", "- Các Cụm, Khối thi đua; - Các địa phương, đơn vị.", 12)]
    [InlineData(126, PeriodGroup.Q4, 8, "UBND tỉnh.", "Sở Nội vụ.", 12)]
    [InlineData(128, PeriodGroup.Recurring, 1, "Sở Nội vụ.", "- Báo và Phát thanh, truyền hình Bắc Ninh; Trung tâm Thông tin tỉnh; - Các cơ quan, địa phương, đơn vị.", 0)]
    [InlineData(130, PeriodGroup.Recurring, 2, "Sở Nội vụ.", "Văn phòng UBND tỉnh", 0)]
    [InlineData(131, PeriodGroup.Recurring, 3, "Các cơ quan, đơn vị, địa phương.", "- Sở Nội vụ. - Báo và Phát thanh, truyền hình Bắc Ninh; Trung tâm Thông tin tỉnh.", 0)]
    [InlineData(132, PeriodGroup.Recurring, 4, "- Các Cụm, Khó khăn thi đua; - Các địa phương, đơn vị.", "Sở Nội vụ", 0)]
    [InlineData(133, PeriodGroup.Recurring, 5, "Sở Nội vụ.", "- Các Cụm, Khó khăn thi đua; - Các địa phương, đơn vị.", 0)]
    [InlineData(134, PeriodGroup.Recurring, 6, "UBND tỉnh.", "- Các Cụm, Khó khăn thi đua; - Các địa phương, đơn vị.", 0)]
    public void Parse_WhenSeedPlan_ReadsEachTaskRow(int line, PeriodGroup group, int sequence, string lead, string coordinators, int month)
    {
        var task = Assert.Single(SeedPlan.Tasks, t => t.Group == group && t.Sequence == sequence);

        Assert.Equal(line, task.Line);
        Assert.Equal(lead, task.LeadText);
        Assert.Equal(coordinators, task.CoordinatorText);
        if (month == 0)
        {
            Assert.Equal("Thường xuyên", task.TimingText);
            Assert.Equal(TimingKind.Recurring, task.Timing.Kind);
            Assert.Null(task.Timing.DeadlineIn(SeedPlan.Year));
        }
        else
        {
            Assert.Equal($"Tháng {month}", task.TimingText);
            Assert.Equal(TimingKind.Month, task.Timing.Kind);
            Assert.Equal(month, task.Timing.Month);
        }
        Assert.False(string.IsNullOrWhiteSpace(task.Content));
        Assert.Equal(task.Content.Trim(), task.Content);
    }

    [Fact]
    public void Parse_WhenSeedPlan_KeepsTheContentAsWritten()
    {
        var first = Task(PeriodGroup.Q1, 1);
        var withTrigger = Task(PeriodGroup.Q4, 2);

        Assert.Equal("Ban hành Chỉ thị phát động thi đua thực hiện thắng lợi nhiệm vụ phát triển kinh tế - xã hội, quốc phòng - an ninh năm 2026.", first.Content);
        Assert.EndsWith("của UBND tỉnh (Khi Luật thi đua khen thưởng mới có hiệu lực thi hành).", withTrigger.Content);
        Assert.EndsWith("về Sở Nội vụ .", Task(PeriodGroup.Q4, 4).Content);
    }

    [Fact]
    public void Parse_WhenSeedPlan_FindsTheConditionsInTheContent()
    {
        Assert.Equal("nếu có", Task(PeriodGroup.Q3, 1).Timing.Condition);
        Assert.Equal("Khi Luật thi đua khen thưởng mới có hiệu lực thi hành", Task(PeriodGroup.Q4, 2).Timing.Condition);
        Assert.Equal("nếu có", Task(PeriodGroup.Q4, 8).Timing.Condition);
        Assert.Equal(7, Task(PeriodGroup.Q3, 1).Timing.Month);
        Assert.Equal(12, Task(PeriodGroup.Q4, 8).Timing.Month);

        var conditional = SeedPlan.Tasks.Where(t => t.Timing.Condition is not null).Select(t => (t.Group, t.Sequence));
        Assert.Equal([(PeriodGroup.Q3, 1), (PeriodGroup.Q4, 2), (PeriodGroup.Q4, 8)], conditional);
    }

    // ---- encodings and line ends ------------------------------------------------------------------------------------

    public static TheoryData<string> Variants() => ["crlf", "nfd", "bom", "all"];

    [Theory]
    [MemberData(nameof(Variants))]
    public void Parse_WhenSeedComesAsVariant_GivesTheSameResult(string variant)
    {
        var text = variant switch
        {
            "crlf" => Seed.Replace("\n", "\r\n"),
            "nfd" => Seed.Normalize(NormalizationForm.FormD),
            "bom" => "\uFEFF" + Seed,
            _ => "\uFEFF" + Seed.Normalize(NormalizationForm.FormD).Replace("\n", "\r\n"),
        };
        Assert.NotEqual(Seed, text);

        var plan = Parser.Parse(text);

        Assert.Equal(Json(SeedPlan), Json(plan));
    }

    [Fact]
    public void Parse_WhenSeedComesAsUtf8BytesWithBom_DecodesToTheSameResult()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Seed.Normalize(NormalizationForm.FormD))).ToArray();
        using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);

        Assert.Equal(Json(SeedPlan), Json(Parser.Parse(reader.ReadToEnd())));
    }

    // ---- header variants --------------------------------------------------------------------------------------------

    [Fact]
    public void Parse_WhenNumberAndDateAreFilledIn_ReadsThem()
    {
        var text = ReplaceLine(ReplaceLine(Seed, 3, "Số: 12/KH-UBND"), 5, "Bắc Ninh, ngày 15 tháng 1 năm 2026");

        var plan = Parser.Parse(text);

        Assert.Equal("12/KH-UBND", plan.Number);
        Assert.Equal(new DateOnly(2026, 1, 15), plan.IssueDate);
        Assert.Equal("Bắc Ninh", plan.Place);
    }

    [Fact]
    public void Parse_WhenPlaceLineHasNoYear_TakesTheYearFromTheTitle()
    {
        var text = ReplaceLine(ReplaceLine(Seed, 5, "Bắc Ninh, ngày tháng năm"), 8, "Công tác thi đua, khen thưởng năm 2027");

        Assert.Equal(2027, Parser.Parse(text).Year);
    }

    [Fact]
    public void Parse_WhenAppendixNoteIsMissing_TakesTheIssuingBodyFromTheSignature()
    {
        var text = ReplaceLine(Seed, 95, "");

        Assert.Equal("Ủy ban nhân dân", Parser.Parse(text).IssuingBody);
    }

    // ---- timings ----------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("Quý II", TimingKind.Quarter, 2)]
    [InlineData("quý 2", TimingKind.Quarter, 2)]
    [InlineData("QUÝ IV.", TimingKind.Quarter, 4)]
    [InlineData("tháng 11.", TimingKind.Month, 11)]
    [InlineData("THƯỜNG XUYÊN", TimingKind.Recurring, null)]
    public void Parse_WhenTimingIsWrittenOtherwise_ReadsIt(string timing, TimingKind kind, int? number)
    {
        var plan = Parser.Parse(ReplaceCell(Seed, 99, 4, timing));

        var task = Task(plan, PeriodGroup.Q1, 1);
        Assert.Equal(timing, task.TimingText);
        Assert.Equal(kind, task.Timing.Kind);
        Assert.Equal(number, kind == TimingKind.Quarter ? task.Timing.Quarter : task.Timing.Month);
    }

    [Fact]
    public void Parse_WhenTimingIsADate_ReadsTheDate()
    {
        var task = Task(Parser.Parse(ReplaceCell(Seed, 99, 4, "15/03/2026")), PeriodGroup.Q1, 1);

        Assert.Equal(TimingKind.Date, task.Timing.Kind);
        Assert.Equal(new DateOnly(2026, 3, 15), task.Timing.Date);
    }

    // ---- rejected texts ---------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("")]
    [InlineData("   \n\t \r\n ")]
    [InlineData("\uFEFF")]
    public void Parse_WhenTextIsEmpty_RejectsRowZero(string text)
    {
        var error = Assert.Single(Rejected(text).RowErrors);

        Assert.Equal(0, error.Row);
        Assert.Equal("line", error.Field);
    }

    [Fact]
    public void Parse_WhenTimeCellIsDropped_RejectsThatRowsTiming()
    {
        var text = ReplaceLine(Seed, 100, string.Join('\t', Line(Seed, 100).Split('\t')[..4]));

        var rejected = Rejected(text);

        var error = Assert.Single(rejected.RowErrors);
        Assert.Equal(new RowError(100, "timing", error.Message), error);
        Assert.Equal(1, rejected.TotalErrors);
    }

    [Fact]
    public void Parse_WhenLeadAndTimeCellsAreMissing_RejectsBothCells()
    {
        var text = ReplaceLine(Seed, 109, string.Join('\t', Line(Seed, 109).Split('\t')[..2]) + "\t\t");

        var errors = Rejected(text).RowErrors;

        Assert.Equal([(109, "lead"), (109, "timing")], errors.Select(e => (e.Row, e.Field)));
    }

    [Fact]
    public void Parse_WhenSectionRowIsUnknown_RejectsThatLine()
    {
        var text = ReplaceLine(Seed, 127, "VI\tNhiệm vụ khác\t\t\t");

        var error = Assert.Single(Rejected(text).RowErrors);

        Assert.Equal(127, error.Row);
        Assert.Equal("line", error.Field);
        Assert.Contains("Unknown section", error.Message);
    }

    [Fact]
    public void Parse_WhenTextHasNoAppendix_RejectsRowZero()
    {
        var text = string.Join('\n', Seed.Split('\n')[..92]);

        var error = Assert.Single(Rejected(text).RowErrors);

        Assert.Equal(0, error.Row);
        Assert.Equal("line", error.Field);
        Assert.Equal(PlanTextParser.NoAppendixMessage, error.Message);
    }

    [Fact]
    public void Parse_WhenAppendixHasNoTaskRows_RejectsTheHeaderLine()
    {
        var text = string.Join('\n', Seed.Split('\n')[..98]);

        var error = Assert.Single(Rejected(text).RowErrors);

        Assert.Equal((97, "line"), (error.Row, error.Field));
    }

    [Theory]
    [InlineData("Tháng 13")]
    [InlineData("sắp tới")]
    [InlineData("Quý V")]
    [InlineData("31/02/2026")]
    public void Parse_WhenTimingIsUnreadable_RejectsTheTimingCell(string timing)
    {
        var error = Assert.Single(Rejected(ReplaceCell(Seed, 116, 4, timing)).RowErrors);

        Assert.Equal(116, error.Row);
        Assert.Equal("timing", error.Field);
        Assert.Contains(timing, error.Message);
    }

    [Fact]
    public void Parse_WhenSttRepeatsWithinAGroup_RejectsTheSecondRow()
    {
        var text = ReplaceCell(Seed, 110, 0, "2");

        var error = Assert.Single(Rejected(text).RowErrors);

        Assert.Equal((110, "sequence"), (error.Row, error.Field));
        Assert.Contains("line 109", error.Message);
    }

    [Fact]
    public void Parse_WhenSttRepeatsAcrossGroups_Accepts()
    {
        Assert.Equal(Enum.GetValues<PeriodGroup>(), SeedPlan.Tasks.Where(t => t.Sequence == 1).Select(t => t.Group));
    }

    [Fact]
    public void Parse_WhenTaskRowComesBeforeAnySection_RejectsThatLine()
    {
        var lines = Seed.Split('\n').ToList();
        lines.Insert(97, "1\tNhiệm vụ không thuộc nhóm nào.\tSở Nội vụ\t\tTháng 1");   // becomes line 98, right after the header

        var error = Assert.Single(Rejected(string.Join('\n', lines)).RowErrors);

        Assert.Equal((98, "line"), (error.Row, error.Field));
    }

    [Fact]
    public void Parse_WhenSeveralRowsAreBad_ReportsEveryOneInLineOrder()
    {
        var text = ReplaceCell(ReplaceCell(ReplaceLine(Seed, 127, "VI\tNhiệm vụ khác\t\t\t"), 99, 4, "sắp tới"), 121, 1, " ");

        var rejected = Rejected(text);

        Assert.Equal([(99, "timing"), (121, "content"), (127, "line")], rejected.RowErrors.Select(e => (e.Row, e.Field)));
        Assert.Equal(3, rejected.TotalErrors);
    }

    [Fact]
    public void Parse_WhenYearIsNowhere_RejectsRowZero()
    {
        var text = ReplaceLine(ReplaceLine(Seed, 5, "Bắc Ninh, ngày tháng năm"), 8, "Công tác thi đua, khen thưởng");

        var error = Assert.Single(Rejected(text).RowErrors);

        Assert.Equal((0, "line"), (error.Row, error.Field));
    }

    [Fact]
    public void Parse_WhenTitleIsMissing_Rejects()
    {
        var text = ReplaceLine(ReplaceLine(Seed, 7, ""), 8, "");

        var errors = Rejected(text).RowErrors;

        Assert.Contains(errors, e => e is { Row: 0, Field: "line" } && e.Message.Contains("title"));
    }

    // ---- helpers ----------------------------------------------------------------------------------------------------

    private static string ReadSeed()
    {
        using var stream = typeof(PlanTextParser).Assembly.GetManifestResourceStream(SeedResource)
            ?? throw new InvalidOperationException($"The resource {SeedResource} is missing.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    private static ParsedTask Task(PeriodGroup group, int sequence) => Task(SeedPlan, group, sequence);

    private static ParsedTask Task(ParsedPlan plan, PeriodGroup group, int sequence) =>
        Assert.Single(plan.Tasks, t => t.Group == group && t.Sequence == sequence);

    private static ImportRejectedException Rejected(string text) =>
        Assert.Throws<ImportRejectedException>(() => Parser.Parse(text));

    private static string Line(string text, int line) => text.Split('\n')[line - 1];

    private static string ReplaceLine(string text, int line, string replacement)
    {
        var lines = text.Split('\n');
        lines[line - 1] = replacement;
        return string.Join('\n', lines);
    }

    private static string ReplaceCell(string text, int line, int cell, string replacement)
    {
        var cells = Line(text, line).Split('\t');
        cells[cell] = replacement;
        return ReplaceLine(text, line, string.Join('\t', cells));
    }

    private static string Json(ParsedPlan plan) => JsonSerializer.Serialize(plan);
}
