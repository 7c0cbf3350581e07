namespace EmulationApi.Domain.Plans;

/// <summary>Whether an assignee leads a task (chủ trì) or coordinates (phối hợp).</summary>
public enum AssigneeRole
{
    Lead,
    Coordinator,
}

/// <summary>An assignee that is a group or role rather than one unit.</summary>
public enum AssigneeGroup
{
    /// <summary>Các Cụm, Khối thi đua.</summary>
    AllClustersAndBlocs,
    /// <summary>Cụm trưởng, Khối trưởng.</summary>
    ClusterAndBlocLeaders,
    /// <summary>Các xã, phường.</summary>
    AllCommunesAndWards,
    /// <summary>Các địa phương, cơ quan, đơn vị.</summary>
    AllLocalitiesAndUnits,
    /// <summary>Các cơ quan, đơn vị có liên quan.</summary>
    RelatedUnits,
}

public static class AssigneeGroups
{
    /// <summary>The Vietnamese name of a group, as plans write it.</summary>
    public static string Label(this AssigneeGroup group) => group switch
    {
        AssigneeGroup.AllClustersAndBlocs => "Các Cụm, Khối thi đua",
        AssigneeGroup.ClusterAndBlocLeaders => "Cụm trưởng, Khối trưởng",
        AssigneeGroup.AllCommunesAndWards => "Các xã, phường",
        AssigneeGroup.AllLocalitiesAndUnits => "Các địa phương, cơ quan, đơn vị",
        AssigneeGroup.RelatedUnits => "Các cơ quan, đơn vị có liên quan",
        _ => group.ToString(),
    };
}

/// <summary>
/// One assignee of a task: a unit of the registry or a group, in the order the plan names them, with the text the
/// plan used. An assignee whose name could not be resolved keeps only that text (neither unit nor group).
/// </summary>
public sealed class TaskAssignee
{
    public const int SourceTextMaxLength = 500;

    private TaskAssignee() { }

    public AssigneeRole Role { get; private set; }
    public int Position { get; private set; }
    public Guid? UnitId { get; private set; }
    public Units.Unit? Unit { get; private set; }
    public AssigneeGroup? Group { get; private set; }
    /// <summary>The name as the plan wrote it.</summary>
    public string? SourceText { get; private set; }

    public static TaskAssignee ForUnit(AssigneeRole role, int position, Guid unitId, string? sourceText = null) =>
        new() { Role = role, Position = position, UnitId = unitId, SourceText = Common.Text.Clean(sourceText) };

    public static TaskAssignee ForGroup(AssigneeRole role, int position, AssigneeGroup group, string? sourceText = null) =>
        new() { Role = role, Position = position, Group = group, SourceText = Common.Text.Clean(sourceText) };

    public static TaskAssignee Unresolved(AssigneeRole role, int position, string sourceText) =>
        new() { Role = role, Position = position, SourceText = Common.Text.Required(sourceText, Common.Localized.Text("An unresolved assignee's text", "Tên đơn vị chưa xác định được")) };

    /// <summary>Same assignee, ignoring the source text's spelling.</summary>
    public bool SameAs(TaskAssignee other) =>
        Role == other.Role && Position == other.Position && UnitId == other.UnitId && Group == other.Group
        && (UnitId is not null || Group is not null || SourceText == other.SourceText);
}
