namespace EmulationApi.Application.Clusters;

/// <summary>A cluster or bloc as other resources name it: id, name and year, so a reader never needs a second call.</summary>
public sealed record ClusterRefDto(Guid Id, string Name, int Year);
