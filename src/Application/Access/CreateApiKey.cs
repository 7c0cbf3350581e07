using EmulationApi.Application.Common.Persistence;
using EmulationApi.Application.Common.Validation;
using EmulationApi.Application.Units;
using EmulationApi.Domain.Access;
using EmulationApi.Domain.Common;
using FluentValidation;
using FluentValidation.Results;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Access;

/// <summary>Issue an API key for a machine client. The answer carries the key once; only its hash is kept.</summary>
/// <param name="Name">Who the key is for (shown in the audit trail), e.g. "Cổng dịch vụ công".</param>
/// <param name="UnitCode">For the Unit role: the unit the client acts for.</param>
/// <param name="ExpiresAt">Optional expiry; after it the key is refused.</param>
public sealed record CreateApiKeyCommand(string? Name, ClientRole? Role, string? UnitCode = null, DateTimeOffset? ExpiresAt = null) : IRequest<IssuedApiKeyDto>;

public sealed class CreateApiKeyValidator : AbstractValidator<CreateApiKeyCommand>
{
    public CreateApiKeyValidator()
    {
        RuleFor(x => x.Name).NotEmpty().MaximumLength(ApiKey.NameMaxLength);
        RuleFor(x => x.Role).NotNull().IsInEnum();
        RuleFor(x => x.UnitCode).NotEmpty().When(x => x.Role == ClientRole.Unit).WithMessage(_ => Localized.Text("A Unit key needs 'unitCode'.", "Khóa API có vai trò Unit phải nêu 'unitCode'."));
        RuleFor(x => x.UnitCode).Empty().When(x => x.Role is not null and not ClientRole.Unit).WithMessage(_ => Localized.Text("Only a Unit key is bound to a unit.", "Chỉ khóa API có vai trò Unit mới gắn với một đơn vị."));
        RuleFor(x => x.UnitCode).OptionalUnitCode();
        RuleFor(x => x.ExpiresAt).InDateRange();
    }
}

public sealed class CreateApiKeyHandler(IAppDbContext db, TimeProvider clock) : IRequestHandler<CreateApiKeyCommand, IssuedApiKeyDto>
{
    public async Task<IssuedApiKeyDto> Handle(CreateApiKeyCommand request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (request.ExpiresAt is { } expiry && expiry <= now)
            throw new ValidationException([new ValidationFailure("expiresAt", Localized.Text("The expiry must be in the future.", "Thời điểm hết hạn phải ở tương lai."))]);
        var unitCode = request.UnitCode is { } code ? (await db.Units.ResolveCodeAsync("unitCode", code, cancellationToken)).Code : null;
        var (key, secret) = ApiKey.Issue(request.Name!, request.Role!.Value, unitCode, request.ExpiresAt, now);
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(cancellationToken);
        var dto = await db.ApiKeys.AsNoTracking().Where(k => k.Id == key.Id).ToDto(now).FirstAsync(cancellationToken);
        return new IssuedApiKeyDto(dto, secret);
    }
}
