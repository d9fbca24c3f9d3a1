using NUnit.Framework.Interfaces;

namespace Kata.TestSupport;

/// <summary>Counts results per checkpoint from NUnit's test and result trees.</summary>
internal static class RunTally
{
    /// <summary>How many test cases each checkpoint has in this assembly (hold-outs included when present).</summary>
    public static SortedDictionary<int, int> Plan(ITest assembly)
    {
        var plan = new SortedDictionary<int, int>();
        Walk(assembly);
        return plan;

        void Walk(ITest node)
        {
            if (node.IsSuite)
            {
                foreach (ITest child in node.Tests)
                {
                    Walk(child);
                }
            }
            else if (KataRunAttribute.CheckpointOf(node) is int checkpoint)
            {
                plan[checkpoint] = plan.GetValueOrDefault(checkpoint) + 1;
            }
        }
    }

    public static SortedDictionary<int, CheckpointTally> Count(ITest assembly, ITestResult result)
    {
        var results = new Dictionary<string, ITestResult>();
        Index(result);
        var tally = new SortedDictionary<int, CheckpointTally>();
        Walk(assembly, holdOut: false);
        return tally;

        void Index(ITestResult node)
        {
            results[node.Test.Id] = node;
            foreach (ITestResult child in node.Children)
            {
                Index(child);
            }
        }

        void Walk(ITest node, bool holdOut)
        {
            holdOut |= node.Properties[KindProperty.Name].Contains(KindProperty.HoldOut);
            if (node.IsSuite)
            {
                foreach (ITest child in node.Tests)
                {
                    Walk(child, holdOut);
                }

                return;
            }

            if (holdOut || KataRunAttribute.CheckpointOf(node) is not int checkpoint)
            {
                return;
            }

            if (!tally.TryGetValue(checkpoint, out CheckpointTally? t))
            {
                tally[checkpoint] = t = new CheckpointTally();
            }

            t.Total++;
            if (results.TryGetValue(node.Id, out ITestResult? r) && r.ResultState.Status != TestStatus.Skipped
                && r.ResultState.Status != TestStatus.Inconclusive)
            {
                t.Ran++;
                if (r.ResultState.Status == TestStatus.Passed)
                {
                    t.Passed++;
                }
            }
        }
    }
}
