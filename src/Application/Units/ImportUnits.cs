using EmulationApi.Application.Common.Errors;
using EmulationApi.Domain.Common;
using EmulationApi.Domain.Units;
using FluentValidation;
using MediatR;

namespace EmulationApi.Application.Units;

/// <summary>One row of a bulk load as read from JSON or CSV, before any checking. <see cref="Row"/> is 1-based.</summary>
public sealed record UnitImportRow(
    [property: System.Text.Json.Serialization.JsonIgnore] int Row,
    string? Code,
    string? Name,
    string? Kind,
    string? ShortName = null,
    string? ParentCode = null,
    string? DocumentExchangeId = null,
    IReadOnlyList<string>? Aliases = null);

/// <summary>Upsert units by code from a stream of rows, all or nothing.</summary>
public sealed record ImportUnitsCommand(IAsyncEnumerable<UnitImportRow> Rows, bool DryRun) : IRequest<UnitImportResult>;

/// <summary>What a bulk load did (or, with <c>dryRun</c>, would do).</summary>
public sealed record UnitImportResult(int Received, int Created, int Updated, int Unchanged, bool DryRun);

/// <summary>
/// A row with a usable code, cleaned (NFC, folded white space) and ready for staging. Rows that failed other field checks
/// are staged too (with <see cref="Name"/> or <see cref="Kind"/> possibly missing), so that the set checks do not report
/// their children as orphans; such a load is refused before any merge.
/// </summary>
public sealed record StagedUnit(int Row, string Code, string? Name, UnitKind? Kind, string? ShortName, string? ParentCode,
    string? DocumentExchangeId, string[] Aliases);

/// <summary>Set-based staging and merge of a bulk load; one instance is one database transaction.</summary>
public interface IUnitImportBatch : IAsyncDisposable
{
    Task StageAsync(StagedUnit unit, CancellationToken ct);

    /// <summary>Problems only the whole set shows: duplicate codes, unknown parents, cycles.</summary>
    Task<IReadOnlyList<RowError>> FindSetErrorsAsync(int limit, CancellationToken ct);

    /// <summary>Classifies every staged row and, when <paramref name="write"/>, merges them into the units and commits.</summary>
    Task<(int Created, int Updated, int Unchanged)> MergeAsync(bool write, CancellationToken ct);
}

public interface IUnitImportStore
{
    Task<IUnitImportBatch> BeginAsync(CancellationToken ct);
}

public sealed class UnitImportRowValidator : AbstractValidator<UnitImportRow>
{
    public UnitImportRowValidator()
    {
        RuleFor(x => x.Code).UnitCode();
        RuleFor(x => x.Name).UnitName();
        RuleFor(x => x.Kind).NotEmpty()
            .Must(k => TryParseKind(k, out _))
            .WithMessage(x => $"'{x.Kind}' is not a unit kind; use one of: {string.Join(", ", Enum.GetNames<UnitKind>())}.");
        RuleFor(x => x.ShortName).UnitShortName();
        RuleFor(x => x.ParentCode).OptionalUnitCode();
        RuleFor(x => x.DocumentExchangeId).DocumentExchangeId();
        RuleFor(x => x.Aliases).UnitAliases();
        RuleFor(x => x).Custom((row, context) =>
        {
            foreach (var failure in Common.Validation.UnstorableText.Find(row)) context.AddFailure(failure);
        });
    }

    public static bool TryParseKind(string? value, out UnitKind kind) =>
        Enum.TryParse(value?.Trim(), ignoreCase: true, out kind) && Enum.IsDefined(kind) && !int.TryParse(value, out _);
}

public sealed class ImportUnitsHandler(IUnitImportStore store) : IRequestHandler<ImportUnitsCommand, UnitImportResult>
{
    private static readonly UnitImportRowValidator Validator = new();

    public async Task<UnitImportResult> Handle(ImportUnitsCommand request, CancellationToken cancellationToken)
    {
        await using var batch = await store.BeginAsync(cancellationToken);
        var errors = new List<RowError>();
        var totalErrors = 0;
        var received = 0;

        await foreach (var row in request.Rows.WithCancellation(cancellationToken))
        {
            received++;
            var result = Validator.Validate(row);
            foreach (var failure in result.Errors)
            {
                totalErrors++;
                if (errors.Count < ImportRejectedException.MaxReported)
                    errors.Add(new RowError(row.Row, JsonName(failure.PropertyName), failure.ErrorMessage));
            }
            var code = row.Code?.Trim();
            if (!Unit.IsValidCode(code)) continue;
            UnitKind? kind = UnitImportRowValidator.TryParseKind(row.Kind, out var parsed) ? parsed : null;
            string[] aliases = result.IsValid ? [.. Unit.CleanAliases(row.Aliases)] : [];
            await batch.StageAsync(new StagedUnit(row.Row, code!, Text.Clean(row.Name), kind, Text.Clean(row.ShortName),
                Text.Clean(row.ParentCode), Text.Clean(row.DocumentExchangeId), aliases), cancellationToken);
        }

        if (received == 0)
            throw new ValidationException([new FluentValidation.Results.ValidationFailure("rows", "The import holds no rows.")]);

        var setErrors = await batch.FindSetErrorsAsync(ImportRejectedException.MaxReported, cancellationToken);
        totalErrors += setErrors.Count;
        errors.AddRange(setErrors);
        if (totalErrors > 0)
            throw new ImportRejectedException(
                [.. errors.OrderBy(e => e.Row).ThenBy(e => e.Field, StringComparer.Ordinal).Take(ImportRejectedException.MaxReported)], totalErrors);

        var (created, updated, unchanged) = await batch.MergeAsync(write: !request.DryRun, cancellationToken);
        return new UnitImportResult(received, created, updated, unchanged, request.DryRun);
    }

    private static string JsonName(string property) =>
        string.IsNullOrEmpty(property) ? property : char.ToLowerInvariant(property[0]) + property[1..];
}
