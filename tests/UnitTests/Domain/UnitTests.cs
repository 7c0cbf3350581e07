using System.Text;
using EmulationApi.Domain.Common;
using EmulationApi.Domain.Units;

namespace EmulationApi.UnitTests.Domain;

public sealed class UnitTests
{
    [Fact]
    public void Create_WhenValid_SetsEveryFieldAndStartsActive()
    {
        var parentId = Guid.NewGuid();

        var unit = Unit.Create(" SNV ", "Sở Nội vụ", UnitKind.Department, "SNV", parentId, "000.00.12.H07", ["Sở NV"]);

        Assert.Equal("SNV", unit.Code);
        Assert.Equal("Sở Nội vụ", unit.Name);
        Assert.Equal(UnitKind.Department, unit.Kind);
        Assert.Equal("SNV", unit.ShortName);
        Assert.Equal(parentId, unit.ParentId);
        Assert.Equal("000.00.12.H07", unit.DocumentExchangeId);
        Assert.Equal(["Sở NV"], unit.Aliases);
        Assert.True(unit.IsActive);
        Assert.NotEqual(Guid.Empty, unit.Id);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("bad code")]
    [InlineData("SNV!")]
    [InlineData("-SNV")]
    [InlineData(".SNV")]
    [InlineData("_SNV")]
    [InlineData("SỞ")]
    [InlineData("A/B")]
    public void Create_WhenCodeInvalid_ThrowsDomainException(string code)
    {
        var ex = Assert.Throws<DomainException>(() => Unit.Create(code, "Sở Nội vụ", UnitKind.Department));

        Assert.Contains("code", ex.Message);
    }

    [Fact]
    public void Create_WhenCodeNull_ThrowsDomainException()
    {
        Assert.Throws<DomainException>(() => Unit.Create(null!, "Sở Nội vụ", UnitKind.Department));
    }

    [Fact]
    public void Create_WhenCodeLongerThanTheLimit_ThrowsDomainException()
    {
        Assert.Throws<DomainException>(() => Unit.Create(new string('A', Unit.CodeMaxLength + 1), "X", UnitKind.Other));
    }

    [Theory]
    [InlineData("A")]
    [InlineData("0")]
    [InlineData("P.KB-01_x")]
    [InlineData("snv")]
    public void Create_WhenCodeValid_KeepsItAsGiven(string code)
    {
        Assert.Equal(code, Unit.Create(code, "X", UnitKind.Other).Code);
    }

    [Fact]
    public void Create_WhenCodeAtTheLimit_IsAccepted()
    {
        var code = new string('A', Unit.CodeMaxLength);

        Assert.Equal(code, Unit.Create(code, "X", UnitKind.Other).Code);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\r\n")]
    [InlineData(null)]
    public void Create_WhenNameEmpty_ThrowsDomainException(string? name)
    {
        var ex = Assert.Throws<DomainException>(() => Unit.Create("SNV", name!, UnitKind.Department));

        Assert.Contains("name", ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Create_WhenNameLongerThanTheLimit_ThrowsDomainException()
    {
        var ex = Assert.Throws<DomainException>(() => Unit.Create("SNV", new string('x', Unit.NameMaxLength + 1), UnitKind.Department));

        Assert.Contains(Unit.NameMaxLength.ToString(), ex.Message);
    }

    [Fact]
    public void Create_WhenNameAtTheLimit_IsAccepted()
    {
        var name = new string('x', Unit.NameMaxLength);

        Assert.Equal(name, Unit.Create("SNV", name, UnitKind.Department).Name);
    }

    [Fact]
    public void Create_WhenNameAtTheLimitOnlyAfterNfcAndFolding_IsAccepted()
    {
        // 300 characters in NFC, 900 in NFD, plus white space that folds away.
        var nfc = new string('ộ', Unit.NameMaxLength);
        var raw = "  " + nfc.Normalize(NormalizationForm.FormD) + "   ";

        var unit = Unit.Create("SNV", raw, UnitKind.Department);

        Assert.Equal(nfc, unit.Name);
    }

    [Fact]
    public void Create_WhenNameInNfdWithRunsOfWhiteSpace_StoresNfcWithSingleSpaces()
    {
        var raw = "  Phường \t Kinh\r\n  Bắc  ".Normalize(NormalizationForm.FormD);
        Assert.False(raw.IsNormalized(NormalizationForm.FormC));

        var unit = Unit.Create("P-KB", raw, UnitKind.Ward, shortName: "  P.\u00A0 KB ".Normalize(NormalizationForm.FormD));

        Assert.Equal("Phường Kinh Bắc", unit.Name);
        Assert.True(unit.Name.IsNormalized(NormalizationForm.FormC));
        Assert.Equal("P. KB", unit.ShortName);
    }

    [Fact]
    public void Create_WhenOptionalTextBlank_StoresNull()
    {
        var unit = Unit.Create("SNV", "Sở Nội vụ", UnitKind.Department, shortName: "   ", documentExchangeId: "");

        Assert.Null(unit.ShortName);
        Assert.Null(unit.DocumentExchangeId);
        Assert.Empty(unit.Aliases);
    }

    [Fact]
    public void Create_WhenShortNameLongerThanTheLimit_ThrowsDomainException()
    {
        Assert.Throws<DomainException>(() =>
            Unit.Create("SNV", "Sở Nội vụ", UnitKind.Department, shortName: new string('x', Unit.ShortNameMaxLength + 1)));
    }

    [Fact]
    public void Create_WhenDocumentExchangeIdLongerThanTheLimit_ThrowsDomainException()
    {
        Assert.Throws<DomainException>(() =>
            Unit.Create("SNV", "Sở Nội vụ", UnitKind.Department, documentExchangeId: new string('x', Unit.DocumentExchangeIdMaxLength + 1)));
    }

    [Fact]
    public void Create_WhenKindUndefined_ThrowsDomainException()
    {
        Assert.Throws<DomainException>(() => Unit.Create("SNV", "Sở Nội vụ", (UnitKind)99));
    }

    [Fact]
    public void Create_WhenAliasesRepeatInOtherCaseOrForm_KeepsTheFirstOfEachCleaned()
    {
        var unit = Unit.Create("SNV", "Sở Nội vụ", UnitKind.Department, aliases:
        [
            "  Sở  Nội vụ ",
            "SỞ NỘI VỤ",
            "sở nội vụ".Normalize(NormalizationForm.FormD),
            "",
            "   ",
            "Sở Nội vụ tỉnh",
            "SNV",
            "snv",
        ]);

        Assert.Equal(["Sở Nội vụ", "Sở Nội vụ tỉnh", "SNV"], unit.Aliases);
        Assert.All(unit.Aliases, a => Assert.True(a.IsNormalized(NormalizationForm.FormC)));
    }

    [Fact]
    public void Create_WhenAliasLongerThanTheLimit_ThrowsDomainException()
    {
        Assert.Throws<DomainException>(() =>
            Unit.Create("SNV", "Sở Nội vụ", UnitKind.Department, aliases: [new string('a', Unit.AliasMaxLength + 1)]));
    }

    [Fact]
    public void Create_WhenMoreAliasesThanTheLimit_ThrowsDomainException()
    {
        var aliases = Enumerable.Range(0, Unit.MaxAliases + 1).Select(i => $"Tên {i}");

        Assert.Throws<DomainException>(() => Unit.Create("SNV", "Sở Nội vụ", UnitKind.Department, aliases: aliases));
    }

    [Fact]
    public void Create_WhenDuplicatesBringAliasesDownToTheLimit_IsAccepted()
    {
        var aliases = Enumerable.Range(0, Unit.MaxAliases).Select(i => $"Tên {i}").Append("TÊN 0");

        var unit = Unit.Create("SNV", "Sở Nội vụ", UnitKind.Department, aliases: aliases);

        Assert.Equal(Unit.MaxAliases, unit.Aliases.Count);
    }

    [Fact]
    public void MoveUnder_WhenParentIsTheUnitItself_ThrowsDomainExceptionAndKeepsTheParent()
    {
        var parentId = Guid.NewGuid();
        var unit = Unit.Create("SNV", "Sở Nội vụ", UnitKind.Department, parentId: parentId);

        Assert.Throws<DomainException>(() => unit.MoveUnder(unit.Id));

        Assert.Equal(parentId, unit.ParentId);
    }

    [Fact]
    public void MoveUnder_WhenParentIsNull_MovesToTheTop()
    {
        var unit = Unit.Create("SNV", "Sở Nội vụ", UnitKind.Department, parentId: Guid.NewGuid());

        unit.MoveUnder(null);

        Assert.Null(unit.ParentId);
    }

    [Fact]
    public void Describe_WhenNameInvalid_ThrowsAndKeepsTheOldDescription()
    {
        var unit = Unit.Create("SNV", "Sở Nội vụ", UnitKind.Department, aliases: ["SNV"]);

        Assert.Throws<DomainException>(() => unit.Describe("  ", UnitKind.Other, null, null, null));

        Assert.Equal("Sở Nội vụ", unit.Name);
        Assert.Equal(UnitKind.Department, unit.Kind);
        Assert.Equal(["SNV"], unit.Aliases);
    }

    [Fact]
    public void Deactivate_WhenActive_MakesTheUnitInactive()
    {
        var unit = Unit.Create("SNV", "Sở Nội vụ", UnitKind.Department);

        unit.Deactivate();

        Assert.False(unit.IsActive);
    }

    [Fact]
    public void Deactivate_WhenAlreadyInactive_ThrowsDomainException()
    {
        var unit = Unit.Create("SNV", "Sở Nội vụ", UnitKind.Department);
        unit.Deactivate();

        var ex = Assert.Throws<DomainException>(unit.Deactivate);

        Assert.Contains("SNV", ex.Message);
        Assert.False(unit.IsActive);
    }

    [Fact]
    public void Activate_WhenInactive_MakesTheUnitActive()
    {
        var unit = Unit.Create("SNV", "Sở Nội vụ", UnitKind.Department);
        unit.Deactivate();

        unit.Activate();

        Assert.True(unit.IsActive);
    }

    [Fact]
    public void Activate_WhenAlreadyActive_ThrowsDomainException()
    {
        var unit = Unit.Create("SNV", "Sở Nội vụ", UnitKind.Department);

        Assert.Throws<DomainException>(unit.Activate);
        Assert.True(unit.IsActive);
    }
}
