using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Application.Common.Security;
using EmulationApi.Application.Tasks;
using MediatR;

namespace EmulationApi.Application.Obligations;

/// <summary>An editor accepts the completion a unit reported (review Pending → Confirmed); a second confirmation, or one
/// of work not reported done, is refused (409).</summary>
public sealed record ConfirmCompletionCommand(Guid Id, ExpectedVersion? ExpectedVersion) : IRequest<ObligationDto>;

public sealed class ConfirmCompletionHandler(IAppDbContext db, TimeProvider clock, ICurrentClient client)
    : IRequestHandler<ConfirmCompletionCommand, ObligationDto>
{
    public Task<ObligationDto> Handle(ConfirmCompletionCommand request, CancellationToken cancellationToken) =>
        db.ChangeObligationAsync(request.Id, request.ExpectedVersion, o => o.ConfirmCompletion(client.Name),
            TaskQueries.Today(clock), cancellationToken);
}
