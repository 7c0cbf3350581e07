using EmulationApi.Domain.Common;

namespace EmulationApi.Infrastructure.Persistence;

/// <summary>What a violated database constraint means, in words a client can act on (the answer is a 409), in the request's language.</summary>
public static class ConstraintMessages
{
    private static readonly Dictionary<string, (string English, string Vietnamese)> Messages = new(StringComparer.Ordinal)
    {
        ["ux_units_code_lower"] = ("A unit with this code already exists.", "Đã có đơn vị mang mã này."),
        ["ix_plans_year_title"] = ("A plan with this year and title already exists.", "Đã có kế hoạch cùng năm và cùng tiêu đề."),
        ["ix_tasks_plan_id_group_sequence"] = ("The plan already has a task with this group and number.", "Kế hoạch đã có nhiệm vụ cùng nhóm và cùng số thứ tự."),
        ["ix_movements_name_key"] = ("A movement with this name is already registered.", "Đã có phong trào thi đua mang tên này."),
        ["ix_clusters_year_scope_name"] = ("A cluster with this name, scope and year already exists.", "Đã có cụm, khối thi đua cùng tên, cùng phạm vi và cùng năm."),
        ["ix_dossiers_cluster_id"] = ("A dossier from this cluster's ranking already exists: a cluster's ranking becomes one dossier.",
            "Đã có hồ sơ đề nghị từ kết quả xếp hạng của cụm, khối thi đua này: mỗi kết quả xếp hạng chỉ lập một hồ sơ."),
        ["ix_covenants_cluster_id"] = ("The cluster already has a covenant.", "Cụm, khối thi đua đã có giao ước thi đua."),
        ["ex_cluster_members_one_leader"] = ("The cluster already has a leader: a concurrent request appointed one. Read the cluster again and retry.",
            "Cụm, khối thi đua đã có đơn vị trưởng do một yêu cầu đồng thời chỉ định. Hãy đọc lại cụm, khối rồi thử lại."),
        ["ex_cluster_members_one_deputy"] = ("The cluster already has a deputy: a concurrent request appointed one. Read the cluster again and retry.",
            "Cụm, khối thi đua đã có đơn vị phó do một yêu cầu đồng thời chỉ định. Hãy đọc lại cụm, khối rồi thử lại."),
        ["ex_cluster_members_one_provincial_cluster"] = ("A unit belongs to at most one provincial cluster or bloc a year; a concurrent request placed it in another.",
            "Mỗi năm một đơn vị chỉ thuộc tối đa một cụm hoặc khối thi đua cấp tỉnh; một yêu cầu đồng thời đã xếp đơn vị vào cụm, khối khác."),
    };

    public static string? For(string? constraint) =>
        constraint is not null && Messages.TryGetValue(constraint, out var message) ? Localized.Text(message.English, message.Vietnamese) : null;
}
