using System.Text.Json;
using EmulationApi.Api.Http;
using EmulationApi.Application.Common.Errors;
using EmulationApi.Domain.Common;
using FluentValidation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace EmulationApi.Api.Errors;

/// <summary>
/// The one place where failures become RFC 9457 problem+json. Validation → 400 with <c>errors</c> per field; bad
/// JSON or binding → 400; bulk-load rows → 400 with <c>rowErrors</c>; not found → 404; business rule → 409;
/// stale If-Match → 412; too large → 413; unreadable media type → 415; the database unreachable → 503 with
/// <c>Retry-After</c>; anything else → 500 without internals. Failures
/// are told apart by their type and by the metadata the framework gives (a JSON path, an endpoint's parameters), never
/// by a message's text.
/// </summary>
public sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    /// <summary>What a 503 tells the client to wait before retrying: a restart of PostgreSQL or a failover takes seconds.</summary>
    public const int DatabaseRetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        var problem = Describe(exception, http);
        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            // An outage is the operators' news, not a bug: one line per request, without the stack.
            logger.LogWarning("Database unavailable on {Method} {Path}: {Failure}", http.Request.Method, http.Request.Path, exception.GetBaseException().Message);
            http.Response.Headers.RetryAfter = DatabaseRetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        else if (problem.Status >= 500)
            logger.LogError(exception, "Unhandled failure on {Method} {Path}", http.Request.Method, http.Request.Path);
        else
            logger.LogInformation("Request refused with {Status}: {Title}", problem.Status, problem.Title);

        http.Response.StatusCode = problem.Status ?? 500;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem, Exception = exception });
    }

    private static ProblemDetails Describe(Exception exception, HttpContext http) => exception switch
    {
        ValidationException v => new HttpValidationProblemDetails(v.Errors
            .GroupBy(e => JsonName(e.PropertyName), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal))
        {
            Status = 400, Title = "The request is not valid.", Detail = "See 'errors' for the fields to correct.",
        },
        ImportRejectedException r => Problem(400, "The import was rejected; nothing was written.",
            $"{r.TotalErrors} problem(s) found{(r.TotalErrors > r.RowErrors.Count ? $"; the first {r.RowErrors.Count} are listed" : "")}. Correct the rows listed in 'rowErrors' and send the whole file again.",
            ("rowErrors", r.RowErrors), ("errorCount", r.TotalErrors)),
        ForbiddenException f => Problem(403, "This client may not do that.", f.Message),
        NotFoundException n => Problem(404, $"{n.Resource} not found.", n.Message),
        DomainException d => Problem(409, "The request breaks a business rule.", d.Message),
        UnsupportedMediaTypeException m => Problem(415, "Unsupported media type.", m.Message),
        PreconditionFailedException p => Problem(412, "The resource has changed.", p.Message + " Read it again and retry with its current ETag."),
        // With If-Match the client asked for the check (412); without it, it lost a race it did not know about (409).
        DbUpdateConcurrencyException when http.Request.Headers.IfMatch.Count > 0 => Problem(412, "The resource has changed.", "Someone else changed it meanwhile. Read it again and retry with its current ETag."),
        DbUpdateConcurrencyException => Problem(409, "A concurrent change got in the way.", "Another request changed the same resource at the same time; nothing was written. Read it again and retry."),
        MalformedHeaderException h => Invalid(h.Header, h.Message),
        BadHttpRequestException b => BadRequest(b, http),
        JsonException j => BodyProblem(j, http),
        _ when IsDatabaseOutage(exception) => Problem(503, "The database is unavailable.",
            "The service cannot reach its database for the moment. Retry after the number of seconds in Retry-After; "
            + "a write that got this answer may or may not have been carried out, so read before you repeat it."),
        _ when Find<PostgresException>(exception) is { } pg => Database(pg),
        _ => Problem(500, "An unexpected error occurred.", "The failure has been logged. Try again later; if it persists, contact the system's operators."),
    };

    private static ProblemDetails BadRequest(BadHttpRequestException b, HttpContext http)
    {
        switch (b.StatusCode)
        {
            case StatusCodes.Status413PayloadTooLarge:
                return Problem(413, "The request body is too large.", "Send a smaller body; bulk loads accept more on /api/v1/units/import.");
            case StatusCodes.Status415UnsupportedMediaType:
                return Problem(415, "Unsupported media type.", b.Message);
        }
        if (b.InnerException is JsonException j) return BodyProblem(j, http);
        var (errors, bodyBound) = BindingFailure.Diagnose(http);
        if (errors.Count > 0)
            return new HttpValidationProblemDetails(errors)
            {
                Status = 400, Title = "The request is not valid.", Detail = errors.First().Value[0],
            };
        if (bodyBound)
            return Problem(400, "The request body is missing.", "This operation needs a JSON body; see the OpenAPI document for its shape.");
        // Not a binding failure: the endpoint itself refused the request, or the server could not read it; the
        // exception says why in words meant for the client.
        return Problem(b.StatusCode, "The request is not valid.", b.Message);
    }

    /// <summary>A header the API reads that is malformed: 400 with <c>errors</c> under the header's name.</summary>
    private static ProblemDetails Invalid(string field, string message) =>
        new HttpValidationProblemDetails(new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [message] })
        {
            Status = 400, Title = "The request is not valid.", Detail = message,
        };

    /// <summary>
    /// Malformed JSON, an unknown property, a property given twice, a wrong type or an unknown enum value in a body: 400
    /// naming the field by its JSON path (see <see cref="Http.StrictJson"/> for what the body may hold).
    /// </summary>
    private static ProblemDetails BodyProblem(JsonException j, HttpContext http)
    {
        // The serializer wraps the reader's syntax errors (themselves JsonExceptions); a value it cannot convert has none.
        var malformed = j.Path is null || j.InnerException is JsonException;
        var field = !malformed && j.Path is { Length: > 1 } path ? path.TrimStart('$', '.') : "body";
        var message = j switch
        {
            UnknownEnumValueException e => UnknownEnumValueException.Describe(e.EnumType, e.Value),
            _ when malformed => $"The body is not valid JSON (line {j.LineNumber + 1}, position {j.BytePositionInLine + 1}).",
            _ when BodyFailure.UnknownProperty(http, j.Path!) is { } unknown => unknown,
            // The serializer's exception does not tell a value it could not convert from a property sent twice.
            _ => "The value is missing, malformed or of the wrong type, or the property is given more than once.",
        };
        return new HttpValidationProblemDetails(new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [message] })
        {
            Status = 400, Title = "The request body could not be read.", Detail = message,
        };
    }

    private static T? Find<T>(Exception? exception) where T : Exception
    {
        for (; exception is not null; exception = exception.InnerException)
            if (exception is T found) return found;
        return null;
    }

    /// <summary>
    /// Whether the failure, or one it wraps (EF Core wraps the driver's in a DbUpdateException, or in an
    /// InvalidOperationException from its execution strategy), says PostgreSQL cannot be reached or cannot serve now:
    /// the driver could not connect or lost the connection — refused or reset, a broken stream, a connection or command
    /// timeout, an exhausted pool (<see cref="NpgsqlException.IsTransient"/>, which Npgsql sets for socket, I/O and
    /// timeout failures) — or the server refuses or ends sessions: class 08 (connection exception), class 53
    /// (insufficient resources, too many connections), 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03
    /// cannot_connect_now. Any other server error (a constraint, a deadlock, a failed login, bad SQL) is not an outage.
    /// </summary>
    private static bool IsDatabaseOutage(Exception exception) => Find<NpgsqlException>(exception) switch
    {
        PostgresException pg => pg.SqlState.StartsWith("08", StringComparison.Ordinal) || pg.SqlState.StartsWith("53", StringComparison.Ordinal)
            || pg.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow,
        { } npgsql => npgsql.IsTransient,
        null => false,
    };

    private static ProblemDetails Database(PostgresException pg) => pg.SqlState switch
    {
        PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.ExclusionViolation => Problem(409, "The request conflicts with existing data.",
            Infrastructure.Persistence.ConstraintMessages.For(pg.ConstraintName) ?? "A record with the same key already exists."),
        PostgresErrorCodes.ForeignKeyViolation => Problem(409, "The request conflicts with existing data.", "The record is referenced by other records (or refers to one that does not exist). Deactivate it instead of deleting it."),
        PostgresErrorCodes.CharacterNotInRepertoire or PostgresErrorCodes.UntranslatableCharacter
            => Problem(400, "The request is not valid.", "The text holds a character that cannot be stored (such as NUL)."),
        PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.LockNotAvailable
            => Problem(409, "A concurrent change got in the way.", "Another request changed the same data at the same time. Retry the request."),
        _ => Problem(500, "An unexpected error occurred.", "The failure has been logged. Try again later; if it persists, contact the system's operators."),
    };

    private static ProblemDetails Problem(int status, string title, string detail, params (string Key, object Value)[] extensions)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        foreach (var (key, value) in extensions) problem.Extensions[key] = value;
        return problem;
    }

    private static string JsonName(string property) =>
        string.Join('.', property.Split('.').Select(p => p.Length == 0 ? p : char.ToLowerInvariant(p[0]) + p[1..]));
}
