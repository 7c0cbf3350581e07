using EmulationApi.Application.Units;
using EmulationApi.Domain.Clusters;
using FluentValidation;

namespace EmulationApi.Application.Clusters;

/// <summary>The rules of a members list: valid codes, each unit once, at most one leader and one deputy.</summary>
public static class MembersRules
{
    public static void AddMembersRules<T>(this AbstractValidator<T> validator, System.Linq.Expressions.Expression<Func<T, IEnumerable<MemberInput>?>> members)
    {
        validator.RuleFor(members).Must(l => l is null || l.Count() <= Cluster.MaxMembers).WithMessage($"At most {Cluster.MaxMembers} members.");
        validator.RuleForEach(members!).SetValidator(new MemberInputValidator());
        validator.RuleFor(members)
            .Must(l => l is null || l.Where(m => m.UnitCode is not null).GroupBy(m => UnitCodeLookup.Key(m.UnitCode!), StringComparer.Ordinal).All(g => g.Count() == 1))
            .WithMessage("A unit is listed twice.");
        validator.RuleFor(members)
            .Must(l => l is null || l.Count(m => m.Role == MemberRole.Leader) <= 1 && l.Count(m => m.Role == MemberRole.Deputy) <= 1)
            .WithMessage("A cluster has one leader and at most one deputy.");
    }
}

public sealed class MemberInputValidator : AbstractValidator<MemberInput>
{
    public MemberInputValidator()
    {
        RuleFor(x => x.UnitCode).UnitCode();
        RuleFor(x => x.Role).NotNull().IsInEnum();
    }
}
