using EmulationApi.Application.Common.Persistence;
using EmulationApi.Domain.Commendation;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Commendation;

/// <summary>Add an entry to the catalog (admins).</summary>
public sealed record CreateAwardCommand : AwardFields, IRequest<AwardDto>;

public sealed class CreateAwardValidator : AbstractValidator<CreateAwardCommand>
{
    public CreateAwardValidator() => Include(new AwardFieldsValidator());
}

public sealed class CreateAwardHandler(IAppDbContext db) : IRequestHandler<CreateAwardCommand, AwardDto>
{
    public async Task<AwardDto> Handle(CreateAwardCommand request, CancellationToken cancellationToken)
    {
        var award = Award.Create(request.Code!, request.Name!, request.Category!.Value, request.Recipient!.Value, request.Level!.Value);
        await request.WriteToAsync(award, db, cancellationToken);
        db.Awards.Add(award);
        await db.SaveChangesAsync(cancellationToken);
        return await db.Awards.AsNoTracking().Where(a => a.Id == award.Id).ToDtos().SingleAsync(cancellationToken);
    }
}
