namespace EmulationApi.Domain.Common;

/// <summary>
/// The match timeout every regular expression of the code base declares (analyzer MA0009): our patterns are simple and
/// run on short texts, so a match that takes a second is a runaway one and fails instead of holding a request thread.
/// </summary>
public static class RegexTimeout
{
    public const int Milliseconds = 1000;
}
