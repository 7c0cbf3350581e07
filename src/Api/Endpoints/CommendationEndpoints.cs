using EmulationApi.Api.Http;
using EmulationApi.Api.OpenApi;
using EmulationApi.Api.Security;
using EmulationApi.Application.Commendation;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EmulationApi.Api.Endpoints;

/// <summary>/api/v1/commendation: the catalog of titles and forms, the base salary, the award register.</summary>
public static class CommendationEndpoints
{
    public static IEndpointRouteBuilder MapCommendationEndpoints(this IEndpointRouteBuilder app)
    {
        var commendation = app.MapGroup("/api/v1/commendation").WithTags("Commendation").RequireAuthorization(Policies.Read);
        MapCatalog(commendation);
        MapRules(commendation);
        MapBaseSalariesAndRegister(commendation);
        return app;
    }

    private static void MapCatalog(RouteGroupBuilder commendation)
    {
        commendation.MapGet("/awards", ListAwards).WithName(nameof(ListAwards))
            .WithSummary("List the catalog of emulation titles and commendation forms")
            .WithDescription("Danh hiệu thi đua and hình thức khen thưởng, in code order; filters: category, recipient (cá nhân / tập thể), granting level, commendation type (loại hình). Answers with an ETag (304 when unchanged).")
            .ProducesValidationProblem();
        commendation.MapPost("/awards", CreateAward).WithName(nameof(CreateAward)).AnswersWithETag().RequireAuthorization(Policies.Admin)
            .WithSummary("Add a catalog entry")
            .WithDescription("Admins. Code (unique, case-insensitive, stored upper case), Vietnamese name, category, recipient, granting level, commendation types, reward coefficient where the law sets one, legal basis. A code already in the catalog is refused with 409.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        commendation.MapGet("/awards/{awardCode}", GetAward).WithName(nameof(GetAward))
            .WithSummary("Read a catalog entry")
            .WithDescription("By its code (case-insensitive). Answers with an ETag.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        commendation.MapPut("/awards/{awardCode}", UpdateAward).WithName(nameof(UpdateAward)).RequireAuthorization(Policies.Admin)
            .WithSummary("Rewrite a catalog entry")
            .WithDescription("Admins. Replaces the description (the code may change; another entry's code is refused with 409). A stale If-Match is refused with 412.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        commendation.MapDelete("/awards/{awardCode}", DeleteAward).WithName(nameof(DeleteAward)).RequireAuthorization(Policies.Admin)
            .WithSummary("Delete an unused catalog entry")
            .WithDescription("Admins. Only an entry an admin created and nothing uses; an entry loaded from the law, or one the register (later: a dossier) names, is kept (409). A stale If-Match is refused with 412.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
        commendation.MapGet("/awards/{awardCode}/amount", GetAwardAmount).WithName(nameof(GetAwardAmount))
            .WithSummary("The money an award carries on a decision date")
            .WithDescription("Its reward coefficient × the base salary (mức lương cơ sở) in force on the date, rounded to the whole đồng. An entry without a coefficient, or a date before the first configured base salary, is refused with 409.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

    }

    private static void MapRules(RouteGroupBuilder commendation)
    {
        commendation.MapGet("/awards/{awardCode}/rules", ListEligibilityRules).WithName(nameof(ListEligibilityRules))
            .WithSummary("A catalog entry's eligibility rules")
            .WithDescription("The prerequisites as data, oldest first: kind (ConsecutiveYears, LeadsClusterRanking, NotDisciplined), parameters, the article each encodes and a Vietnamese explanation.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        commendation.MapPost("/awards/{awardCode}/rules", CreateEligibilityRule).WithName(nameof(CreateEligibilityRule)).AnswersWithETag().RequireAuthorization(Policies.Admin)
            .WithSummary("Add an eligibility rule")
            .WithDescription("Admins. ConsecutiveYears needs requiredAwardCode and count (1–20); the other kinds take neither (409 otherwise). The citation and the explanation are required.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        commendation.MapPut("/rules/{id:guid}", UpdateEligibilityRule).WithName(nameof(UpdateEligibilityRule)).RequireAuthorization(Policies.Admin)
            .WithSummary("Rewrite an eligibility rule")
            .WithDescription("Admins. A stale If-Match is refused with 412.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        commendation.MapDelete("/rules/{id:guid}", DeleteEligibilityRule).WithName(nameof(DeleteEligibilityRule)).RequireAuthorization(Policies.Admin)
            .WithSummary("Remove an eligibility rule")
            .WithDescription("Admins. A stale If-Match is refused with 412.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        commendation.MapGet("/awards/{awardCode}/eligibility", GetEligibility).WithName(nameof(GetEligibility))
            .WithSummary("Explain an award's eligibility for a unit or a person")
            .WithDescription("Runs every rule of the award for the nominee (unitCode, or a person: personName and optional personBirthYear in that unit) and the year: each answers Met, NotMet or CannotTell with its evidence (register lines, cluster rankings). Overall: NotMet if one rule is not met, else CannotTell if one cannot tell or the award has no rules, else Met. Discipline is data the system does not hold: only declaredNotDisciplined answers it.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static void MapBaseSalariesAndRegister(RouteGroupBuilder commendation)
    {
        commendation.MapGet("/base-salaries", ListBaseSalaries).WithName(nameof(ListBaseSalaries))
            .WithSummary("The base salary (mức lương cơ sở) as dated configuration")
            .WithDescription("Every configured amount with the date it is in force from and its legal basis, oldest first. The amount in force on a date is the latest entry on or before it.");
        commendation.MapPost("/base-salaries", CreateBaseSalary).WithName(nameof(CreateBaseSalary)).AnswersWithETag().RequireAuthorization(Policies.Admin)
            .WithSummary("Add a base salary from a date")
            .WithDescription("Admins. Effective date, amount (VND per month), legal basis; a second entry for the same date is refused with 409.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        commendation.MapPut("/base-salaries/{id:guid}", UpdateBaseSalary).WithName(nameof(UpdateBaseSalary)).RequireAuthorization(Policies.Admin)
            .WithSummary("Correct a base salary entry")
            .WithDescription("Admins. A stale If-Match is refused with 412; moving it onto another entry's date with 409.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed);

        commendation.MapGet("/register", ListAwardRecords).WithName(nameof(ListAwardRecords))
            .WithSummary("The award register (sổ theo dõi khen thưởng)")
            .WithDescription("Titles and forms received by units and people: filters unit, award, year range, part of a person's name; newest year first. Answers with an ETag (304 when unchanged).")
            .ProducesValidationProblem();
        commendation.MapPost("/register", CreateAwardRecord).WithName(nameof(CreateAwardRecord)).RequireAuthorization(Policies.Edit)
            .WithSummary("Enter an award received before the system")
            .WithDescription("Editors. A history line: award, year, the unit (or a person — full name, unit, optional birth year; never a national ID number), the decision's number, date and signer. An individual award needs a person, a collective one refuses one (409).")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        commendation.MapGet("/units/{unitCode}/awards", ListUnitAwardHistory).WithName(nameof(ListUnitAwardHistory))
            .WithSummary("A unit's history of awards")
            .WithDescription("The register's lines of one unit — its own awards and its people's — newest year first. Answers with an ETag (304 when unchanged).")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
    }

    public static async Task<Results<Ok<PagedResponse<AwardDto>>, StatusCodeHttpResult>> ListAwards([AsParameters] ListAwardsQuery query, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var page = PagedResponse<AwardDto>.From(await mediator.Send(query, ct), http.Request);
        return ETags.Read(http, ETags.ForState(page), page);
    }

    public static async Task<Created<AwardDto>> CreateAward(CreateAwardCommand command, HttpResponse response, IMediator mediator, CancellationToken ct)
    {
        var award = await mediator.Send(command, ct);
        response.Headers.ETag = ETags.For(award.Version);
        return TypedResults.Created($"/api/v1/commendation/awards/{Uri.EscapeDataString(award.Code)}", award);
    }

    public static async Task<Results<Ok<AwardDto>, StatusCodeHttpResult>> GetAward(string awardCode, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var award = await mediator.Send(new GetAwardQuery(awardCode), ct);
        return ETags.Read(http, ETags.For(award.Version), award);
    }

    public static async Task<Ok<AwardDto>> UpdateAward(string awardCode, UpdateAwardCommand command, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var award = await mediator.Send(command with { CurrentCode = awardCode, ExpectedVersion = ETags.IfMatchVersion(http.Request) }, ct);
        http.Response.Headers.ETag = ETags.For(award.Version);
        return TypedResults.Ok(award);
    }

    public static async Task<NoContent> DeleteAward(string awardCode, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        await mediator.Send(new DeleteAwardCommand(awardCode, ETags.IfMatchVersion(http.Request)), ct);
        return TypedResults.NoContent();
    }

    public static async Task<Ok<AwardAmountDto>> GetAwardAmount(string awardCode, DateOnly? on, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new GetAwardAmountQuery(awardCode, on), ct));

    public static async Task<Ok<IReadOnlyList<EligibilityRuleDto>>> ListEligibilityRules(string awardCode, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new ListEligibilityRulesQuery(awardCode), ct));

    public static async Task<Created<EligibilityRuleDto>> CreateEligibilityRule(string awardCode, CreateEligibilityRuleCommand command, HttpResponse response, IMediator mediator, CancellationToken ct)
    {
        var rule = await mediator.Send(command with { AwardCode = awardCode }, ct);
        response.Headers.ETag = ETags.For(rule.Version);
        return TypedResults.Created($"/api/v1/commendation/awards/{Uri.EscapeDataString(rule.Award.Code)}/rules", rule);
    }

    public static async Task<Ok<EligibilityRuleDto>> UpdateEligibilityRule(Guid id, UpdateEligibilityRuleCommand command, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var rule = await mediator.Send(command with { Id = id, ExpectedVersion = ETags.IfMatchVersion(http.Request) }, ct);
        http.Response.Headers.ETag = ETags.For(rule.Version);
        return TypedResults.Ok(rule);
    }

    public static async Task<NoContent> DeleteEligibilityRule(Guid id, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        await mediator.Send(new DeleteEligibilityRuleCommand(id, ETags.IfMatchVersion(http.Request)), ct);
        return TypedResults.NoContent();
    }

    public static async Task<Ok<EligibilityDto>> GetEligibility(string awardCode, string? unitCode, int? year, string? personName, int? personBirthYear,
        bool? declaredNotDisciplined, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new GetEligibilityQuery(awardCode, unitCode, year, personName, personBirthYear, declaredNotDisciplined), ct));

    public static async Task<Ok<IReadOnlyList<BaseSalaryDto>>> ListBaseSalaries(IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new ListBaseSalariesQuery(), ct));

    public static async Task<Created<BaseSalaryDto>> CreateBaseSalary(CreateBaseSalaryCommand command, HttpResponse response, IMediator mediator, CancellationToken ct)
    {
        var salary = await mediator.Send(command, ct);
        response.Headers.ETag = ETags.For(salary.Version);
        return TypedResults.Created("/api/v1/commendation/base-salaries", salary);
    }

    public static async Task<Ok<BaseSalaryDto>> UpdateBaseSalary(Guid id, UpdateBaseSalaryCommand command, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var salary = await mediator.Send(command with { Id = id, ExpectedVersion = ETags.IfMatchVersion(http.Request) }, ct);
        http.Response.Headers.ETag = ETags.For(salary.Version);
        return TypedResults.Ok(salary);
    }

    public static async Task<Results<Ok<PagedResponse<AwardRecordDto>>, StatusCodeHttpResult>> ListAwardRecords([AsParameters] ListAwardRecordsQuery query, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var page = PagedResponse<AwardRecordDto>.From(await mediator.Send(query, ct), http.Request);
        return ETags.Read(http, ETags.ForState(page), page);
    }

    public static async Task<Created<AwardRecordDto>> CreateAwardRecord(CreateAwardRecordCommand command, IMediator mediator, CancellationToken ct)
    {
        var record = await mediator.Send(command, ct);
        return TypedResults.Created($"/api/v1/commendation/units/{Uri.EscapeDataString(record.Unit.Code)}/awards", record);
    }

    public static async Task<Results<Ok<PagedResponse<AwardRecordDto>>, StatusCodeHttpResult>> ListUnitAwardHistory(string unitCode, HttpContext http, IMediator mediator, CancellationToken ct,
        int page = 1, int pageSize = Application.Common.Paging.PagingRules.DefaultPageSize)
    {
        var history = PagedResponse<AwardRecordDto>.From(await mediator.Send(new ListUnitAwardHistoryQuery(unitCode, page, pageSize), ct), http.Request);
        return ETags.Read(http, ETags.ForState(history), history);
    }
}
