using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Application.Common.Validation;
using EmulationApi.Application.Units;
using EmulationApi.Domain.Commendation;
using EmulationApi.Domain.Common;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Commendation;

/// <summary>Enter an award received before the system (editors): the register's history.</summary>
/// <param name="UnitCode">The collective recipient, or the person's unit.</param>
/// <param name="PersonName">The person, for an individual award (full name); leave out for a collective one. No national ID numbers.</param>
public sealed record CreateAwardRecordCommand(
    string? AwardCode,
    int? Year,
    string? UnitCode,
    string? PersonName,
    int? PersonBirthYear,
    string? DecisionNumber,
    DateOnly? DecisionDate,
    string? DecisionSigner,
    string? Note) : IRequest<AwardRecordDto>;

public sealed class CreateAwardRecordValidator : AbstractValidator<CreateAwardRecordCommand>
{
    public CreateAwardRecordValidator()
    {
        RuleFor(x => x.AwardCode).NotEmpty().MaximumLength(Award.CodeMaxLength);
        RuleFor(x => x.Year).NotNull().InclusiveBetween(Years.First, Years.Last);
        RuleFor(x => x.UnitCode).UnitCode();
        RuleFor(x => x.PersonName).MaximumLength(AwardRecord.PersonNameMaxLength);
        RuleFor(x => x.PersonBirthYear).InclusiveBetween(1900, Years.Last);
        RuleFor(x => x.DecisionNumber).NotEmpty().MaximumLength(AwardRecord.DecisionNumberMaxLength);
        RuleFor(x => x.DecisionDate).NotNull().InDateRange();
        RuleFor(x => x.DecisionSigner).MaximumLength(AwardRecord.SignerMaxLength);
        RuleFor(x => x.Note).MaximumLength(AwardRecord.NoteMaxLength);
    }
}

public sealed class CreateAwardRecordHandler(IAppDbContext db) : IRequestHandler<CreateAwardRecordCommand, AwardRecordDto>
{
    public async Task<AwardRecordDto> Handle(CreateAwardRecordCommand request, CancellationToken cancellationToken)
    {
        var code = AwardQueries.CodeKey(request.AwardCode!);
        var award = await db.Awards.AsNoTracking().FirstOrDefaultAsync(a => a.Code == code, cancellationToken)
                    ?? throw new ValidationException([new FluentValidation.Results.ValidationFailure("awardCode",
                        Localized.Text($"No catalog entry has the code '{code}'.", $"Không có danh hiệu, hình thức nào mang mã '{code}'."))]);
        var unit = await db.Units.ResolveCodeAsync("unitCode", request.UnitCode!, cancellationToken);
        var record = AwardRecord.Create(award, request.Year!.Value, unit.Id, request.PersonName, request.PersonBirthYear,
            new AwardDecision(request.DecisionNumber!, request.DecisionDate!.Value, request.DecisionSigner), AwardRecordSource.History, request.Note);
        db.AwardRecords.Add(record);
        await db.SaveChangesAsync(cancellationToken);
        return await db.AwardRecords.AsNoTracking().Where(r => r.Id == record.Id).ToDtos(db).SingleAsync(cancellationToken);
    }
}
