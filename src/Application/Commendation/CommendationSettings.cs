namespace EmulationApi.Application.Commendation;

/// <summary>
/// The commendation module's settings (configuration section <c>Commendation</c>). <see cref="AppraisalDays"/> is the
/// processing limit of an appraisal (thẩm định), in calendar days from the dossier's receipt: a setting of the appraising
/// body, not a figure this API takes from the law.
/// </summary>
public sealed record CommendationSettings(int AppraisalDays = CommendationSettings.DefaultAppraisalDays)
{
    public const int DefaultAppraisalDays = 20;
    public const int MaxAppraisalDays = 365;
}
