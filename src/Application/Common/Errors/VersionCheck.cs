using EmulationApi.Domain.Common;

namespace EmulationApi.Application.Common.Errors;

/// <summary>The one check of a conditional write: the versions the client based its change on against the stored one.</summary>
public static class VersionCheck
{
    /// <summary>
    /// Refuses a write whose If-Match named only other versions of <paramref name="entity"/> (→ 412, nothing changed).
    /// <paramref name="expected"/> is null when the client sent no If-Match (or <c>*</c>): then there is nothing to check.
    /// </summary>
    public static void EnsureVersion(this Entity entity, ExpectedVersion? expected)
    {
        if (expected is not null && !expected.Allows(entity.Version))
            throw new PreconditionFailedException(ResourceNames.Of(entity.GetType()), expected, entity.Version);
    }
}
