namespace Kata.TestSupport;

/// <summary>
/// The kata's own rules (learner code is BCL-only, the tracks are twins): no checkpoint, no points,
/// but the grader refuses a submission that breaks them. Filter with <c>--filter Kind=Rules</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = true)]
public sealed class KataRulesAttribute() : PropertyAttribute(KindProperty.Name, KindProperty.Rules);
