using System.Reflection;
using EmulationApi.Application.Common.Export;
using EmulationApi.Application.Obligations;
using EmulationApi.Application.Tasks;
using EmulationApi.Domain.Commendation;
using EmulationApi.Domain.Plans;
using EmulationApi.Domain.Units;

namespace EmulationApi.UnitTests.Export;

/// <summary>The files write enum cells in Vietnamese: every value of every enum they can write has a label of its own.</summary>
public sealed class LabelsTests
{
    public static TheoryData<Type> LabelledEnums => [.. Labels.Enums.OrderBy(t => t.Name, StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(LabelledEnums))]
    public void Of_EveryValueOfALabelledEnum_HasItsOwnVietnameseLabel(Type type)
    {
        var values = Enum.GetValues(type).Cast<Enum>().ToList();

        Assert.All(values, v => Assert.True(Labels.Has(v), $"{type.Name}.{v} has no Vietnamese label (Labels.cs)."));
        Assert.All(values, v => Assert.NotEqual(v.ToString(), Labels.Of(v)));
        Assert.Equal(values.Count, values.Select(Labels.Of).Distinct(StringComparer.Ordinal).Count()); // no two values read alike
    }

    [Fact]
    public void Enums_CoverEveryEnumAnExportedRowCarries()
    {
        // Every column list the Application declares (Column<T>), and the enums its rows carry, nested records included.
        var rowTypes = typeof(Labels).Assembly.GetTypes()
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static))
            .Select(f => ColumnRow(f.FieldType)).OfType<Type>().Distinct().ToList();
        var enums = rowTypes.SelectMany(t => EnumsOf(t, depth: 3)).Distinct().ToList();

        Assert.Contains(typeof(TaskExportRow), rowTypes);
        Assert.Contains(typeof(ObligationScorecardRowDto), rowTypes);
        Assert.Contains(typeof(TaskProgress), enums);
        Assert.Contains(typeof(UnitKind), enums); // through the ranking's and the work list's unit references
        Assert.All(enums, e => Assert.True(Labels.Enums.Contains(e), $"{e.Name} is written by an export but has no labels (Labels.cs)."));
    }

    [Fact]
    public void Of_AValueNobodyLabelled_IsItsName_AndOfKeyNamesOnlyTheEnumsValues()
    {
        Assert.Equal("Quý I", Labels.Of(PeriodGroup.Q1));
        Assert.Equal("Chủ trì", Labels.Of(AssigneeRole.Lead));
        Assert.Equal("Monday", Labels.Of(DayOfWeek.Monday));
        Assert.Equal("Tỉnh", Labels.OfKey("Province", typeof(GrantingLevel)));
        Assert.Equal(("Tổng cộng", "Không có"), (Labels.OfKey("Total", null), Labels.OfKey("None", null)));
        Assert.Null(Labels.OfKey("2026", typeof(GrantingLevel))); // a number is not a name
        Assert.Null(Labels.OfKey("province", typeof(GrantingLevel)));
    }

    private static Type? ColumnRow(Type field)
    {
        var list = field.IsArray ? field.GetElementType()
            : field.IsGenericType && field.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) ? field.GetGenericArguments()[0] : null;
        return list is { IsGenericType: true } && list.GetGenericTypeDefinition() == typeof(Column<>) ? list.GetGenericArguments()[0] : null;
    }

    private static IEnumerable<Type> EnumsOf(Type type, int depth)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var t = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(IReadOnlyList<>)) t = t.GetGenericArguments()[0];
            if (t.IsEnum) yield return t;
            else if (depth > 0 && t.Namespace?.StartsWith("EmulationApi", StringComparison.Ordinal) == true)
                foreach (var inner in EnumsOf(t, depth - 1)) yield return inner;
        }
    }
}
