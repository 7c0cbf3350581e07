using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using EmulationApi.Application.Common.Errors;
using EmulationApi.Domain.Common;

namespace EmulationApi.UnitTests;

/// <summary>Every entity a 412 can name and every resource a 404 names has a Vietnamese name, so a Vietnamese answer
/// never names one in English.</summary>
public sealed partial class ResourceNamesTests
{
    public static TheoryData<string> Entities() =>
        [.. typeof(Entity).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(Entity)) && !t.IsAbstract).Select(t => t.Name)];

    [Theory]
    [MemberData(nameof(Entities))]
    public void EveryEntity_HasAVietnameseName(string entity)
    {
        var type = typeof(Entity).Assembly.GetTypes().Single(t => t.Name == entity && t.IsSubclassOf(typeof(Entity)));

        Assert.True(ResourceNames.HasVietnamese(ResourceNames.Of(type)), $"{entity} ('{ResourceNames.Of(type)}') has no Vietnamese name in ResourceNames.");
    }

    [Fact]
    public void EveryResourceANotFoundNames_HasAVietnameseName()
    {
        var named = Directory.EnumerateFiles(Path.Combine(RepositoryRoot(), "src"), "*.cs", SearchOption.AllDirectories)
            .SelectMany(file => NotFoundLiteral().Matches(File.ReadAllText(file)).Select(m => m.Groups["resource"].Value))
            .Distinct(StringComparer.Ordinal).ToList();

        Assert.Contains("Award", named);
        Assert.All(named, resource => Assert.True(ResourceNames.HasVietnamese(resource), $"NotFoundException(\"{resource}\") has no Vietnamese name in ResourceNames."));
    }

    private static string RepositoryRoot([CallerFilePath] string thisFile = "") => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", ".."));

    [GeneratedRegex(@"new NotFoundException\(""(?<resource>[^""]+)""", RegexOptions.ExplicitCapture, 1000)]
    private static partial Regex NotFoundLiteral();

    [Fact]
    public void Of_WritesTheTypeNameAsASentenceSaysIt()
    {
        Assert.Equal("plan task", ResourceNames.Of(typeof(EmulationApi.Domain.Plans.PlanTask)));
        Assert.Equal("nhiệm vụ", ResourceNames.InVietnamese("plan task"));
        Assert.Equal("no such thing", ResourceNames.InVietnamese("no such thing"));
    }
}
