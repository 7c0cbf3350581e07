using System.Reflection;
using EmulationApi.Application.Units;
using EmulationApi.Domain.Units;

namespace EmulationApi.UnitTests;

/// <summary>References point inward only: Api → Application + Infrastructure; Infrastructure → Application; Application → Domain; Domain → nothing.</summary>
public sealed class ArchitectureTests
{
    private static readonly Assembly Domain = typeof(Unit).Assembly;
    private static readonly Assembly Application = typeof(CreateUnitCommand).Assembly;
    private static readonly Assembly Infrastructure = typeof(EmulationApi.Infrastructure.DependencyInjection).Assembly;

    private static string[] References(Assembly assembly) => [.. assembly.GetReferencedAssemblies().Select(a => a.Name!)];

    /// <summary>Referenced assemblies whose name is one of <paramref name="forbidden"/> or starts with it followed by a dot.</summary>
    private static string[] Violations(Assembly assembly, params string[] forbidden) =>
        [.. References(assembly).Where(name => forbidden.Any(f => name == f || name.StartsWith(f + ".", StringComparison.Ordinal)))];

    [Fact]
    public void Assemblies_WhenLoaded_HaveTheNamesTheRulesUse()
    {
        Assert.Equal("EmulationApi.Domain", Domain.GetName().Name);
        Assert.Equal("EmulationApi.Application", Application.GetName().Name);
        Assert.Equal("EmulationApi.Infrastructure", Infrastructure.GetName().Name);
    }

    [Fact]
    public void Violations_WhenAnAssemblyHasAForbiddenReference_FindsIt()
    {
        // The rule's own check: the same lookup that must come back empty below does find references that exist.
        Assert.Equal(["EmulationApi.Domain"], Violations(Application, "EmulationApi.Domain"));
        Assert.Contains("MediatR", Violations(Application, "MediatR"));
        Assert.Contains("Microsoft.EntityFrameworkCore", Violations(Application, "Microsoft.EntityFrameworkCore"));
        Assert.Contains(Violations(Infrastructure, "Npgsql"), n => n.StartsWith("Npgsql", StringComparison.Ordinal));
        Assert.Empty(Violations(Application, "EmulationApi.Dom"));
    }

    [Fact]
    public void Domain_WhenReferencesListed_ReferencesNoOtherProjectAndNoFrameworkLibrary()
    {
        var references = References(Domain);

        Assert.NotEmpty(references);
        Assert.Contains("System.Runtime", references);
        Assert.DoesNotContain(references, r => r.StartsWith("EmulationApi", StringComparison.Ordinal));
        Assert.Empty(Violations(Domain, "MediatR", "FluentValidation", "Mapster", "Microsoft.EntityFrameworkCore", "Npgsql",
            "Microsoft.AspNetCore", "Microsoft.Extensions.DependencyInjection"));
    }

    [Fact]
    public void Application_WhenReferencesListed_ReferencesDomainButNotInfrastructureApiOrDrivers()
    {
        var references = References(Application);

        Assert.Contains("EmulationApi.Domain", references);
        Assert.Empty(Violations(Application, "EmulationApi.Infrastructure", "EmulationApi.Api", "Npgsql", "Microsoft.AspNetCore"));
    }

    [Fact]
    public void Infrastructure_WhenReferencesListed_ReferencesApplicationButNotApi()
    {
        var references = References(Infrastructure);

        Assert.Contains("EmulationApi.Application", references);
        Assert.Empty(Violations(Infrastructure, "EmulationApi.Api", "Microsoft.AspNetCore"));
    }
}
