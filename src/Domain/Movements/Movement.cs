using EmulationApi.Domain.Common;

namespace EmulationApi.Domain.Movements;

/// <summary>One step of a movement's lifecycle, with its date (null only for a launch its source gives no date for), the document that made it, for reviews the result and, for an interim review, the year or period it reviews.</summary>
public sealed record MovementStep(MovementStatus Status, DateOnly? Date, string? DocumentReference, string? Result, string? Period = null);

/// <summary>A participant of a movement: a cluster/bloc or a unit.</summary>
public sealed record MovementParticipant(Guid? UnitId, Guid? ClusterId);

/// <summary>An emulation movement (phong trào thi đua): its theme, form, launcher, period, parent, plans and participants.</summary>
public sealed class Movement : Entity
{
    public const int NameMaxLength = 1000;
    public const int TextMaxLength = 4000;
    public const int ReferenceMaxLength = 500;
    public const int PeriodMaxLength = 100;

    private List<MovementStep> _steps = [];
    private List<Guid> _planIds = [];
    private List<MovementParticipant> _participants = [];

    private Movement() { Name = null!; }

    public string Name { get; private set; }
    public string? Slogan { get; private set; }
    public MovementForm Form { get; private set; }
    public LauncherLevel LauncherLevel { get; private set; }
    /// <summary>The document that launched it (e.g. "Chỉ thị số 41-CT/TW").</summary>
    public string? LaunchDocument { get; private set; }
    /// <summary>The start of its period; null when the source that registered it does not give one (never invented).</summary>
    public DateOnly? StartDate { get; private set; }
    public DateOnly? EndDate { get; private set; }
    public string? Scope { get; private set; }
    public Guid? ParentMovementId { get; private set; }
    /// <summary>The plans that carry it.</summary>
    public IReadOnlyList<Guid> PlanIds => _planIds;
    public IReadOnlyList<MovementParticipant> Participants => _participants;
    public MovementStatus Status { get; private set; } = MovementStatus.Draft;
    /// <summary>The lifecycle steps taken, in order.</summary>
    public IReadOnlyList<MovementStep> Steps => _steps;
    /// <summary>A key of the name (<see cref="NameKey"/>), unique, so a movement is not registered twice under two spellings.</summary>
    public string NameKeyValue { get; private set; } = "";

    public static Movement Create(string name, MovementForm form, LauncherLevel level, DateOnly? start)
    {
        var movement = new Movement();
        movement.Describe(name, null, form, new MovementLaunch(level), new MovementPeriod(start), null, null);
        return movement;
    }

    /// <summary>Replaces the description. Possible in every status but closed.</summary>
    public void Describe(string name, string? slogan, MovementForm form, MovementLaunch launch, MovementPeriod period, string? scope, Guid? parentMovementId)
    {
        if (Status == MovementStatus.Closed) throw new DomainException(Localized.Text("The movement is closed; it can no longer be changed.", "Phong trào thi đua đã kết thúc; không thể thay đổi nữa."));
        if (!Enum.IsDefined(form)) throw new DomainException(Localized.Text($"Unknown form '{form}'.", $"Hình thức '{form}' không xác định."));
        if (!Enum.IsDefined(launch.Level)) throw new DomainException(Localized.Text($"Unknown launcher level '{launch.Level}'.", $"Cấp phát động '{launch.Level}' không xác định."));
        if (period.End is { } e && e < period.Start) throw new DomainException(Localized.Text("The movement cannot end before it starts.", "Phong trào thi đua không thể kết thúc trước khi bắt đầu."));
        if (parentMovementId is { } p && p == Id) throw new DomainException(Localized.Text("A movement cannot continue itself.", "Phong trào thi đua không thể tiếp nối chính nó."));
        var clean = Text.Limit(Text.Required(name, Localized.Text("A movement's name", "Tên phong trào thi đua")), NameMaxLength, Localized.Text("Name", "Tên"));
        (Name, Slogan, Form, LauncherLevel, LaunchDocument, StartDate, EndDate, Scope, ParentMovementId) =
            (clean, Text.Limit(Text.Clean(slogan), TextMaxLength, Localized.Text("Slogan", "Khẩu hiệu")), form, launch.Level, Text.Limit(Text.Clean(launch.Document), ReferenceMaxLength, Localized.Text("Launch document", "Văn bản phát động")),
             period.Start, period.End, Text.Limit(Text.Clean(scope), TextMaxLength, Localized.Text("Scope", "Phạm vi")), parentMovementId);
        NameKeyValue = NameKey.Of(clean);
    }

    public void CarriedBy(IEnumerable<Guid> planIds) => _planIds = planIds.Distinct().ToList();

    public void WithParticipants(IEnumerable<MovementParticipant> participants)
    {
        var list = participants.Distinct().ToList();
        if (list.Any(p => (p.UnitId is null) == (p.ClusterId is null)))
            throw new DomainException(Localized.Text("A participant is either a unit or a cluster/bloc.", "Đối tượng tham gia là một đơn vị hoặc một cụm, khối thi đua."));
        _participants = list;
    }

    /// <summary>Takes the next lifecycle step. Launch from draft; interim reviews from launched, one per year or period
    /// (<paramref name="period"/>, by default the year of <paramref name="date"/>); final review from launched or
    /// interim-reviewed, closing the series; close from final-reviewed. A step has happened: it is not dated after
    /// <paramref name="today"/>, nor before the previous step; a review is not dated before the movement's period starts.</summary>
    public void Advance(MovementStatus to, DateOnly date, string? documentReference, string? result, DateOnly today, string? period = null)
    {
        var allowed = (Status, to) switch
        {
            (MovementStatus.Draft, MovementStatus.Launched) => true,
            (MovementStatus.Launched or MovementStatus.InterimReviewed, MovementStatus.InterimReviewed) => true,
            (MovementStatus.Launched or MovementStatus.InterimReviewed, MovementStatus.FinalReviewed) => true,
            (MovementStatus.FinalReviewed, MovementStatus.Closed) => true,
            _ => false,
        };
        if (!allowed) throw new DomainException(Localized.Text($"A movement that is {Status} cannot move to {to}.", $"Phong trào thi đua đang ở trạng thái {Status} không thể chuyển sang {to}."));
        var isReview = to is MovementStatus.InterimReviewed or MovementStatus.FinalReviewed;
        Dates.EnsureNotInFuture(date, today, isReview ? Localized.Text("A review", "Sơ kết, tổng kết") : Localized.Text($"A step ({to})", $"Bước ({to})"));
        if (_steps.Count > 0 && _steps[^1].Date is { } previous && date < previous)
            throw new DomainException(Localized.Text($"The step's date {date:yyyy-MM-dd} is before the previous step's {previous:yyyy-MM-dd}.", $"Ngày của bước {date:yyyy-MM-dd} sớm hơn ngày của bước trước {previous:yyyy-MM-dd}."));
        if (isReview && StartDate is { } start && date < start)
            throw new DomainException(Localized.Text($"A review cannot be dated {date:yyyy-MM-dd}, before the movement's period starts on {start:yyyy-MM-dd}.", $"Không thể ghi ngày sơ kết, tổng kết {date:yyyy-MM-dd}, trước ngày bắt đầu của phong trào thi đua {start:yyyy-MM-dd}."));
        var cleanResult = Text.Limit(Text.Clean(result), TextMaxLength, Localized.Text("Result", "Kết quả"));
        if (isReview && cleanResult is null) throw new DomainException(Localized.Text("A review records a short result text.", "Sơ kết, tổng kết phải ghi tóm tắt kết quả."));
        var reviewed = to == MovementStatus.InterimReviewed ? ReviewedPeriod(period, date) : null;
        _steps = [.. _steps, new MovementStep(to, date, Text.Limit(Text.Clean(documentReference), ReferenceMaxLength, Localized.Text("Document reference", "Số, ký hiệu văn bản")), isReview ? cleanResult : null, reviewed)];
        Status = to;
    }

    /// <summary>The period an interim review covers (the year of its date unless named), refused when one is already reviewed.</summary>
    private string ReviewedPeriod(string? period, DateOnly date)
    {
        var named = Text.Limit(Text.Clean(period), PeriodMaxLength, Localized.Text("Period", "Kỳ sơ kết")) ?? date.Year.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var key = NameKey.Of(named);
        if (_steps.FirstOrDefault(s => s.Status == MovementStatus.InterimReviewed && NameKey.Of(s.Period ?? $"{s.Date?.Year}") == key) is { } earlier)
            throw new DomainException(Localized.Text($"The interim review of {earlier.Period ?? named} is already recorded ({earlier.Date:yyyy-MM-dd}); one interim review per year or period.", $"Sơ kết kỳ {earlier.Period ?? named} đã được ghi nhận ({earlier.Date:yyyy-MM-dd}); mỗi năm hoặc mỗi kỳ chỉ có một lần sơ kết."));
        return named;
    }

    /// <summary>Records a draft as launched by a document that says who launched it but not when (a plan continuing a
    /// movement): the launch step has no date rather than an invented one.</summary>
    public void RecordLaunchedUndated(string? documentReference)
    {
        if (Status != MovementStatus.Draft) throw new DomainException(Localized.Text($"A movement that is {Status} cannot move to {MovementStatus.Launched}.", $"Phong trào thi đua đang ở trạng thái {Status} không thể chuyển sang {MovementStatus.Launched}."));
        _steps = [new MovementStep(MovementStatus.Launched, null, Text.Limit(Text.Clean(documentReference), ReferenceMaxLength, Localized.Text("Document reference", "Số, ký hiệu văn bản")), null)];
        Status = MovementStatus.Launched;
    }

    /// <summary>Only a draft may be deleted: once launched, a movement is part of the record.</summary>
    public void EnsureDeletable()
    {
        if (Status != MovementStatus.Draft) throw new DomainException(Localized.Text($"Only a draft movement can be deleted; this one is {Status}.", $"Chỉ xóa được phong trào thi đua ở trạng thái dự thảo; phong trào này đang ở trạng thái {Status}."));
    }
}
