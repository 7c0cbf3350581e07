namespace EmulationApi.Infrastructure.Seed;

/// <summary>
/// What command 1 loads into a new database: the units the 2026 plan names (the registry's starting point) and the
/// province's 2026 plan for emulation and commendation work. Both go through the same use cases as the API's bulk
/// loads, so loading them again changes nothing.
/// </summary>
public static class SeedData
{
    public const string UnitsCsv = "units-bac-ninh.csv";
    public const string Plan2026 = "ke-hoach-thi-dua-khen-thuong-2026.txt";

    public static Stream Open(string name) =>
        typeof(SeedData).Assembly.GetManifestResourceStream($"EmulationApi.Seed.{name}")
        ?? throw new InvalidOperationException($"The seed resource '{name}' is missing from the build.");

    public static string ReadText(string name)
    {
        using var reader = new StreamReader(Open(name));
        return reader.ReadToEnd();
    }
}
