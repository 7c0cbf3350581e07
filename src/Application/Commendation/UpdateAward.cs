using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Common.Persistence;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Commendation;

/// <summary>Rewrite a catalog entry (admins; If-Match).</summary>
public sealed record UpdateAwardCommand : AwardFields, IRequest<AwardDto>
{
    [System.Text.Json.Serialization.JsonIgnore] public string CurrentCode { get; init; } = "";
    [System.Text.Json.Serialization.JsonIgnore] public ExpectedVersion? ExpectedVersion { get; init; }
}

public sealed class UpdateAwardValidator : AbstractValidator<UpdateAwardCommand>
{
    public UpdateAwardValidator() => Include(new AwardFieldsValidator());
}

public sealed class UpdateAwardHandler(IAppDbContext db) : IRequestHandler<UpdateAwardCommand, AwardDto>
{
    public async Task<AwardDto> Handle(UpdateAwardCommand request, CancellationToken cancellationToken)
    {
        var code = AwardQueries.CodeKey(request.CurrentCode);
        var award = await db.Awards.FirstOrDefaultAsync(a => a.Code == code, cancellationToken) ?? throw new NotFoundException("Award", code);
        award.EnsureVersion(request.ExpectedVersion);
        await request.WriteToAsync(award, db, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return await db.Awards.AsNoTracking().Where(a => a.Id == award.Id).ToDtos().SingleAsync(cancellationToken);
    }
}
