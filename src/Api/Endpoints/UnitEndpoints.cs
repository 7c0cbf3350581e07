using EmulationApi.Api.Http;
using EmulationApi.Api.OpenApi;
using EmulationApi.Application.Units;
using EmulationApi.Domain.Units;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

using EmulationApi.Api.Security;

namespace EmulationApi.Api.Endpoints;

/// <summary>/api/v1/units: the registry of units (đơn vị) and its bulk loading.</summary>
public static class UnitEndpoints
{
    public static IEndpointRouteBuilder MapUnitEndpoints(this IEndpointRouteBuilder app)
    {
        var units = app.MapGroup("/api/v1/units").WithTags("Units").RequireAuthorization(Policies.ReadUnits);

        units.MapGet("/", ListUnits).WithName(nameof(ListUnits))
            .WithSummary("List units (đơn vị)")
            .WithDescription("Pages through units with filters by kind, parent and active flag, a search over name, short name and aliases that ignores case and Vietnamese diacritics, and a stable sort. With format=csv|xlsx (or Accept: text/csv or the .xlsx type), every matching unit as a CSV or Excel file, in the same sort, page and pageSize ignored.")
            .WithMetadata(TableExport.Instance)
            .ProducesValidationProblem();
        units.MapPost("/", CreateUnit).WithName(nameof(CreateUnit)).AnswersWithETag().RequireAuthorization(Policies.LoadUnits)
            .WithSummary("Register a unit")
            .WithDescription("Creates a unit. The code is its stable key, unique without regard to case; names are stored in Unicode NFC.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        units.MapGet("/{id:guid}", GetUnit).WithName(nameof(GetUnit))
            .WithSummary("Read a unit by id")
            .WithDescription("Answers with an ETag; send it back in If-None-Match for a 304, or in If-Match when updating.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        units.MapGet("/by-code/{code}", GetUnitByCode).WithName(nameof(GetUnitByCode))
            .WithSummary("Read a unit by code")
            .WithDescription("Looks the unit up by its code without regard to case.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        units.MapPut("/{id:guid}", UpdateUnit).WithName(nameof(UpdateUnit)).RequireAuthorization(Policies.LoadUnits)
            .WithSummary("Update a unit")
            .WithDescription("Replaces the unit's name, kind, short name, parent, document-exchange id and aliases. With If-Match, a stale ETag is refused with 412 and nothing changes.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        units.MapPost("/{id:guid}/deactivate", DeactivateUnit).WithName(nameof(DeactivateUnit)).AnswersWithETag().RequireAuthorization(Policies.LoadUnits)
            .WithSummary("Deactivate a unit")
            .WithDescription("Marks the unit inactive (ngừng hoạt động). Units are kept, not deleted, once anything refers to them.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        units.MapPost("/{id:guid}/activate", ActivateUnit).WithName(nameof(ActivateUnit)).AnswersWithETag().RequireAuthorization(Policies.LoadUnits)
            .WithSummary("Reactivate a unit")
            .WithDescription("Marks an inactive unit active again.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        units.MapPost("/{id:guid}/merge", MergeUnit).WithName(nameof(MergeUnit)).RequireAuthorization(Policies.LoadUnits)
            .WithSummary("Merge a unit into another (sáp nhập)")
            .WithDescription("The unit becomes inactive and the registry records its successor, which takes over its open obligations (not started or in progress) with their history; what the merged unit finished stays its own. A stale If-Match is refused with 412.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        units.MapDelete("/{id:guid}", DeleteUnit).WithName(nameof(DeleteUnit)).RequireAuthorization(Policies.LoadUnits)
            .WithSummary("Delete a unit registered by mistake")
            .WithDescription("Deletes a unit nothing refers to. A unit with child units (or, later, tasks or memberships) is refused with 409: deactivate it instead.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        units.MapPost("/import", ImportUnits).WithName(nameof(ImportUnits)).RequireAuthorization(Policies.LoadUnits).RequireRateLimiting(SecuritySetup.ImportRateLimit)
            .WithSummary("Bulk-load units from JSON or CSV")
            .WithDescription("""
                Upserts units by code, all or nothing. The body is a JSON array (application/json), CSV (text/csv) or a CSV/JSON file
                in multipart/form-data. CSV: UTF-8 with or without BOM, a header naming the columns code, name, shortName, kind,
                parentCode, documentExchangeId, aliases in any order and case (code, name, kind required; aliases separated by '|').
                Parents may be given by code and appear later in the same file. One bad row and nothing is written: the 400 answer
                lists every bad row in rowErrors (row, field, message). dryRun=true checks and counts without writing.
                """)
            .Accepts<UnitImportRow[]>("application/json", "text/csv", "multipart/form-data")
            .WithMetadata(new RequestSizeLimitAttribute(RequestBodyLimits.ImportBytes))
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        return app;
    }

    public static async Task<Results<Ok<PagedResponse<UnitDto>>, TableFile>> ListUnits([AsParameters] ListUnitsQuery query, HttpContext http, IMediator mediator, CancellationToken ct,
        string? format = null)
    {
        if (TableFile.Requested(http, format) is { } file) return new TableFile(file, await mediator.Send(new ExportUnitsQuery(query), ct));
        return TypedResults.Ok(PagedResponse<UnitDto>.From(await mediator.Send(query, ct), http.Request));
    }

    public static async Task<Created<UnitDto>> CreateUnit(CreateUnitCommand command, HttpResponse response, IMediator mediator, CancellationToken ct)
    {
        var unit = await mediator.Send(command, ct);
        response.Headers.ETag = ETags.For(unit.Version);
        return TypedResults.Created($"/api/v1/units/{unit.Id}", unit);
    }

    public static async Task<Results<Ok<UnitDto>, StatusCodeHttpResult>> GetUnit(Guid id, HttpContext http, IMediator mediator, CancellationToken ct) =>
        WithETag(await mediator.Send(new GetUnitQuery(id), ct), http);

    public static async Task<Results<Ok<UnitDto>, StatusCodeHttpResult>> GetUnitByCode(string code, HttpContext http, IMediator mediator, CancellationToken ct) =>
        WithETag(await mediator.Send(new GetUnitByCodeQuery(code), ct), http);

    public static async Task<Ok<UnitDto>> UpdateUnit(Guid id, UpdateUnitCommand command, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var unit = await mediator.Send(command with { Id = id, ExpectedVersion = ETags.IfMatchVersion(http.Request) }, ct);
        http.Response.Headers.ETag = ETags.For(unit.Version);
        return TypedResults.Ok(unit);
    }

    public static Task<Ok<UnitDto>> DeactivateUnit(Guid id, HttpResponse response, IMediator mediator, CancellationToken ct) =>
        SetActive(new SetUnitActiveCommand(id, Active: false), response, mediator, ct);

    public static Task<Ok<UnitDto>> ActivateUnit(Guid id, HttpResponse response, IMediator mediator, CancellationToken ct) =>
        SetActive(new SetUnitActiveCommand(id, Active: true), response, mediator, ct);

    public static async Task<Ok<UnitDto>> MergeUnit(Guid id, MergeUnitCommand command, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var unit = await mediator.Send(command with { Id = id, ExpectedVersion = ETags.IfMatchVersion(http.Request) }, ct);
        http.Response.Headers.ETag = ETags.For(unit.Version);
        return TypedResults.Ok(unit);
    }

    private static async Task<Ok<UnitDto>> SetActive(SetUnitActiveCommand command, HttpResponse response, IMediator mediator, CancellationToken ct)
    {
        var unit = await mediator.Send(command, ct);
        response.Headers.ETag = ETags.For(unit.Version);
        return TypedResults.Ok(unit);
    }

    public static async Task<NoContent> DeleteUnit(Guid id, IMediator mediator, CancellationToken ct)
    {
        await mediator.Send(new DeleteUnitCommand(id), ct);
        return TypedResults.NoContent();
    }

    /// <param name="dryRun">Check and count without writing anything.</param>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Roslynator", "RCS1139:Add summary element to documentation comment", Justification = "Only the parameters are documented: Swashbuckle publishes them in the OpenAPI document, where a <summary> would add to (or, on an endpoint, replace) what the contract says.")]
    public static async Task<Ok<UnitImportResult>> ImportUnits(HttpRequest request, IMediator mediator, CancellationToken ct, bool dryRun = false)
    {
        var (body, mediaType) = await UploadedBody.OpenAsync(request, ct);
        return TypedResults.Ok(await mediator.Send(new ImportUnitsCommand(body, mediaType, dryRun), ct));
    }

    private static Results<Ok<UnitDto>, StatusCodeHttpResult> WithETag(UnitDto unit, HttpContext http)
    {
        return ETags.Read(http, ETags.For(unit.Version), unit);
    }
}
