using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Application.Common.Validation;
using FluentValidation;
using MediatR;

namespace EmulationApi.Application.Commendation;

/// <summary>Publish the session's nominees (công khai): from then on the public list of nominees under consideration
/// shows them. Once per session; open or concluded.</summary>
/// <param name="Date">The day of publication (by default today); not later than today, not before the session.</param>
public sealed record PublishCouncilNomineesCommand(DateOnly? Date = null) : IRequest<CouncilSessionDto>
{
    [System.Text.Json.Serialization.JsonIgnore] public Guid Id { get; init; }
    [System.Text.Json.Serialization.JsonIgnore] public ExpectedVersion? ExpectedVersion { get; init; }
}

public sealed class PublishCouncilNomineesValidator : AbstractValidator<PublishCouncilNomineesCommand>
{
    public PublishCouncilNomineesValidator() => RuleFor(x => x.Date).InDateRange();
}

public sealed class PublishCouncilNomineesHandler(IAppDbContext db, TimeProvider clock) : IRequestHandler<PublishCouncilNomineesCommand, CouncilSessionDto>
{
    public async Task<CouncilSessionDto> Handle(PublishCouncilNomineesCommand request, CancellationToken cancellationToken)
    {
        var today = Tasks.TaskQueries.Today(clock);
        var day = request.Date ?? today;
        Domain.Common.Dates.EnsureNotInFuture(day, today, Domain.Common.Localized.Text("The publication", "Ngày công khai"));
        var session = await db.LoadForWriteAsync(request.Id, request.ExpectedVersion, cancellationToken);
        session.Publish(day);
        await db.SaveChangesAsync(cancellationToken);
        return await db.ReadAsync(session.Id, cancellationToken);
    }
}
