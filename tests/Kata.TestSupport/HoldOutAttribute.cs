namespace Kata.TestSupport;

/// <summary>
/// An instructor's hold-out test: learners never see it (the release export strips every file under a
/// HoldOut folder), and it runs only in grade mode. It must still fail on the stubs and pass on the
/// solutions like every graded test. Filter with <c>--filter Kind=HoldOut</c> or <c>Kind!=HoldOut</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed class HoldOutAttribute() : PropertyAttribute(KindProperty.Name, KindProperty.HoldOut);
