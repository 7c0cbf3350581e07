using EmulationApi.Domain.Access;

namespace EmulationApi.Application.Common.Security;

/// <summary>The client a use case runs for: an API key, a token's user, or the system itself (seed, command line).</summary>
public interface ICurrentClient
{
    /// <summary>The name recorded in the audit trail.</summary>
    string Name { get; }

    /// <summary>The unit a <see cref="ClientRole.Unit"/> client acts for; null for every other client.</summary>
    string? UnitCode { get; }

    bool IsIn(ClientRole role);
}

/// <summary>The system itself: the seed step and one-off commands.</summary>
public sealed class SystemClient : ICurrentClient
{
    public string Name => "system";
    public string? UnitCode => null;
    public bool IsIn(ClientRole role) => role == ClientRole.Admin;
}
