namespace Kata.Tests.Checkpoint08;

using Kata.TestSupport;
using NUnit.Framework;
using Shouldly;

[Checkpoint(8)]
public sealed class ShufflingTests
{
    [Grades("Shuffling.Permutation")]
    [TestCase(1)]
    [TestCase(7)]
    [TestCase(100)]
    public void Permutation_holds_every_index_exactly_once(int count)
    {
        int[] order = Shuffling.Permutation(count, new Random(801));

        order.Length.ShouldBe(count, "one entry per sample");
        int[] repeated = [.. order.GroupBy(i => i).Where(g => g.Count() > 1).Select(g => g.Key)];
        repeated.ShouldBeEmpty("these samples come twice (an epoch must visit every sample once: draw without putting back)");
        order.Order().ShouldBe(Enumerable.Range(0, count), "the order must hold exactly the indices 0 to count − 1");
    }

    [Grades("Shuffling.Permutation")]
    [Test]
    public void Permutation_with_the_same_seed_is_the_same_order_and_with_another_seed_another()
    {
        int[] first = Shuffling.Permutation(20, new Random(802));

        Shuffling.Permutation(20, new Random(802)).ShouldBe(first, "the same seed must give the same order: draw every number from the random you are given");
        Shuffling.Permutation(20, new Random(803)).ShouldNotBe(first, "another seed should give another order");
        first.ShouldNotBe(Enumerable.Range(0, 20), "the order should be shuffled, not 0, 1, 2, …");
    }

    [Grades("Shuffling.Permutation")]
    [Test]
    public void Successive_permutations_from_one_random_differ()
    {
        var random = new Random(804);

        int[] epoch1 = Shuffling.Permutation(20, random), epoch2 = Shuffling.Permutation(20, random);

        epoch2.ShouldNotBe(epoch1, "each epoch draws its own order from the same random; a new Random(seed) inside would repeat the first");
    }

    [Grades("Shuffling.Permutation")]
    [Test]
    public void Every_order_of_three_samples_is_equally_likely()
    {
        // Over 60,000 draws each of the 6 orders should come about 1/6 of the time (±0.008, five standard
        // errors). Swapping every entry with one chosen from the whole array — not only from those not yet
        // placed — favours some orders: 5/27 against 4/27.
        var random = new Random(805);
        var counts = new Dictionary<string, int>();
        const int Draws = 60_000;
        for (int i = 0; i < Draws; i++)
        {
            string order = string.Join(",", Shuffling.Permutation(3, random));
            counts[order] = counts.GetValueOrDefault(order) + 1;
        }

        counts.Count.ShouldBe(6, $"all 6 orders of 3 samples should appear; got {string.Join(" ", counts.Keys)}");
        foreach ((string order, int count) in counts)
        {
            ((double)count / Draws).ShouldBe(1.0 / 6, 0.008, $"the share of the order {order}");
        }
    }

    [Grades("Shuffling.Batches")]
    [Test]
    public void Batches_hold_every_sample_exactly_once_with_its_own_label()
    {
        (Matrix x, int[] labels) = Numbered(10);

        List<Dataset> batches = Shuffling.Batches(x, labels, batchSize: 4, new Random(806));

        batches.Select(b => b.Count).ShouldBe([4, 4, 2], "10 samples in batches of 4: 4, 4 and the remaining 2");
        var seen = new List<int>();
        foreach (Dataset batch in batches)
        {
            for (int r = 0; r < batch.Count; r++)
            {
                int sample = (int)batch.Images[r, 0];
                batch.Images[r, 1].ShouldBe(100 + sample, $"row {r} of a batch mixes the pixels of two samples");
                batch.Labels[r].ShouldBe(sample % 3, $"sample {sample} arrived with the label of another sample: shuffle labels with the same order as the rows");
                seen.Add(sample);
            }
        }

        seen.Order().ShouldBe(Enumerable.Range(0, 10), "every sample once per epoch");
    }

    [Grades("Shuffling.Batches")]
    [Test]
    public void Batches_follow_one_Permutation_of_the_samples()
    {
        (Matrix x, int[] labels) = Numbered(11);

        List<Dataset> batches = Shuffling.Batches(x, labels, batchSize: 3, new Random(807));

        int[] visited = [.. batches.SelectMany(b => Enumerable.Range(0, b.Count).Select(r => (int)b.Images[r, 0]))];
        visited.ShouldBe(Shuffling.Permutation(11, new Random(807)), "the rows in the order of Shuffling.Permutation(x.Rows, random), drawn first with the same random");
    }

    [Grades("Shuffling.Batches")]
    [Test]
    public void Successive_epochs_come_in_different_orders_and_the_same_seed_repeats_them()
    {
        (Matrix x, int[] labels) = Numbered(20);
        var random = new Random(808);
        var again = new Random(808);

        int[] epoch1 = Order(Shuffling.Batches(x, labels, 6, random)), epoch2 = Order(Shuffling.Batches(x, labels, 6, random));

        epoch2.ShouldNotBe(epoch1, "the second epoch should visit the samples in another order");
        Order(Shuffling.Batches(x, labels, 6, again)).ShouldBe(epoch1, "the same seed should give the same first epoch");
        Order(Shuffling.Batches(x, labels, 6, again)).ShouldBe(epoch2, "and the same second epoch");

        static int[] Order(List<Dataset> batches) => [.. batches.SelectMany(b => Enumerable.Range(0, b.Count).Select(r => (int)b.Images[r, 0]))];
    }

    [Grades("Shuffling.Batches")]
    [Test]
    public void Batches_do_not_change_the_data()
    {
        (Matrix x, int[] labels) = Numbered(9);
        Matrix xBefore = x.Clone();
        int[] labelsBefore = [.. labels];

        Shuffling.Batches(x, labels, 4, new Random(809));

        x.ShouldMatch(xBefore, 0.0, "Batches changed the images it was given");
        labels.ShouldBe(labelsBefore, "Batches changed the labels it was given");
    }

    // Sample i has the pixels [i, 100 + i] and the label i mod 3: every row says which sample it is.
    internal static (Matrix X, int[] Labels) Numbered(int count)
    {
        var x = new Matrix(count, 2);
        for (int i = 0; i < count; i++)
        {
            x[i, 0] = i;
            x[i, 1] = 100 + i;
        }

        return (x, [.. Enumerable.Range(0, count).Select(i => i % 3)]);
    }
}
