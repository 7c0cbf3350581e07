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
        else if (exception is RangeNotSatisfiableException range)
            http.Response.Headers.ContentRange = $"bytes */{range.Length}";
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
            Status = 400, Title = NotValid, Detail = Localized.Text("See 'errors' for the fields to correct.", "Xem 'errors' để biết các trường cần sửa."),
        },
        ImportRejectedException r => Problem(400, Localized.Text("The import was rejected; nothing was written.", "Tệp nhập bị từ chối; không có dữ liệu nào được ghi."),
            Localized.Text(
                $"{r.TotalErrors} problem(s) found{(r.TotalErrors > r.RowErrors.Count ? $"; the first {r.RowErrors.Count} are listed" : "")}. Correct the rows listed in 'rowErrors' and send the whole file again.",
                $"Phát hiện {r.TotalErrors} lỗi{(r.TotalErrors > r.RowErrors.Count ? $"; liệt kê {r.RowErrors.Count} lỗi đầu tiên" : "")}. Hãy sửa các dòng nêu trong 'rowErrors' rồi gửi lại toàn bộ tệp."),
            ("rowErrors", r.RowErrors), ("errorCount", r.TotalErrors)),
        ForbiddenException f => Problem(403, Localized.Text("This client may not do that.", "Ứng dụng khách này không được thực hiện thao tác này."), f.Message),
        NotFoundException n => Problem(404, Localized.Text($"{n.Resource} not found.", $"Không tìm thấy {ResourceNames.InVietnamese(n.Resource)}."), n.Message),
        DomainException d => Problem(409, Localized.Text("The request breaks a business rule.", "Yêu cầu vi phạm quy tắc nghiệp vụ."), d.Message),
        UnsupportedMediaTypeException m => Problem(415, UnsupportedMediaType, m.Message),
        ContentMismatchException m => Problem(415, UnsupportedMediaType, m.Message),
        RangeNotSatisfiableException r => Problem(416, Localized.Text("The range lies outside the file.", "Khoảng byte yêu cầu nằm ngoài tệp."), r.Message),
        ContentTooLargeException t => Problem(413, Localized.Text("The file is too large.", "Tệp quá lớn."), t.Message),
        PreconditionFailedException p => Problem(412, Changed, p.Message + " " + ReadAgain),
        // With If-Match the client asked for the check (412); without it, it lost a race it did not know about (409).
        DbUpdateConcurrencyException when http.Request.Headers.IfMatch.Count > 0 => Problem(412, Changed,
            Localized.Text("Someone else changed it meanwhile.", "Trong lúc đó đã có người khác thay đổi dữ liệu này.") + " " + ReadAgain),
        DbUpdateConcurrencyException => Problem(409, ConcurrentChange, Localized.Text(
            "Another request changed the same resource at the same time; nothing was written. Read it again and retry.",
            "Một yêu cầu khác đã thay đổi cùng dữ liệu vào cùng thời điểm; không có dữ liệu nào được ghi. Hãy đọc lại rồi thử lại.")),
        MalformedHeaderException h => Invalid(h.Header, h.Message),
        BadHttpRequestException b => BadRequest(b, http),
        JsonException j => BodyProblem(j, http),
        _ when IsDatabaseOutage(exception) => Problem(503, Localized.Text("The database is unavailable.", "Cơ sở dữ liệu tạm thời không truy cập được."), Localized.Text(
            "The service cannot reach its database for the moment. Retry after the number of seconds in Retry-After; "
            + "a write that got this answer may or may not have been carried out, so read before you repeat it.",
            "Dịch vụ tạm thời không kết nối được với cơ sở dữ liệu. Hãy thử lại sau số giây nêu trong Retry-After; "
            + "yêu cầu ghi nhận được câu trả lời này có thể đã hoặc chưa được thực hiện, vì vậy hãy đọc lại trước khi gửi lại.")),
        _ when Find<PostgresException>(exception) is { } pg => Database(pg),
        _ => Unexpected(),
    };

    private static ProblemDetails BadRequest(BadHttpRequestException b, HttpContext http)
    {
        switch (b.StatusCode)
        {
            case StatusCodes.Status413PayloadTooLarge:
                return Problem(413, Localized.Text("The request body is too large.", "Nội dung yêu cầu quá lớn."), Localized.Text(
                    "Send a smaller body; bulk loads accept more on /api/v1/units/import.",
                    "Hãy gửi nội dung nhỏ hơn; thao tác nhập hàng loạt tại /api/v1/units/import nhận được dung lượng lớn hơn."));
            case StatusCodes.Status415UnsupportedMediaType:
                // The framework's own refusal (a JSON operation sent another media type), in English: the reason in Vietnamese.
                return Problem(415, UnsupportedMediaType, Localized.Text(b.Message,
                    "Thao tác này không chấp nhận kiểu dữ liệu (media type) của nội dung; tài liệu OpenAPI liệt kê các kiểu được chấp nhận."));
        }
        if (b.InnerException is JsonException j) return BodyProblem(j, http);
        var (errors, bodyBound) = BindingFailure.Diagnose(http);
        if (errors.Count > 0)
            return new HttpValidationProblemDetails(errors)
            {
                Status = 400, Title = NotValid, Detail = errors.First().Value[0],
            };
        if (bodyBound)
            return Problem(400, Localized.Text("The request body is missing.", "Thiếu nội dung yêu cầu."), Localized.Text(
                "This operation needs a JSON body; see the OpenAPI document for its shape.",
                "Thao tác này cần nội dung JSON; xem cấu trúc của nội dung trong tài liệu OpenAPI."));
        // Not a binding failure: the endpoint itself refused the request, or the server could not read it; the
        // exception says why in words meant for the client.
        return Problem(b.StatusCode, NotValid, b.Message);
    }

    /// <summary>A header the API reads that is malformed: 400 with <c>errors</c> under the header's name.</summary>
    private static ProblemDetails Invalid(string field, string message) =>
        new HttpValidationProblemDetails(new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [message] })
        {
            Status = 400, Title = NotValid, Detail = message,
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
            _ when malformed => Localized.Text(
                $"The body is not valid JSON (line {j.LineNumber + 1}, position {j.BytePositionInLine + 1}).",
                $"Nội dung không phải JSON hợp lệ (dòng {j.LineNumber + 1}, vị trí {j.BytePositionInLine + 1})."),
            _ when BodyFailure.UnknownProperty(http, j.Path!) is { } unknown => unknown,
            // The serializer's exception does not tell a value it could not convert from a property sent twice.
            _ => Localized.Text(
                "The value is missing, malformed or of the wrong type, or the property is given more than once.",
                "Giá trị bị thiếu, sai định dạng hoặc sai kiểu, hoặc thuộc tính được gửi nhiều lần."),
        };
        return new HttpValidationProblemDetails(new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [message] })
        {
            Status = 400, Title = Localized.Text("The request body could not be read.", "Không đọc được nội dung yêu cầu."), Detail = message,
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
        PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.ExclusionViolation => Problem(409, ConflictsWithData,
            Infrastructure.Persistence.ConstraintMessages.For(pg.ConstraintName)
            ?? Localized.Text("A record with the same key already exists.", "Đã có bản ghi với cùng khóa.")),
        PostgresErrorCodes.ForeignKeyViolation => Problem(409, ConflictsWithData, Localized.Text(
            "The record is referenced by other records (or refers to one that does not exist). Deactivate it instead of deleting it.",
            "Bản ghi đang được bản ghi khác tham chiếu (hoặc tham chiếu tới bản ghi không tồn tại). Hãy ngừng hoạt động bản ghi thay vì xóa.")),
        PostgresErrorCodes.CharacterNotInRepertoire or PostgresErrorCodes.UntranslatableCharacter
            => Problem(400, NotValid, Localized.Text("The text holds a character that cannot be stored (such as NUL).", "Văn bản chứa ký tự không lưu được (chẳng hạn NUL).")),
        PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.LockNotAvailable
            => Problem(409, ConcurrentChange, Localized.Text(
                "Another request changed the same data at the same time. Retry the request.",
                "Một yêu cầu khác đã thay đổi cùng dữ liệu vào cùng thời điểm. Hãy gửi lại yêu cầu.")),
        _ => Unexpected(),
    };

    private static string NotValid => Localized.Text("The request is not valid.", "Yêu cầu không hợp lệ.");
    private static string Changed => Localized.Text("The resource has changed.", "Dữ liệu đã bị thay đổi.");
    private static string ReadAgain => Localized.Text("Read it again and retry with its current ETag.", "Hãy đọc lại rồi thử lại với ETag hiện tại.");
    private static string ConcurrentChange => Localized.Text("A concurrent change got in the way.", "Một thay đổi đồng thời đã cản trở yêu cầu.");
    private static string ConflictsWithData => Localized.Text("The request conflicts with existing data.", "Yêu cầu xung đột với dữ liệu hiện có.");
    private static string UnsupportedMediaType => Localized.Text("Unsupported media type.", "Kiểu dữ liệu (media type) không được hỗ trợ.");

    private static ProblemDetails Unexpected() => Problem(500, Localized.Text("An unexpected error occurred.", "Đã xảy ra lỗi ngoài dự kiến."), Localized.Text(
        "The failure has been logged. Try again later; if it persists, contact the system's operators.",
        "Lỗi đã được ghi nhật ký. Hãy thử lại sau; nếu lỗi vẫn tiếp diễn, hãy liên hệ bộ phận vận hành hệ thống."));

    private static ProblemDetails Problem(int status, string title, string detail, params (string Key, object Value)[] extensions)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        foreach (var (key, value) in extensions) problem.Extensions[key] = value;
        return problem;
    }

    private static string JsonName(string property) =>
        string.Join('.', property.Split('.').Select(p => p.Length == 0 ? p : char.ToLowerInvariant(p[0]) + p[1..]));
}
