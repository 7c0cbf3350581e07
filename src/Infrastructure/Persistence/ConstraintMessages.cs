namespace EmulationApi.Infrastructure.Persistence;

/// <summary>What a violated database constraint means, in words a client can act on (the answer is a 409).</summary>
public static class ConstraintMessages
{
    private static readonly Dictionary<string, string> Messages = new(StringComparer.Ordinal)
    {
        ["ux_units_code_lower"] = "A unit with this code already exists.",
        ["ix_plans_year_title"] = "A plan with this year and title already exists.",
        ["ix_tasks_plan_id_group_sequence"] = "The plan already has a task with this group and number.",
        ["ix_movements_name_key"] = "A movement with this name is already registered.",
        ["ix_clusters_year_scope_name"] = "A cluster with this name, scope and year already exists.",
        ["ix_covenants_cluster_id"] = "The cluster already has a covenant.",
        ["ex_cluster_members_one_leader"] = "The cluster already has a leader: a concurrent request appointed one. Read the cluster again and retry.",
        ["ex_cluster_members_one_deputy"] = "The cluster already has a deputy: a concurrent request appointed one. Read the cluster again and retry.",
        ["ex_cluster_members_one_provincial_cluster"] = "A unit belongs to at most one provincial cluster or bloc a year; a concurrent request placed it in another.",
    };

    public static string? For(string? constraint) => constraint is not null && Messages.TryGetValue(constraint, out var message) ? message : null;
}
