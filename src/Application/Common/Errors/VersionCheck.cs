using EmulationApi.Domain.Plans;

namespace EmulationApi.Application.Common.Errors;

public static class VersionCheck
{
    /// <summary>Refuses a write whose If-Match names an older version (→ 412, nothing changed).</summary>
    public static void Ensure(string resource, uint current, uint? expected)
    {
        if (expected is { } v && v != current)
            throw new PreconditionFailedException($"The {resource} has changed since version {v}; it is now at version {current}.");
    }

    public static void EnsureVersion(this Plan plan, uint? expected) => Ensure("plan", plan.Version, expected);

    public static void EnsureVersion(this PlanTask task, uint? expected) => Ensure("task", task.Version, expected);
}
