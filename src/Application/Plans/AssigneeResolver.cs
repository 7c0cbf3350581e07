using System.Text.RegularExpressions;
using EmulationApi.Domain.Common;
using EmulationApi.Domain.Plans;

namespace EmulationApi.Application.Plans;

/// <summary>What one name in a plan's cell turned out to be.</summary>
public sealed record ResolvedName(string Text, Guid? UnitId, AssigneeGroup? Group)
{
    public bool IsResolved => UnitId is not null || Group is not null;
}

/// <summary>
/// Maps the names written in a plan's lead and coordinator cells to units of the registry (by name, short name and
/// aliases) or to groups, after normalising both sides (<see cref="NameKey"/>). Cells hold several names separated by
/// ';' or by '- ' bullets; commas separate names only where the whole text is not itself a name ("Cụm trưởng, Khối
/// trưởng các Cụm, Khối thi đua" is one group, "Sở Nội vụ, các cơ quan đơn vị có liên quan" is a unit and a group).
/// What resolves to nothing is returned unresolved, never dropped.
/// </summary>
public sealed partial class AssigneeResolver
{
    // The group names the plans use, and the known typos of them met in the 2026 plan.
    private static readonly (string Name, AssigneeGroup Group)[] GroupNames =
    [
        ("các cụm, khối thi đua", AssigneeGroup.AllClustersAndBlocs),
        ("cụm, khối thi đua", AssigneeGroup.AllClustersAndBlocs),
        ("các cụm, khối thi đua của tỉnh", AssigneeGroup.AllClustersAndBlocs),
        ("cụm trưởng, khối trưởng", AssigneeGroup.ClusterAndBlocLeaders),
        ("cụm trưởng, khối trưởng các cụm, khối thi đua", AssigneeGroup.ClusterAndBlocLeaders),
        ("cụm trưởng, khối trưởng các khối thi đua", AssigneeGroup.ClusterAndBlocLeaders),
        ("các xã, phường", AssigneeGroup.AllCommunesAndWards),
        ("ubnd các xã, phường", AssigneeGroup.AllCommunesAndWards),
        ("các địa phương, đơn vị", AssigneeGroup.AllLocalitiesAndUnits),
        ("các địa phương, đơn vị, địa phương", AssigneeGroup.AllLocalitiesAndUnits),
        ("các cơ quan, địa phương, đơn vị", AssigneeGroup.AllLocalitiesAndUnits),
        ("các cơ quan, đơn vị, địa phương", AssigneeGroup.AllLocalitiesAndUnits),
        ("các địa phương, cơ quan, đơn vị", AssigneeGroup.AllLocalitiesAndUnits),
        ("các cơ quan, đơn vị", AssigneeGroup.AllLocalitiesAndUnits),
        ("các cơ quan đơn vị có liên quan", AssigneeGroup.RelatedUnits),
        ("các cơ quan, đơn vị có liên quan", AssigneeGroup.RelatedUnits),
        ("các đơn vị có liên quan", AssigneeGroup.RelatedUnits),
    ];

    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(RegexTimeout.Milliseconds);

    // Typos of group words, corrected before matching: "Cụm trường" (trưởng), "Khó thi đua" and "Khó khăn thi đua" (Khối).
    private static readonly (Regex Pattern, string Replacement)[] Typos =
    [
        (new Regex(@"\b(?<word>cụm|khối) trường\b", RegexOptions.Compiled, MatchTimeout), "${word} trưởng"),
        (new Regex(@"\bkhó khăn thi đua\b", RegexOptions.Compiled, MatchTimeout), "khối thi đua"),
        (new Regex(@"\bkhó thi đua\b", RegexOptions.Compiled, MatchTimeout), "khối thi đua"),
    ];

    private readonly Dictionary<string, AssigneeGroup> _groups;
    private readonly Dictionary<string, Guid?> _units; // null: the key names more than one unit

    /// <summary>A resolver over the given units; their names are keyed once, here.</summary>
    /// <param name="units">Each unit's id with every name it goes by (name, short name, aliases).</param>
    public AssigneeResolver(IEnumerable<(Guid Id, IEnumerable<string> Names)> units)
    {
        _groups = GroupNames.ToDictionary(g => Key(g.Name), g => g.Group, StringComparer.Ordinal);
        _units = new Dictionary<string, Guid?>(StringComparer.Ordinal);
        foreach (var (id, names) in units)
            foreach (var key in names.Where(n => !string.IsNullOrWhiteSpace(n)).Select(Key).Distinct(StringComparer.Ordinal))
                _units[key] = _units.TryGetValue(key, out var other) && other != id ? null : id;
    }

    public IReadOnlyList<ResolvedName> ResolveCell(string? cell)
    {
        var result = new List<ResolvedName>();
        foreach (var piece in Pieces(cell))
        {
            if (Resolve(piece) is { } whole) { result.Add(whole); continue; }
            result.AddRange(ResolveCommaParts(piece));
        }
        return result;
    }

    private IEnumerable<ResolvedName> ResolveCommaParts(string piece)
    {
        var parts = piece.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var results = new List<ResolvedName>();
        for (var i = 0; i < parts.Length;)
        {
            ResolvedName? match = null;
            var j = parts.Length;
            for (; j > i; j--)
                if (Resolve(string.Join(", ", parts[i..j])) is { } found) { match = found; break; }
            if (match is null) return [new ResolvedName(piece, null, null)]; // do not guess at pieces of what is not understood
            results.Add(match);
            i = j;
        }
        return results;
    }

    private ResolvedName? Resolve(string text)
    {
        var key = Key(text);
        if (key.Length == 0) return null;
        if (_groups.TryGetValue(key, out var group)) return new ResolvedName(Clean(text), null, group);
        return _units.TryGetValue(key, out var id) && id is not null ? new ResolvedName(Clean(text), id, null) : null;
    }

    /// <summary>The names of a cell: split on ';' and on "- " bullets (at the start or after a period).</summary>
    public static IEnumerable<string> Pieces(string? cell) =>
        (Text.Clean(cell) ?? "").Split(';')
            .SelectMany(part => Bullet().Split(part))
            .Select(Clean)
            .Where(p => p.Length > 0);

    private static string Clean(string text) => (Text.Clean(text) ?? "").Trim().TrimStart('-', ' ').TrimEnd('.', ' ', ';', ',').Trim();

    private static string Key(string text)
    {
        var key = NameKey.Of(Clean(text));
        foreach (var (pattern, replacement) in Typos) key = pattern.Replace(key, replacement);
        return key;
    }

    [GeneratedRegex(@"(?:^|(?<=\.))\s*-\s+", RegexOptions.None, RegexTimeout.Milliseconds)]
    private static partial Regex Bullet();
}
