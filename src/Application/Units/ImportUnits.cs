using System.Globalization;
using EmulationApi.Application.Common.Auditing;
using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Application.Common.Telemetry;
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

/// <summary>
/// Upsert units by code, all or nothing, from a body as it arrived: a JSON array (<c>application/json</c>) or CSV
/// (<c>text/csv</c>). The body is read as a stream, row by row; it is never held in memory.
/// </summary>
public sealed record ImportUnitsCommand(Stream Body, string? MediaType, bool DryRun) : IRequest<UnitImportResult>;

/// <summary>
/// What a bulk load did (or, with <c>dryRun</c>, would do). <c>obligationsPending</c>: how many units (of this
/// import or an earlier one) still wait for their obligations when the answer is sent; 0 once every one is derived.
/// </summary>
public sealed record UnitImportResult(int Received, int Created, int Updated, int Unchanged, bool DryRun, int ObligationsPending);

/// <summary>Reads the rows of a bulk load out of a body: the one port between the use case and the CSV and JSON readers.</summary>
public interface IUnitRowReader
{
    /// <summary>
    /// The rows, numbered from 1, streamed as they are read. A body that cannot be read as units (bad CSV or JSON, an
    /// unknown column or property, invalid UTF-8) throws <see cref="ImportRejectedException"/> while streaming; a media
    /// type it cannot read throws <see cref="UnsupportedMediaTypeException"/> at once.
    /// </summary>
    IAsyncEnumerable<UnitImportRow> Read(Stream body, string? mediaType, CancellationToken ct);
}

/// <summary>
/// A row with a usable code, cleaned (NFC, folded white space) and ready for staging. Rows that failed other field checks
/// are staged too (with <see cref="Name"/> or <see cref="Kind"/> possibly missing), so that the set checks do not report
/// their children as orphans; such a load is refused before any merge.
/// </summary>
public sealed record StagedUnit(int Row, string Code, string? Name, UnitKind? Kind, string? ShortName, string? ParentCode,
    string? DocumentExchangeId, string[] Aliases);

/// <summary>
/// Set-based staging and merge of a bulk load; one instance is one database transaction, shared with the
/// <see cref="IAppDbContext"/> of the request so that its SaveChanges (the audit entry) commits with the load.
/// Disposing it without <see cref="CommitAsync"/> rolls everything back.
/// </summary>
public interface IUnitImportBatch : IAsyncDisposable
{
    Task StageAsync(StagedUnit unit, CancellationToken ct);

    /// <summary>Problems only the whole set shows: duplicate codes, unknown parents, cycles (<see cref="UnitCycleRule"/>).</summary>
    Task<IReadOnlyList<RowError>> FindSetErrorsAsync(int limit, CancellationToken ct);

    /// <summary>Classifies every staged row against the registry: created, updated or unchanged.</summary>
    Task<(int Created, int Updated, int Unchanged)> ClassifyAsync(CancellationToken ct);

    /// <summary>Writes the created and updated rows into the units (one INSERT and one UPDATE) and queues the units whose
    /// obligations may change (new ones, another kind) for <see cref="IObligationDerivations"/>; answers how many it queued
    /// and how many units the queue then holds.</summary>
    Task<(int Queued, int Pending)> WriteAsync(CancellationToken ct);

    Task CommitAsync(CancellationToken ct);
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
            .WithMessage(x => Domain.Common.Localized.Text(
                $"'{x.Kind}' is not a unit kind; use one of: {string.Join(", ", Enum.GetNames<UnitKind>())}.",
                $"'{x.Kind}' không phải là loại đơn vị; hãy dùng một trong các giá trị: {string.Join(", ", Enum.GetNames<UnitKind>())}."));
        RuleFor(x => x.ShortName).UnitShortName();
        RuleFor(x => x.ParentCode).OptionalUnitCode();
        RuleFor(x => x.DocumentExchangeId).DocumentExchangeId();
        RuleFor(x => x.Aliases).UnitAliases();
        RuleFor(x => x).Custom((row, context) =>
        {
            var (nullElements, unstorable) = Common.Validation.RequestValues.Check(row);
            foreach (var failure in nullElements.Concat(unstorable)) context.AddFailure(failure);
        });
    }

    public static bool TryParseKind(string? value, out UnitKind kind) =>
        Enum.TryParse(value?.Trim(), ignoreCase: true, out kind) && Enum.IsDefined(kind) && !int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _);
}

public sealed class ImportUnitsHandler(IUnitRowReader reader, IUnitImportStore store, IAppDbContext db, AuditTrail audit,
    IObligationDerivations derivations)
    : IRequestHandler<ImportUnitsCommand, UnitImportResult>
{
    /// <summary>An import that queues at most this many units answers after their obligations are derived (a second or so).</summary>
    public const int DerivedBeforeAnswering = 50;

    private static readonly UnitImportRowValidator Validator = new();

    public async Task<UnitImportResult> Handle(ImportUnitsCommand request, CancellationToken cancellationToken)
    {
        var result = await ImportAsync(request, cancellationToken);
        if (!result.DryRun) UseCaseTelemetry.RecordImport(result.Created, result.Updated, result.Unchanged);
        return result;
    }

    private async Task<UnitImportResult> ImportAsync(ImportUnitsCommand request, CancellationToken cancellationToken)
    {
        var rows = reader.Read(request.Body, request.MediaType, cancellationToken);
        await using var batch = await store.BeginAsync(cancellationToken);
        var errors = new List<RowError>();
        var totalErrors = 0;
        var received = 0;

        await foreach (var row in rows)
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
            throw new ValidationException([new FluentValidation.Results.ValidationFailure("rows",
                Domain.Common.Localized.Text("The import holds no rows.", "Tệp nhập không có dòng dữ liệu nào."))]);

        var setErrors = await batch.FindSetErrorsAsync(ImportRejectedException.MaxReported, cancellationToken);
        totalErrors += setErrors.Count;
        errors.AddRange(setErrors);
        if (totalErrors > 0)
            throw new ImportRejectedException(
                [.. errors.OrderBy(e => e.Row).ThenBy(e => e.Field, StringComparer.Ordinal).Take(ImportRejectedException.MaxReported)], totalErrors);

        var (created, updated, unchanged) = await batch.ClassifyAsync(cancellationToken);
        if (request.DryRun || created + updated == 0)
            return new UnitImportResult(received, created, updated, unchanged, request.DryRun, await derivations.CountPendingAsync(cancellationToken));

        var (queued, pending) = await batch.WriteAsync(cancellationToken);
        audit.Summarize(nameof(Unit), "import", new { created, updated, unchanged }, writtenBySql: true);
        await db.SaveChangesAsync(cancellationToken); // the audit entry, in the load's transaction
        await batch.CommitAsync(cancellationToken);
        if (queued == 0) return new UnitImportResult(received, created, updated, unchanged, false, pending);

        // A few units are derived before answering; more are left to the background worker. Either way the feed lock is
        // held a few tasks at a time, never for the whole derivation, so progress reports keep flowing.
        if (pending > DerivedBeforeAnswering)
        {
            derivations.Wake();
            return new UnitImportResult(received, created, updated, unchanged, false, pending);
        }
        await derivations.DeriveNextBatchAsync(DerivedBeforeAnswering, cancellationToken);
        return new UnitImportResult(received, created, updated, unchanged, false, await derivations.CountPendingAsync(cancellationToken));
    }

    private static string JsonName(string property) =>
        string.IsNullOrEmpty(property) ? property : char.ToLowerInvariant(property[0]) + property[1..];
}
