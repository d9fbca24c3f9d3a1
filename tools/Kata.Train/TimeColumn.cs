using Spectre.Console;
using Spectre.Console.Rendering;

namespace Kata.Train;

/// <summary>
/// A progress bar's column "0:12 elapsed · 1:05 left": Spectre's own elapsed and remaining columns
/// show two bare clocks that do not say which is which.
/// </summary>
internal sealed class TimeColumn : ProgressColumn
{
    protected override bool NoWrap => true;

    public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime)
    {
        ArgumentNullException.ThrowIfNull(task);
        string elapsed = RunClock.Format(task.ElapsedTime ?? TimeSpan.Zero);
        string left = task.IsFinished ? "done" : task.RemainingTime is { } remaining ? $"{RunClock.Format(remaining)} left" : "… left";
        return new Text($"{elapsed} elapsed · {left}", new Style(Color.Grey));
    }
}
