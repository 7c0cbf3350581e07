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
        // Every repeat is named by its row, so a list with several is refused once with all of them.
        validator.RuleFor(members).Custom((list, context) =>
        {
            var rows = list?.ToList() ?? [];
            var (codes, roles) = (new HashSet<string>(StringComparer.Ordinal), new HashSet<MemberRole>());
            for (var i = 0; i < rows.Count; i++)
            {
                if (rows[i].UnitCode is { } code && !string.IsNullOrWhiteSpace(code) && !codes.Add(UnitCodeLookup.Key(code)))
                    context.AddFailure($"members[{i}].unitCode", $"'{code.Trim()}' is listed twice.");
                if (rows[i].Role is MemberRole.Leader or MemberRole.Deputy && !roles.Add(rows[i].Role!.Value))
                    context.AddFailure($"members[{i}].role", "A cluster has one leader and at most one deputy.");
            }
        });
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
