namespace EmulationApi.Domain.Plans;

/// <summary>A numbered part of the plan's body, e.g. "II. NỘI DUNG THỰC HIỆN" with its text.</summary>
public sealed record PlanSection(string Heading, string Body);
