using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Application.Common.Security;
using EmulationApi.Application.Units;
using EmulationApi.Domain.Clusters;
using EmulationApi.Domain.Common;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Clusters;

/// <summary>
/// A write the leader of a cluster (cụm/khối trưởng) may do on its own cluster besides the editors: drafting the
/// covenant's criteria, signing it, scoring the members. <see cref="ClusterLeadershipBehavior{TRequest,TResponse}"/>
/// decides for unit clients.
/// </summary>
public interface ILeaderAction
{
    Guid ClusterId { get; }

    /// <summary>The units the request writes for, each with the field naming it; a unit client may not write its own unit's.</summary>
    IEnumerable<UnitCodeAt> UnitsWrittenFor() => [];
}

/// <summary>
/// The one check of a unit client on a cluster's leader actions (<see cref="ILeaderAction"/>), before the request is
/// validated or handled: its unit must be the cluster's leader, or its deputy while an editor has marked the leader
/// absent (<see cref="Cluster.MayActAsLeader"/>), and it may not write its own unit's rows (its scores stay with the
/// editors). Otherwise 403 (<see cref="ForbiddenException"/>), and nothing is written. Editors and admins pass unchecked.
/// </summary>
public sealed class ClusterLeadershipBehavior<TRequest, TResponse>(IAppDbContext db, ICurrentClient client) : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (request is ILeaderAction action && client.UnitCode is { } code)
            await EnsureMayLeadAsync(action, code, cancellationToken);
        return await next();
    }

    private async Task EnsureMayLeadAsync(ILeaderAction action, string code, CancellationToken ct)
    {
        // Tracked: the handler's own load of the cluster then gets this same instance.
        var cluster = await db.Clusters.FirstOrDefaultAsync(c => c.Id == action.ClusterId, ct) ?? throw new NotFoundException("Cluster", action.ClusterId);
        var unit = await db.Units.AsNoTracking().WithCode(code).Select(u => new { u.Id, u.Code }).FirstOrDefaultAsync(ct);
        var role = unit is null ? null : cluster.RoleOf(unit.Id);
        if (unit is null || !cluster.MayActAsLeader(role))
            throw new ForbiddenException(NotLeader(cluster, unit?.Code ?? code.Trim(), role));

        var own = action.UnitsWrittenFor().Where(u => string.Equals(UnitCodeLookup.Key(u.Code), UnitCodeLookup.Key(unit.Code), StringComparison.Ordinal))
            .Select(u => u.Field).ToList();
        if (own.Count > 0)
            throw new ForbiddenException(Localized.Text(
                $"{string.Join(", ", own)}: {unit.Code} is this client's own unit; a cluster's leader does not score itself, an editor records its scores. Nothing was written.",
                $"{string.Join(", ", own)}: {unit.Code} là đơn vị của chính ứng dụng này; Cụm trưởng, Khối trưởng không tự chấm điểm đơn vị mình, điểm của đơn vị do cán bộ nghiệp vụ ghi nhận. Không có dữ liệu nào được ghi."));
    }

    private static string NotLeader(Cluster cluster, string code, MemberRole? role)
    {
        var (name, year) = (cluster.Name, cluster.Year);
        var rule = Localized.Text(
            "Only the cluster's leader, or its deputy while an editor has marked the leader absent, may do this besides the editors.",
            "Chỉ Cụm trưởng, Khối trưởng của cụm, khối này (hoặc Cụm phó, Khối phó khi Cụm trưởng, Khối trưởng được đánh dấu vắng mặt) và cán bộ nghiệp vụ mới được thực hiện thao tác này.");
        return role switch
        {
            MemberRole.Deputy => Localized.Text(
                $"{code} is the deputy of '{name}' ({year}); it acts for the leader only while an editor has marked the leader absent, and the leader is not marked absent.",
                $"{code} là Cụm phó, Khối phó của '{name}' ({year}); đơn vị chỉ thay Cụm trưởng, Khối trưởng khi cán bộ nghiệp vụ đã đánh dấu Cụm trưởng, Khối trưởng vắng mặt, mà hiện chưa được đánh dấu."),
            MemberRole.Member => Localized.Text($"{code} is a member of '{name}' ({year}), not its leader.", $"{code} là thành viên của '{name}' ({year}), không phải Cụm trưởng, Khối trưởng.") + " " + rule,
            _ => Localized.Text($"{code} is not a member of '{name}' ({year}).", $"{code} không phải là thành viên của '{name}' ({year}).") + " " + rule,
        };
    }
}
