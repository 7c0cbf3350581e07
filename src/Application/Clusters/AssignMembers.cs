using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Application.Common.Validation;
using EmulationApi.Domain.Common;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Clusters;

/// <summary>
/// Add members by unit code, or change their roles, in bulk and all or nothing. Appointing a leader or deputy makes the
/// previous one a member. Every bad row is named in one 400: malformed rows, repeats and unknown codes alike.
/// </summary>
public sealed record AssignMembersCommand(IReadOnlyList<MemberInput>? Members) : IRequest<ClusterDto>, IBulkWrite
{
    [System.Text.Json.Serialization.JsonIgnore] public Guid ClusterId { get; init; }
    [System.Text.Json.Serialization.JsonIgnore] public ExpectedVersion? ExpectedVersion { get; init; }
}

public sealed class AssignMembersValidator : AbstractValidator<AssignMembersCommand>
{
    public AssignMembersValidator()
    {
        RuleFor(x => x.Members).NotEmpty().WithMessage(_ => Localized.Text("List at least one member.", "Hãy nêu ít nhất một thành viên."));
        this.AddMembersRules(x => x.Members);
    }
}

public sealed class AssignMembersHandler(IAppDbContext db, RequestFailures failures) : IRequestHandler<AssignMembersCommand, ClusterDto>
{
    public async Task<ClusterDto> Handle(AssignMembersCommand request, CancellationToken cancellationToken)
    {
        var cluster = await db.Clusters.FirstOrDefaultAsync(c => c.Id == request.ClusterId, cancellationToken) ?? throw new NotFoundException("Cluster", request.ClusterId);
        cluster.EnsureVersion(request.ExpectedVersion);
        var members = request.Members ?? [];
        var units = await db.CheckMembersAsync(cluster.Year, cluster.Scope, cluster.Id, members, failures, cancellationToken);
        failures.ThrowIfAny();
        cluster.AssignAll(members, units);
        cluster.MembersChanged();
        await db.SaveChangesAsync(cancellationToken);
        return await db.Clusters.AsNoTracking().Where(c => c.Id == cluster.Id).ToDto().FirstAsync(cancellationToken);
    }
}
