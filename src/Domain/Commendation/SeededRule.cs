using EmulationApi.Domain.Common;

namespace EmulationApi.Domain.Commendation;

/// <summary>
/// The mark that the seed step once added the eligibility rule it names by a stable key (e.g. <c>CSTD-TQ/consecutive-CSTD-TINH</c>).
/// Kept apart from the rule so that it outlives an admin's edit or deletion of that rule: a later reseed that finds the
/// mark adds nothing, and the admin's decision stands.
/// </summary>
public sealed class SeededRule : Entity
{
    public const int KeyMaxLength = 100;

    private SeededRule() { Key = null!; }

    public string Key { get; private set; }

    public static SeededRule Mark(string key) =>
        new() { Key = Text.Limit(Text.Required(key, Localized.Text("The seed key", "Khóa gieo dữ liệu")), KeyMaxLength, Localized.Text("Seed key", "Khóa gieo dữ liệu")) };
}
