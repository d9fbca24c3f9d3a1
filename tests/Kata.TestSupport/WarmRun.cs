using System.Globalization;
using System.Reflection;
using System.Xml.Linq;
using Kata.Core;
using NUnit.Framework.Api;
using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal;

namespace Kata.TestSupport;

/// <summary>
/// Where <c>kata watch</c>'s warm worker (tools/Kata/Learner/Warm) runs a checkpoint's tests: the built test
/// assembly, loaded with the freshly compiled learner code into a load context of its own, run by NUnit's
/// own runner with the filter <c>dotnet test --filter Checkpoint=N</c> gives it. Everything else is what
/// <c>dotnet test</c> runs: this assembly's <see cref="KataRunAttribute"/> (reveal, guard, allowlist, the
/// <c>[kata]</c> lines) and each result turned into a <see cref="TestRecord"/> by <see cref="TestRecord.From"/>,
/// as the kata logger turns the adapter's. Never used by a grade: grading runs dotnet test in its sandbox.
/// </summary>
public static class WarmRun
{
    /// <summary>
    /// Runs the tests of <paramref name="checkpoints"/> (kata watch asks for one) in <paramref name="tests"/>. What the tests print
    /// (the kata's lines among it) goes to <paramref name="message"/> as NUnit reports it, each result to
    /// <paramref name="result"/> as a <see cref="LiveResults"/> line. True when learner code is still running
    /// (a runaway loop parked by the guard), so that the caller starts afresh.
    /// </summary>
    public static bool Run(Assembly tests, int[] checkpoints, Action<string> message, Action<string> result)
    {
        ArgumentNullException.ThrowIfNull(tests);
        ArgumentNullException.ThrowIfNull(checkpoints);
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(result);
        var runner = new NUnitTestAssemblyRunner(new DefaultTestAssemblyBuilder());
        ITest loaded = runner.Load(tests, new Dictionary<string, object>());

        // What the NUnit adapter runs for `dotnet test --filter Checkpoint=N` (or `Checkpoint=1|Checkpoint=2`):
        // the tests whose Checkpoint trait (their own property or a suite's above them) matches, named one by
        // one; hidden (Explicit) ones only when every test selected is hidden, as when a locked checkpoint is
        // run early. A run that selects nothing does not start.
        var selected = new List<ITest>();
        void Select(ITest node)
        {
            if (!node.IsSuite)
            {
                if (InCheckpoint(node, checkpoints))
                {
                    selected.Add(node);
                }

                return;
            }

            foreach (ITest child in node.Tests)
            {
                Select(child);
            }
        }

        Select(loaded);
        if (selected.Any(t => !IsExplicit(t)))
        {
            selected.RemoveAll(IsExplicit);
        }

        if (selected.Count > 0)
        {
            var names = new XElement("filter", new XElement("or", selected.Select(t => new XElement("test", t.FullName))));
            runner.Run(new Listener(message, result), TestFilter.FromXml(names.ToString(SaveOptions.DisableFormatting)));
        }

        return Runaways.Any || LearnerLoading.Blocked is not null;
    }

    private static bool IsExplicit(ITest test)
    {
        for (ITest? node = test; node is not null; node = node.Parent)
        {
            if (node.RunState == RunState.Explicit)
            {
                return true;
            }
        }

        return false;
    }

    private static bool InCheckpoint(ITest test, int[] checkpoints)
    {
        for (ITest? node = test; node is not null; node = node.Parent)
        {
            if (node.Properties[CheckpointAttribute.PropertyName].Cast<object?>().Any(v => int.TryParse(Convert.ToString(v, CultureInfo.InvariantCulture), NumberStyles.None, CultureInfo.InvariantCulture, out int n) && checkpoints.Contains(n)))
            {
                return true;
            }
        }

        return false;
    }

    // The outcome VSTest gets from the NUnit adapter (its TestConverter): an ignored test is Skipped, another
    // skipped one (Explicit) None, a warning Skipped, an inconclusive one None.
    private static string Outcome(ResultState state) => state.Status switch
    {
        TestStatus.Passed => "Passed",
        TestStatus.Failed => "Failed",
        TestStatus.Skipped => state.Label == "Ignored" ? "Skipped" : "None",
        TestStatus.Warning => "Skipped",
        _ => "None",
    };

    private static TestRecord Record(ITestResult result)
    {
        // The adapter's traits: the properties of the test and of every suite above it, not NUnit's own (_…).
        var traits = new List<KeyValuePair<string, string>>();
        for (ITest? node = result.Test; node is not null; node = node.Parent)
        {
            foreach (string key in node.Properties.Keys.Where(k => !k.StartsWith('_')))
            {
                traits.AddRange(node.Properties[key].Cast<object?>().Select(v => KeyValuePair.Create(key, Convert.ToString(v, CultureInfo.InvariantCulture) ?? string.Empty)));
            }
        }

        string outcome = Outcome(result.ResultState);
        return TestRecord.From(
            result.Test.Name,
            result.Test.FullName,
            outcome,
            traits,
            outcome == "Passed" ? null : AsXmlReadsIt(result.Message),
            outcome == "Failed" ? AsXmlReadsIt(result.StackTrace) : null,
            TimeSpan.FromSeconds(result.Duration));
    }

    // A message as the adapter reads it back from NUnit's XML: line ends made \n (XML's rule), and what XML
    // cannot hold written as NUnit writes it (\u0001).
    private static string? AsXmlReadsIt(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var kept = new System.Text.StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '\r')
            {
                kept.Append('\n');
                if (i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }
            }
            else if (c is '\t' or '\n' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD))
            {
                kept.Append(c);
            }
            else if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                kept.Append(c).Append(text[++i]);
            }
            else
            {
                kept.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
        }

        return kept.ToString();
    }

    private sealed class Listener(Action<string> message, Action<string> result) : ITestListener
    {
        public void TestStarted(ITest test)
        {
        }

        public void TestFinished(ITestResult outcome)
        {
            if (!outcome.Test.IsSuite)
            {
                result(LiveResults.ResultLine(Record(outcome)));
            }
        }

        public void TestOutput(TestOutput output) => message(output.Text);

        public void SendMessage(TestMessage testMessage)
        {
        }
    }
}
