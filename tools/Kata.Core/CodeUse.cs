namespace Kata.Core;

/// <summary>
/// One thing a compiled learner assembly uses from outside itself, and where: a member ("System.Math::Sqrt",
/// IL names such as <c>.ctor</c> and <c>get_Length</c>), a type ("System.IO.Stream"), or something the
/// kata refuses whatever its name (a P/Invoke, a module initializer, a function pointer: <see cref="Structural"/>).
/// </summary>
/// <param name="Type">The type's full name, nested types with '+', generic arity with '`' ("System.Collections.Generic.List`1").</param>
/// <param name="Member">The member's IL name, or null when only the type is used.</param>
/// <param name="Site">The learner's method (or type) that uses it, as a learner reads it: "LinearAlgebra.Add".</param>
/// <param name="Location">"exercises/Checkpoint01.LinearAlgebra/LinearAlgebra.cs:line 42" when the PDB tells, else null.</param>
/// <param name="Structural">For a use refused by its form rather than its name: why, in words; else null.</param>
public sealed record CodeUse(string Type, string? Member, string Site, string? Location, string? Structural = null)
{
    /// <summary>"System.Math::Sqrt" or "System.IO.Stream", as the allowlist writes it.</summary>
    public string Name => Member is null ? Type : $"{Type}::{Member}";

    /// <summary>The use as a sentence reads it: "System.Math.Sqrt", "new System.Random(…)", "System.Array.Length".</summary>
    public string Display => Member switch
    {
        null => Type.Replace('+', '.'),
        ".ctor" => $"new {Type.Replace('+', '.')}(…)",
        _ when Member.StartsWith("get_", StringComparison.Ordinal) || Member.StartsWith("set_", StringComparison.Ordinal) => $"{Type.Replace('+', '.')}.{Member[4..]}",
        _ => $"{Type.Replace('+', '.')}.{Member}",
    };

    /// <summary>"LinearAlgebra.Add (exercises/…/LinearAlgebra.cs:line 42)".</summary>
    public string Where => Location is null ? Site : $"{Site} ({Location})";
}
