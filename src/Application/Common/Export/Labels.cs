using EmulationApi.Application.Commendation;
using EmulationApi.Domain.Commendation;
using EmulationApi.Domain.Obligations;
using EmulationApi.Domain.Plans;
using EmulationApi.Domain.Units;

namespace EmulationApi.Application.Common.Export;

/// <summary>
/// The Vietnamese a spreadsheet shows for an enum value (<c>NotStarted</c> → "Chưa thực hiện"): the one place that holds
/// them. <see cref="Table"/> writes every enum cell of an exported file through it; JSON keeps the names. The terms are
/// DOMAIN.md's (progress, timeliness, chủ trì / phối hợp, loại hình khen thưởng) and the plans' own (Quý I, Các xã,
/// phường: <see cref="PeriodGroups.Label"/>, <see cref="AssigneeGroups.Label"/>); the rest is plain administrative wording
/// (README → Export).
/// </summary>
public static class Labels
{
    private static readonly Dictionary<Enum, string> Vietnamese = new()
    {
        [ProgressStatus.NotStarted] = "Chưa thực hiện",
        [ProgressStatus.InProgress] = "Đang thực hiện",
        [ProgressStatus.Done] = "Hoàn thành",
        [ProgressStatus.NotCarriedOut] = "Không thực hiện",

        [TaskProgress.NotStarted] = "Chưa thực hiện",
        [TaskProgress.InProgress] = "Đang thực hiện",
        [TaskProgress.Done] = "Hoàn thành",
        [TaskProgress.NotCarriedOut] = "Không thực hiện",
        [TaskProgress.Unassigned] = "Chưa có đơn vị chủ trì",
        [TaskProgress.Cancelled] = "Đã hủy",

        [Timeliness.WithinDeadline] = "Trong hạn",
        [Timeliness.DueSoon] = "Sắp đến hạn",
        [Timeliness.Overdue] = "Quá hạn",
        [Timeliness.DoneOnTime] = "Hoàn thành đúng hạn",
        [Timeliness.DoneLate] = "Hoàn thành quá hạn",
        [Timeliness.NoDeadline] = "Không thời hạn",

        [AssigneeRole.Lead] = "Chủ trì",
        [AssigneeRole.Coordinator] = "Phối hợp",

        [ObligationState.Active] = "Đang được giao",
        [ObligationState.Withdrawn] = "Không còn được giao",

        [CompletionReview.None] = "Chưa báo cáo hoàn thành",
        [CompletionReview.Pending] = "Chờ xác nhận",
        [CompletionReview.Confirmed] = "Đã xác nhận",
        [CompletionReview.Rejected] = "Không xác nhận",

        [UnitKind.Department] = "Sở, ban, ngành",
        [UnitKind.Commune] = "Xã",
        [UnitKind.Ward] = "Phường",
        [UnitKind.MassOrganization] = "Mặt trận, đoàn thể",
        [UnitKind.PartyBody] = "Cơ quan Đảng",
        [UnitKind.Enterprise] = "Doanh nghiệp",
        [UnitKind.CentralAgency] = "Cơ quan Trung ương đóng trên địa bàn",
        [UnitKind.Press] = "Báo chí",
        [UnitKind.Council] = "Hội đồng",
        [UnitKind.Other] = "Khác",

        [GrantingLevel.State] = "Nhà nước",
        [GrantingLevel.Government] = "Chính phủ",
        [GrantingLevel.Province] = "Tỉnh",
        [GrantingLevel.Unit] = "Sở, ban, ngành, đơn vị",

        [CommendationType.Regular] = "Thường xuyên",
        [CommendationType.Movement] = "Theo phong trào thi đua, chuyên đề",
        [CommendationType.AdHoc] = "Đột xuất",
        [CommendationType.Dedication] = "Cống hiến",
        [CommendationType.Seniority] = "Niên hạn",
        [CommendationType.ForeignRelations] = "Đối ngoại",

        [NomineeCategory.DirectWorker] = "Công nhân, người lao động trực tiếp",
        [NomineeCategory.Farmer] = "Nông dân",
        [NomineeCategory.LeaderManager] = "Lãnh đạo, quản lý",
        [NomineeCategory.Other] = "Khác",

        [PeriodGroup.Q1] = PeriodGroup.Q1.Label(),
        [PeriodGroup.Q2] = PeriodGroup.Q2.Label(),
        [PeriodGroup.Q3] = PeriodGroup.Q3.Label(),
        [PeriodGroup.Q4] = PeriodGroup.Q4.Label(),
        [PeriodGroup.Recurring] = PeriodGroup.Recurring.Label(),

        [AssigneeGroup.AllClustersAndBlocs] = AssigneeGroup.AllClustersAndBlocs.Label(),
        [AssigneeGroup.ClusterAndBlocLeaders] = AssigneeGroup.ClusterAndBlocLeaders.Label(),
        [AssigneeGroup.AllCommunesAndWards] = AssigneeGroup.AllCommunesAndWards.Label(),
        [AssigneeGroup.AllLocalitiesAndUnits] = AssigneeGroup.AllLocalitiesAndUnits.Label(),
        [AssigneeGroup.RelatedUnits] = AssigneeGroup.RelatedUnits.Label(),
    };

    /// <summary>The enums the files label; every value of each has a label (a test holds it so).</summary>
    public static IReadOnlyCollection<Type> Enums { get; } = [.. Vietnamese.Keys.Select(k => k.GetType()).Distinct()];

    /// <summary>The value's Vietnamese label, or its name for a value nobody labelled.</summary>
    public static string Of(Enum value) => Vietnamese.TryGetValue(value, out var label) ? label : value.ToString();

    /// <summary>The key of a file's last row, the total (as the commendation reports' JSON names it).</summary>
    public const string TotalKey = "Total";

    /// <summary>The label of a file's total row.</summary>
    public const string TotalLabel = "Tổng cộng";

    /// <summary>The label of the group of rows that have no value for a report's grouping (<c>None</c>).</summary>
    public const string NoneLabel = "Không có";

    /// <summary>The label of a commendation report's key: of the total or the none row, or of the value of
    /// <paramref name="values"/> (an enum type) it names (<c>Province</c> → "Tỉnh"); null for any other key.</summary>
    public static string? OfKey(string key, Type? values) => key switch
    {
        TotalKey => TotalLabel,
        ReportKeys.None => NoneLabel,
        _ when values is not null && Enum.GetNames(values).Contains(key, StringComparer.Ordinal) => Of((Enum)Enum.Parse(values, key)),
        _ => null,
    };

    /// <summary>Whether the value has a label of its own.</summary>
    public static bool Has(Enum value) => Vietnamese.ContainsKey(value);
}
