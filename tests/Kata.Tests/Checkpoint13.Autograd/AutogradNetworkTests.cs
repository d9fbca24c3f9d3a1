namespace Kata.Tests.Checkpoint13;

using Kata.Tests.Checkpoint04;
using Kata.TestSupport;
using NUnit.Framework;
using Shouldly;

/// <summary>
/// Your network of checkpoints 3–4 through your autograd: the graph's logits are your Forward's, and one
/// Backward gives exactly the gradients your checkpoint-4 Backward works out by hand — for the same weights
/// and the same batch, within 10⁻¹⁰ — and your checkpoint-2 numerical gradient.
/// </summary>
[Checkpoint(13)]
public sealed class AutogradNetworkTests
{
    // The two computations do the same arithmetic in nearly the same order: only rounding may differ.
    private const double Tolerance = 1e-10;

    [Grades("Autograd.Forward")]
    [TestCase(new[] { 4, 5, 3 }, Activation.ReLU)]
    [TestCase(new[] { 4, 6, 5, 3 }, Activation.Sigmoid)]
    [TestCase(new[] { 6, 4 }, Activation.ReLU)]
    public void Forward_builds_a_graph_whose_logits_are_your_network_Forward(int[] sizes, Activation activation)
    {
        Network network = TestNetworks.Random(sizes, activation, seed: 1341);
        Matrix x = TestData.RandomMatrix(7, sizes[0], seed: 1342);

        Tensor logits = Autograd.Forward(new NetworkParameters(network), x);

        logits.Data.ShouldMatch(network.Forward(x), Tolerance, "z = a·W + b per layer, the activation on hidden layers only: your checkpoint-3 Forward");
    }

    [Grades("Autograd.Forward")]
    [Test]
    public void Forward_reaches_every_weight_and_bias_leaf()
    {
        Network network = TestNetworks.Random([3, 4, 2], Activation.ReLU, seed: 1343);
        var parameters = new NetworkParameters(network);

        Tensor logits = Autograd.Forward(parameters, TestData.RandomMatrix(2, 3, seed: 1344));

        List<Tensor> graph = TestAutograd.ReverseTopological(logits, t => t.Inputs);
        foreach ((Tensor leaf, string name) in parameters.Weights.Select((w, l) => (w, $"Weights[{l}]")).Concat(parameters.Biases.Select((b, l) => (b, $"Biases[{l}]"))))
        {
            graph.ShouldContain(leaf, $"the graph of the logits should be built from the leaf {name} of the NetworkParameters it was given (not from a copy), or no gradient can reach it");
        }
    }

    [Grades("Autograd.Backward")]
    [TestCase(new[] { 4, 5, 3 }, Activation.ReLU)]
    [TestCase(new[] { 4, 5, 3 }, Activation.Sigmoid)]
    [TestCase(new[] { 4, 6, 5, 3 }, Activation.ReLU)]
    [TestCase(new[] { 5, 2 }, Activation.Sigmoid)]
    public void Backward_equals_your_checkpoint_4_Backward_for_the_same_weights_and_batch(int[] sizes, Activation activation)
    {
        Network network = TestNetworks.Random(sizes, activation, seed: 1345);
        Matrix x = TestData.RandomMatrix(8, sizes[0], seed: 1346);
        int[] labels = TestNetworks.Labels(8, sizes[^1], seed: 1347);
        Gradients byHand = network.Backward(x, labels);

        Gradients byAutograd = Autograd.Backward(network, x, labels);

        byAutograd.Loss.ShouldBe(byHand.Loss, Tolerance, "the loss before any update, as checkpoint 4 reports it");
        byAutograd.Weights.Length.ShouldBe(network.LayerCount, "one weight gradient per layer");
        byAutograd.Biases.Length.ShouldBe(network.LayerCount, "one bias gradient per layer");
        for (int l = 0; l < network.LayerCount; l++)
        {
            byAutograd.Weights[l].ShouldMatch(byHand.Weights[l], Tolerance, $"∂loss/∂W[{l}] by autograd and by your checkpoint-4 Backward");
            byAutograd.Biases[l].ShouldBe(byHand.Biases[l], Tolerance, $"∂loss/∂b[{l}] by autograd and by your checkpoint-4 Backward");
        }
    }

    [Grades("Autograd.Backward")]
    [Test]
    public void Backward_equals_your_numerical_gradient_with_an_activation_given_by_its_function()
    {
        // Softplus, f(z) = ln(1 + e^z) with f'(z) = σ(z), as checkpoint 4's gradient check gives it.
        var softplus = new ActivationFunction("Softplus", z => Math.Log(1 + Math.Exp(z)), z => 1 / (1 + Math.Exp(-z)), Activation.Sigmoid);
        Network network = TestNetworks.Random([4, 6, 5, 3], softplus, seed: 1348);
        Matrix x = TestData.RandomMatrix(6, 4, seed: 1349);
        int[] labels = [0, 1, 2, 0, 1, 2];

        GradientCheckTests.ShouldAgreeWithNumericalGradient(network, labels, n => Autograd.Backward(n, x, labels), n => n.Forward(x));
    }

    [Grades("Autograd.Backward")]
    [Test]
    public void Backward_does_not_change_the_network_or_the_input()
    {
        Network network = TestNetworks.Random([4, 5, 3], Activation.ReLU, seed: 1350);
        Network before = TestNetworks.Copy(network);
        Matrix x = TestData.RandomMatrix(6, 4, seed: 1351), xBefore = x.Clone();

        Autograd.Backward(network, x, TestNetworks.Labels(6, 3, seed: 1352));

        x.ShouldMatch(xBefore, 0.0, "Backward changed its input");
        for (int l = 0; l < network.LayerCount; l++)
        {
            network.Weights[l].ShouldMatch(before.Weights[l], 0.0, $"Backward changed the weights of layer {l}: only TrainStep updates them");
            network.Biases[l].ShouldBe(before.Biases[l], $"Backward changed the biases of layer {l}: only TrainStep updates them");
        }
    }

    [Grades("Autograd.TrainStep")]
    [Test]
    public void TrainStep_with_Sgd_takes_the_same_step_as_your_checkpoint_4_TrainStep()
    {
        Network network = TestNetworks.Random([4, 5, 3], Activation.ReLU, seed: 1353);
        Network byHand = TestNetworks.Copy(network);
        Matrix x = TestData.RandomMatrix(6, 4, seed: 1354);
        int[] labels = TestNetworks.Labels(6, 3, seed: 1355);

        double loss = Autograd.TrainStep(network, x, labels, new Sgd(0.5));

        loss.ShouldBe(byHand.TrainStep(x, labels, learningRate: 0.5), Tolerance, "TrainStep returns the batch's loss before the step");
        for (int l = 0; l < network.LayerCount; l++)
        {
            network.Weights[l].ShouldMatch(byHand.Weights[l], Tolerance, $"layer {l}: W − η·dW, as checkpoint 4 steps it");
            network.Biases[l].ShouldBe(byHand.Biases[l], Tolerance, $"layer {l}: b − η·db, as checkpoint 4 steps it");
        }
    }

    [Grades("Autograd.TrainStep")]
    [Test]
    public void TrainStep_with_Adam_lowers_the_loss_of_its_batch()
    {
        Network network = TestNetworks.Random([2, 8, 3], Activation.ReLU, seed: 1356);
        Dataset clusters = TestNetworks.ThreeClusters(perClass: 10, seed: 1357);
        var adam = new Adam(0.02);

        double first = Autograd.TrainStep(network, clusters.Images, clusters.Labels, adam);
        double last = first;
        for (int step = 0; step < 50; step++)
        {
            last = Autograd.TrainStep(network, clusters.Images, clusters.Labels, adam);
        }

        last.ShouldBeLessThan(first / 4, "fifty Adam steps on three separated clusters should cut the loss by far more than a factor of 4");
    }
}
