namespace EmulationApi.Domain.Movements;

/// <summary>Who launched a movement (phát động) and by which document (e.g. "Chỉ thị số 41-CT/TW").</summary>
public sealed record MovementLaunch(LauncherLevel Level, string? Document = null);
