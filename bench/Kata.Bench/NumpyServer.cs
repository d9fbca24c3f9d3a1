using System.Diagnostics;
using System.Text.Json;

namespace Kata.Bench;

/// <summary>
/// A numpy training script (bench/mlp_numpy.py or bench/cnn_numpy.py) started with --serve: it reads the
/// data and the initial weights once, then trains one epoch each time it is asked, so that the C# runs and
/// numpy can take turns epoch by epoch and see the same load on a shared machine.
/// </summary>
internal sealed class NumpyServer : IDisposable
{
    private readonly Process process;
    private readonly Task<string> errors;

    private NumpyServer(Process process, JsonDocument header)
    {
        this.process = process;
        errors = process.StandardError.ReadToEndAsync();
        Header = header;
    }

    /// <summary>What the script said once it was ready: numpy's BLAS, the numbers of training and test images.</summary>
    public JsonDocument Header { get; }

    /// <summary>Starts bench/<paramref name="script"/> --serve, waits until it has read the data, and returns it.</summary>
    public static NumpyServer Start(string python, string script, IEnumerable<string> arguments, string? coreType)
    {
        Process process = Process.Start(Numpy.StartInfo(python, script, [.. arguments, "--serve"], coreType))
            ?? throw new InvalidOperationException($"Could not start {python}.");
        string? first = process.StandardOutput.ReadLine();
        if (first is null)
        {
            string why = process.StandardError.ReadToEnd();
            process.WaitForExit();
            throw new InvalidOperationException($"bench/{script} stopped before it was ready (exit code {process.ExitCode}):\n{why}");
        }

        return new NumpyServer(process, JsonDocument.Parse(first));
    }

    /// <summary>Trains one epoch: its seconds of training and the test accuracy after it.</summary>
    public (double Seconds, double Accuracy) Epoch()
    {
        process.StandardInput.WriteLine("epoch");
        process.StandardInput.Flush();
        string line = process.StandardOutput.ReadLine()
            ?? throw new InvalidOperationException($"numpy stopped in the middle of the run:\n{(process.WaitForExit(10_000) ? errors.Result : string.Empty)}");
        using JsonDocument epoch = JsonDocument.Parse(line);
        return (epoch.RootElement.GetProperty("seconds").GetDouble(), epoch.RootElement.GetProperty("accuracy").GetDouble());
    }

    public void Dispose()
    {
        try
        {
            process.StandardInput.WriteLine("quit");
            process.StandardInput.Close();
            if (!process.WaitForExit(10_000))
            {
                process.Kill();
            }
        }
        catch (IOException)
        {
            // it had stopped already
        }

        Header.Dispose();
        process.Dispose();
    }
}
