using System.Security.Cryptography;
using System.Text;

namespace Kata.Core;

/// <summary>
/// The signature on the test guard's witness lines (<c>[kata-end] &lt;signature&gt; Passed|Failed &lt;test&gt;</c>):
/// an HMAC-SHA256 of the test's full name and outcome with a key the grader makes for each test host and
/// learner code cannot read. Shared by the guard, which signs, and the grader, which checks.
/// </summary>
public static class Witness
{
    /// <summary>The line prefix.</summary>
    public const string Prefix = "[kata-end] ";

    /// <summary>A fresh key, as the grader passes it (hexadecimal).</summary>
    public static string NewKey() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    /// <summary>The signature of <paramref name="outcome"/> for <paramref name="test"/> (32 hexadecimal digits).</summary>
    public static string Sign(byte[] key, string test, string outcome) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(test + "\n" + outcome)))[..32];

    /// <summary>
    /// The outcome each test's witness line gives, from the lines of a host's stderr signed with
    /// <paramref name="hexKey"/>; lines with a wrong signature are counted in <paramref name="forged"/>.
    /// A test witnessed twice keeps "Failed" unless both say "Passed".
    /// </summary>
    public static Dictionary<string, string> Read(IEnumerable<string> lines, string hexKey, out int forged)
    {
        ArgumentNullException.ThrowIfNull(lines);
        byte[] key = Convert.FromHexString(hexKey);
        var outcomes = new Dictionary<string, string>(StringComparer.Ordinal);
        forged = 0;
        foreach (string line in lines)
        {
            if (!line.StartsWith(Prefix, StringComparison.Ordinal) || line[Prefix.Length..].Split(' ', 3) is not [var signature, var outcome, var test])
            {
                continue;
            }

            if (outcome is not ("Passed" or "Failed") || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(signature), Encoding.ASCII.GetBytes(Sign(key, test, outcome))))
            {
                forged++;
                continue;
            }

            outcomes[test] = outcomes.TryGetValue(test, out string? before) && before != outcome ? "Failed" : outcome;
        }

        return outcomes;
    }
}
