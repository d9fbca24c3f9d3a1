namespace NeuralNet;

internal static class Hang
{
    [System.Runtime.CompilerServices.ModuleInitializer]
    internal static void Forever()
    {
        while (true)
        {
        }
    }
}
