namespace EmulationApi.Application.Common.Errors;

/// <summary>
/// The versions of a resource a conditional write is based on: those its If-Match names, one or several (RFC 9110
/// allows a list). The write goes ahead when the stored version is one of them (<see cref="VersionCheck"/>). A command
/// holds none when the client sent no If-Match or <c>*</c>: then there is nothing to check.
/// </summary>
public sealed record ExpectedVersion(IReadOnlyList<uint> Versions)
{
    public bool Allows(uint current) => Versions.Contains(current);

    /// <summary>"3", or "3 or 5" ("3 hoặc 5") for a list.</summary>
    public override string ToString() => string.Join(Domain.Common.Localized.Text(" or ", " hoặc "), Versions);
}
