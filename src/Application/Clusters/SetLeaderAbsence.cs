using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Domain.Clusters;
using EmulationApi.Domain.Common;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Clusters;

/// <summary>
/// An editor marks the cluster's leader absent, so that the deputy may do the leader's work on the cluster meanwhile,
/// or marks it back (<c>absent: false</c>). Appointing another leader ends the absence by itself.
/// </summary>
/// <param name="Absent">True: the leader is absent and the deputy acts for it; false: the leader acts again.</param>
/// <param name="Note">Why or until when, with <c>absent: true</c> only.</param>
public sealed record SetLeaderAbsenceCommand(bool? Absent, string? Note = null) : IRequest<ClusterDto>
{
    [System.Text.Json.Serialization.JsonIgnore] public Guid ClusterId { get; init; }
    [System.Text.Json.Serialization.JsonIgnore] public ExpectedVersion? ExpectedVersion { get; init; }
}

public sealed class SetLeaderAbsenceValidator : AbstractValidator<SetLeaderAbsenceCommand>
{
    public SetLeaderAbsenceValidator()
    {
        RuleFor(x => x.Absent).NotNull();
        RuleFor(x => x.Note).MaximumLength(Cluster.AbsenceNoteMaxLength);
        RuleFor(x => x.Note).Empty().When(x => x.Absent == false)
            .WithMessage(_ => Localized.Text("A note goes with 'absent': true only.", "Chỉ ghi chú khi 'absent' là true."));
    }
}

public sealed class SetLeaderAbsenceHandler(IAppDbContext db) : IRequestHandler<SetLeaderAbsenceCommand, ClusterDto>
{
    public async Task<ClusterDto> Handle(SetLeaderAbsenceCommand request, CancellationToken cancellationToken)
    {
        var cluster = await db.Clusters.FirstOrDefaultAsync(c => c.Id == request.ClusterId, cancellationToken) ?? throw new NotFoundException("Cluster", request.ClusterId);
        cluster.EnsureVersion(request.ExpectedVersion);
        if (request.Absent!.Value) cluster.MarkLeaderAbsent(request.Note);
        else cluster.MarkLeaderPresent();
        await db.SaveChangesAsync(cancellationToken);
        return await db.Clusters.AsNoTracking().Where(c => c.Id == cluster.Id).ToDto().FirstAsync(cancellationToken);
    }
}
