using FluentValidation;

namespace EmulationApi.Application.Common.Paging;

public static class PagingRules
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    /// <summary>The paging rules every list validator includes.</summary>
    public static void AddPagingRules<T>(this AbstractValidator<T> validator) where T : IPagedQuery
    {
        validator.RuleFor(x => x.Page).GreaterThanOrEqualTo(1).LessThanOrEqualTo(1_000_000);
        validator.RuleFor(x => x.PageSize).InclusiveBetween(1, MaxPageSize);
    }
}
