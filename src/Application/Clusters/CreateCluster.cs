using EmulationApi.Application.Common.Persistence;
using EmulationApi.Application.Common.Validation;
using EmulationApi.Domain.Clusters;
using EmulationApi.Domain.Common;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Clusters;

/// <summary>Organise a cluster or bloc for a year, optionally with its members; every bad field and member row is named in one 400.</summary>
public sealed record CreateClusterCommand(
    int Year,
    ClusterKind? Kind,
    ClusterScope? Scope,
    string? Name,
    string? Sector = null,
    string? DecisionNumber = null,
    DateOnly? DecisionDate = null,
    IReadOnlyList<MemberInput>? Members = null) : IRequest<ClusterDto>, IBulkWrite;

public sealed class CreateClusterValidator : AbstractValidator<CreateClusterCommand>
{
    public CreateClusterValidator()
    {
        RuleFor(x => x.Year).InclusiveBetween(Years.First, Years.Last);
        RuleFor(x => x.Kind).NotNull().IsInEnum();
        RuleFor(x => x.Scope).NotNull().IsInEnum();
        RuleFor(x => x.Name).NotEmpty().MaximumLength(Cluster.NameMaxLength);
        RuleFor(x => x.Sector).NotEmpty().When(x => x.Scope == ClusterScope.Sector).WithMessage(_ => Localized.Text("A sector cluster names its 'sector'.", "Cụm, khối thi đua theo ngành phải nêu 'sector'."));
        RuleFor(x => x.Sector).MaximumLength(Cluster.NameMaxLength);
        RuleFor(x => x.DecisionNumber).MaximumLength(Cluster.ReferenceMaxLength);
        RuleFor(x => x.DecisionDate).InDateRange();
        this.AddMembersRules(x => x.Members);
    }
}

public sealed class CreateClusterHandler(IAppDbContext db, RequestFailures failures) : IRequestHandler<CreateClusterCommand, ClusterDto>
{
    public async Task<ClusterDto> Handle(CreateClusterCommand request, CancellationToken cancellationToken)
    {
        var members = request.Members ?? [];
        var units = await db.CheckMembersAsync(request.Year, request.Scope, clusterId: null, members, failures, cancellationToken);
        failures.ThrowIfAny();

        var name = Text.Clean(request.Name)!;
        if (await db.Clusters.AnyAsync(c => c.Year == request.Year && c.Scope == request.Scope && c.Name == name, cancellationToken))
            throw new DomainException(Localized.Text($"A {request.Scope} cluster named '{name}' already exists for {request.Year}.", $"Đã có cụm, khối thi đua phạm vi {request.Scope} mang tên '{name}' trong năm {request.Year}."));
        var cluster = Cluster.Create(request.Year, request.Kind!.Value, request.Scope!.Value, name, request.Sector, request.DecisionNumber, request.DecisionDate);
        cluster.AssignAll(members, units);
        db.Clusters.Add(cluster);
        await db.SaveChangesAsync(cancellationToken);
        return await db.Clusters.AsNoTracking().Where(c => c.Id == cluster.Id).ToDto().FirstAsync(cancellationToken);
    }
}
