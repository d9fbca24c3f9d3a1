namespace Kata.Tests.Checkpoint09;

using Kata.TestSupport;
using NUnit.Framework;
using Shouldly;

/// <summary>
/// Early stopping on scripted validation curves: "training" epoch e sets every weight and bias to e, and
/// the validation accuracy after epoch e is the curve's e-th value. So the epochs that ran, the curve
/// returned and the weights left in the network show exactly what EarlyStopping.Train did.
/// </summary>
[Checkpoint(9)]
[Grades("EarlyStopping.Train")]
public sealed class EarlyStoppingTests
{
    [Test]
    public void Training_stops_patience_epochs_after_the_best_and_keeps_the_best_weights()
    {
        double[] curve = [0.50, 0.70, 0.80, 0.75, 0.79, 0.60, 0.95, 0.96];

        Script run = Script.Run(curve, maxEpochs: 8, patience: 3);

        run.ShouldHaveRun(epochs: 6, bestEpoch: 3, "epoch 3 is best (0.80); epochs 4, 5 and 6 bring nothing better, so training stops after epoch 6 and never sees 0.95");
    }

    [Test]
    public void A_new_best_within_the_patience_starts_the_count_again()
    {
        double[] curve = [0.50, 0.60, 0.55, 0.58, 0.70, 0.65, 0.64, 0.63, 0.99];

        Script run = Script.Run(curve, maxEpochs: 9, patience: 3);

        run.ShouldHaveRun(epochs: 8, bestEpoch: 5, "epoch 2 is best until epoch 5 beats it; three epochs without a new best follow, so training stops after epoch 8");
    }

    [Test]
    public void Training_runs_every_epoch_while_the_accuracy_keeps_rising()
    {
        double[] curve = [0.30, 0.50, 0.60, 0.65, 0.90];

        Script run = Script.Run(curve, maxEpochs: 4, patience: 2);

        run.ShouldHaveRun(epochs: 4, bestEpoch: 4, "every epoch is a new best, so all maxEpochs = 4 run and the last one is kept");
    }

    [Test]
    public void An_equal_accuracy_is_not_an_improvement()
    {
        double[] curve = [0.60, 0.80, 0.80, 0.80, 0.80];

        Script run = Script.Run(curve, maxEpochs: 5, patience: 2);

        run.ShouldHaveRun(epochs: 4, bestEpoch: 2, "a new best must be strictly higher: epochs 3 and 4 only equal epoch 2, so training stops after epoch 4 and keeps epoch 2");
    }

    [Test]
    public void Patience_of_one_stops_at_the_first_epoch_without_a_new_best()
    {
        double[] curve = [0.40, 0.60, 0.50, 0.90];

        Script run = Script.Run(curve, maxEpochs: 4, patience: 1);

        run.ShouldHaveRun(epochs: 3, bestEpoch: 2, "epoch 3 is worse than epoch 2, and patience 1 allows no second try");
    }

    [Test]
    public void Each_epoch_is_trained_before_it_is_validated_and_numbered_from_one()
    {
        double[] curve = [0.1, 0.2, 0.3];

        Script run = Script.Run(curve, maxEpochs: 3, patience: 1);

        run.Events.ShouldBe(["train 1", "validate", "train 2", "validate", "train 3", "validate"]);
    }

    /// <summary>A scripted run of EarlyStopping.Train on a 3-2-2 network whose parameters record the epoch.</summary>
    internal sealed class Script
    {
        private Script(Network network, List<string> events, List<double> returned, double[] curve)
        {
            Network = network;
            Events = events;
            Returned = returned;
            Curve = curve;
        }

        public Network Network { get; }

        public List<string> Events { get; }

        public List<double> Returned { get; }

        public double[] Curve { get; }

        public static Script Run(double[] curve, int maxEpochs, int patience)
        {
            var network = new Network([new Matrix(3, 2), new Matrix(2, 2)], [new double[2], new double[2]]);
            var events = new List<string>();
            int trained = 0;
            void TrainEpoch(int epoch)
            {
                events.Add($"train {epoch}");
                trained = epoch;

                // "Training" changes the network's own arrays in place, as Train does.
                foreach (Matrix w in network.Weights)
                {
                    Array.Fill(w.Data, (double)epoch);
                }

                foreach (double[] b in network.Biases)
                {
                    Array.Fill(b, (double)epoch);
                }
            }

            double Validate()
            {
                events.Add("validate");
                return curve[trained - 1];
            }

            List<double> returned = EarlyStopping.Train(network, TrainEpoch, Validate, maxEpochs, patience);
            return new Script(network, events, returned, curve);
        }

        public void ShouldHaveRun(int epochs, int bestEpoch, string why)
        {
            int trainedEpochs = Events.Count(e => e.StartsWith("train", StringComparison.Ordinal));
            trainedEpochs.ShouldBe(epochs, $"number of epochs trained: {why}");
            Returned.ShouldNotBeNull("Train returns the validation accuracy of every epoch that ran");
            Returned.ShouldBe(Curve[..epochs], 0.0, $"the validation accuracy of each epoch that ran: {why}");

            double[] parameters = [.. Network.Weights.SelectMany(w => w.Data), .. Network.Biases.SelectMany(b => b)];
            parameters.ShouldAllBe(
                p => p == bestEpoch,
                $"after training the network must hold the weights of the best epoch, {bestEpoch} ({why}); a snapshot must be a copy, because training changes the arrays in place");
        }
    }
}
