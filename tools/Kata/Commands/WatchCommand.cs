using System.CommandLine;
using System.Globalization;
using System.Threading.Channels;
using Kata.Cli.Infrastructure;
using Kata.Cli.Learner;

namespace Kata.Cli.Commands;

/// <summary>
/// `kata watch` — re-runs the current checkpoint's tests whenever a file under exercises/ is saved
/// and prints a short verdict: the count and the one failure to look at. Keys: h hint, n next,
/// r run again, q quit. When the checkpoint passes, the tests reveal the next one and the watch
/// moves on to it.
/// </summary>
public static class WatchCommand
{
    public static Command Create()
    {
        var checkpoint = new Argument<int?>("checkpoint")
        {
            Description = "Watch this checkpoint, locked or not (default: the one you are working on, following along as you unlock more).",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var command = new Command(
            "watch",
            "Re-run the current checkpoint's tests each time you save a file under exercises/, and show the first failure. "
            + "In a terminal: h hint, n next checkpoint, r run again, q quit. Without a terminal it runs until stopped (Ctrl+C, SIGTERM). "
            + "Exit code 0 when you quit, 130 when stopped with Ctrl+C.")
        {
            checkpoint,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var watcher = new Watcher(KataState.Load(), parse.GetValue(checkpoint));
            return await watcher.RunAsync(cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>One watch session.</summary>
    private sealed class Watcher : IDisposable
    {
        // Editors save in bursts (write, rename, touch): wait until the files are quiet this long.
        private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(200);

        // Also look every second, in case the file system does not report a change (network drives, some containers).
        private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

        private static readonly string[] WatchedExtensions = [".cs", ".md", ".csproj", ".json"];

        private readonly string _root;
        private readonly string _exercises;
        private readonly bool _follow;
        private readonly CheckpointRunner _runner;
        private readonly Channel<char?> _signals = Channel.CreateUnbounded<char?>();
        private readonly CancellationTokenSource _quit = new();
        private readonly FileSystemWatcher? _files;
        private long _lastEventTicks;
        private int _watched;
        private bool _startPending;
        private Verdict? _last;

        public Watcher(KataState state, int? checkpoint)
        {
            _root = state.Root;
            _exercises = Path.Combine(_root, "exercises");
            if (!Directory.Exists(_exercises))
            {
                throw new KataException($"There is no exercises/ folder in {_root}. Run kata watch in your copy of the kata.", ExitCodes.Environment);
            }

            _watched = state.Resolve(checkpoint).Checkpoint.Id;
            _follow = checkpoint is null;
            _runner = new CheckpointRunner(_root, warm: true);
            try
            {
                _files = new FileSystemWatcher(_exercises)
                {
                    IncludeSubdirectories = true,
                    NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
                };
                _files.Changed += (_, e) => OnFileEvent(e.FullPath);
                _files.Created += (_, e) => OnFileEvent(e.FullPath);
                _files.Deleted += (_, e) => OnFileEvent(e.FullPath);
                _files.Renamed += (_, e) => OnFileEvent(e.FullPath);
                _files.EnableRaisingEvents = true;
            }
            catch (Exception error) when (error is IOException or PlatformNotSupportedException or ArgumentException)
            {
                // No file events here (e.g. inotify limit reached): the one-second poll still sees every save.
                _files?.Dispose();
                _files = null;
            }
        }

        public async Task<int> RunAsync(CancellationToken interrupt)
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(interrupt, _quit.Token);
            CancellationToken stop = linked.Token;
            if (Terminal.IsInteractive)
            {
                new Thread(ReadKeys) { IsBackground = true, Name = "kata watch keys" }.Start();
            }

            try
            {
                Header();
                Dictionary<string, FileStamp> seen = Snapshot();
                await RunTestsAsync("start", savedAt: null, stop).ConfigureAwait(false);
                while (true)
                {
                    char? key = await NextSignalAsync(stop).ConfigureAwait(false);
                    if (key is { } k)
                    {
                        await OnKeyAsync(k, stop).ConfigureAwait(false);
                        continue;
                    }

                    if (Differs(seen, Snapshot()))
                    {
                        Dictionary<string, FileStamp> now = await SettleAsync(stop).ConfigureAwait(false);
                        var changed = Changed(seen, now);
                        seen = now;
                        if (changed.Count == 0)
                        {
                            continue; // Changed and changed back (an editor's temporary write): nothing to run.
                        }

                        DateTimeOffset? savedAt = changed.Select(p => now.TryGetValue(p, out FileStamp s) ? s.Written : (DateTimeOffset?)null).Max();
                        string what = changed.Count == 1 ? $"{Path.GetFileName(changed[0])} saved" : $"{changed.Count} files saved";
                        await RunTestsAsync(what, savedAt, stop).ConfigureAwait(false);
                    }
                }
            }
            catch (OperationCanceledException)
            {
                if (interrupt.IsCancellationRequested)
                {
                    Terminal.Line();
                    Terminal.Line("Stopped.");
                    return ExitCodes.Interrupted;
                }

                Terminal.Line("Bye. `./kata status` shows where you are.");
                return ExitCodes.Ok;
            }
        }

        public void Dispose()
        {
            _files?.Dispose();
            _runner.Dispose();
            _quit.Dispose();
        }

        private void Header()
        {
            Checkpoint checkpoint = Curriculum().Find(_watched)!;
            Terminal.Line($"[bold]kata watch[/] · {Terminal.Escape(checkpoint.Name)}");
            Terminal.Line(Terminal.IsInteractive
                ? $"Watching exercises/ — save a file to run the tests. {Keys}"
                : "Watching exercises/ — save a file to run the tests. Stop with Ctrl+C.");
        }

        private static string Keys => "[grey][[h]] hint  [[n]] next  [[r]] run again  [[q]] quit[/]";

        private async Task RunTestsAsync(string why, DateTimeOffset? savedAt, CancellationToken stop)
        {
            Curriculum curriculum = Curriculum();
            int checkpoint = _watched;
            _startPending = false;
            Terminal.Rule($"{DateTime.Now.ToString("HH:mm:ss", CultureInfo.InvariantCulture)} · {why} · checkpoint {checkpoint}");
            Verdict verdict = await Task.Run(
                () => Terminal.Busy($"Running the tests of checkpoint {checkpoint} …", () => _runner.Run(checkpoint, stop)),
                stop).ConfigureAwait(false);
            _last = verdict;
            TimeSpan? afterSave = savedAt is { } t ? DateTimeOffset.Now - t : null;
            VerdictView.Write(verdict, curriculum, afterSave);

            KataState state = KataState.Load(_root);
            if (_follow && state.Unlocked > _watched && state.Curriculum.Find(state.Unlocked) is { } next)
            {
                Terminal.Line();
                Terminal.Line($"[green]🔓 {Terminal.Escape(curriculum.Find(checkpoint)!.Name)} is complete: {Terminal.Escape(next.Name)} is unlocked.[/]");
                Intro.Write(next, watching: true);
                _watched = next.Id;
                _startPending = true;
                Terminal.Line(Terminal.IsInteractive
                    ? "Press n to run its tests now, or save a file."
                    : "Save a file to run its tests.");
            }
            else if (verdict.Kind == VerdictKind.AllPass && state.AllDone)
            {
                Terminal.Line(Terminal.Escape(state.NextStep()));
            }

            if (Terminal.IsInteractive)
            {
                Terminal.Line(Keys);
            }
        }

        private async Task OnKeyAsync(char key, CancellationToken stop)
        {
            switch (char.ToLowerInvariant(key))
            {
                case 'h':
                    Hints.Show(_root, KataState.Load(_root).Resolve(_watched), watching: true);
                    break;
                case 'n':
                    await NextAsync(stop).ConfigureAwait(false);
                    break;
                case 'r' or '\r' or '\n':
                    await RunTestsAsync("run again", savedAt: null, stop).ConfigureAwait(false);
                    break;
                default:
                    Terminal.Line(Keys);
                    break;
            }
        }

        private async Task NextAsync(CancellationToken stop)
        {
            if (_startPending)
            {
                await RunTestsAsync("next checkpoint", savedAt: null, stop).ConfigureAwait(false);
                return;
            }

            Curriculum curriculum = Curriculum();
            if (_last is { Kind: VerdictKind.AllPass } && _last.Checkpoint == _watched && curriculum.After(_watched) is { } next
                && (!_follow || KataState.Load(_root).Unlocked >= next.Id))
            {
                _watched = next.Id;
                Intro.Write(next, watching: true);
                await RunTestsAsync("next checkpoint", savedAt: null, stop).ConfigureAwait(false);
                return;
            }

            if (_last is { Kind: VerdictKind.AllPass } && curriculum.After(_watched) is null)
            {
                Terminal.Line(Terminal.Escape(KataState.Load(_root).NextStep()));
                return;
            }

            string counts = _last is { Kind: VerdictKind.SomeFail } v ? $" ({v.Passed} of {v.Total} pass)" : string.Empty;
            Terminal.Line($"Checkpoint {_watched} does not pass yet{counts}: the next one opens when it does. Press h for a hint.");
        }

        // Waits for a key (returned) or a file event or the poll interval (null).
        private async Task<char?> NextSignalAsync(CancellationToken stop)
        {
            using var poll = CancellationTokenSource.CreateLinkedTokenSource(stop);
            poll.CancelAfter(Poll);
            try
            {
                char? signal = await _signals.Reader.ReadAsync(poll.Token).ConfigureAwait(false);
                if (signal is null)
                {
                    // Many events arrive per save: one look at the files is enough.
                    while (_signals.Reader.TryPeek(out char? more) && more is null)
                    {
                        _signals.Reader.TryRead(out _);
                    }
                }

                return signal;
            }
            catch (OperationCanceledException) when (!stop.IsCancellationRequested)
            {
                return null;
            }
        }

        // Waits until no file event came for Quiet and the files look the same twice in a row.
        private async Task<Dictionary<string, FileStamp>> SettleAsync(CancellationToken stop)
        {
            Dictionary<string, FileStamp> before = Snapshot();
            while (true)
            {
                await Task.Delay(Quiet, stop).ConfigureAwait(false);
                Dictionary<string, FileStamp> after = Snapshot();
                bool quiet = DateTime.UtcNow.Ticks - Interlocked.Read(ref _lastEventTicks) >= Quiet.Ticks;
                if (quiet && !Differs(before, after))
                {
                    return after;
                }

                before = after;
            }
        }

        private void OnFileEvent(string path)
        {
            if (IsWatched(path))
            {
                Interlocked.Exchange(ref _lastEventTicks, DateTime.UtcNow.Ticks);
                _signals.Writer.TryWrite(null);
            }
        }

        private void ReadKeys()
        {
            while (!_quit.IsCancellationRequested)
            {
                ConsoleKeyInfo key;
                try
                {
                    key = Console.ReadKey(intercept: true);
                }
                catch (InvalidOperationException)
                {
                    return; // No console after all.
                }

                if (key.Key == ConsoleKey.Escape || char.ToLowerInvariant(key.KeyChar) == 'q')
                {
                    _quit.Cancel(); // Also stops a test run in progress.
                    return;
                }

                _signals.Writer.TryWrite(key.KeyChar);
            }
        }

        private bool IsWatched(string path)
        {
            string relative = Path.GetRelativePath(_exercises, path).Replace('\\', '/');
            string name = Path.GetFileName(relative);
            return WatchedExtensions.Contains(Path.GetExtension(name), StringComparer.OrdinalIgnoreCase)
                && !name.StartsWith('.')
                && !relative.Split('/').Any(part => part is "bin" or "obj");
        }

        private Dictionary<string, FileStamp> Snapshot()
        {
            var files = new Dictionary<string, FileStamp>(StringComparer.Ordinal);
            var folders = new Stack<string>([_exercises]);
            while (folders.TryPop(out string? folder))
            {
                try
                {
                    foreach (string path in Directory.EnumerateFiles(folder).Where(IsWatched))
                    {
                        var info = new FileInfo(path);
                        if (info.Exists)
                        {
                            files[path] = new FileStamp(info.Length, new DateTimeOffset(info.LastWriteTimeUtc));
                        }
                    }

                    // Build output changes on every run and is never the learner's: do not even look.
                    foreach (string sub in Directory.EnumerateDirectories(folder).Where(d => Path.GetFileName(d) is not ("bin" or "obj") && !Path.GetFileName(d).StartsWith('.')))
                    {
                        folders.Push(sub);
                    }
                }
                catch (Exception error) when (error is IOException or UnauthorizedAccessException)
                {
                    // A folder removed while we looked: the next look sees the new state.
                }
            }

            return files;
        }

        private static bool Differs(Dictionary<string, FileStamp> a, Dictionary<string, FileStamp> b) =>
            a.Count != b.Count || a.Any(entry => !b.TryGetValue(entry.Key, out FileStamp other) || other != entry.Value);

        private static List<string> Changed(Dictionary<string, FileStamp> before, Dictionary<string, FileStamp> after) =>
            [.. after.Where(e => !before.TryGetValue(e.Key, out FileStamp old) || old != e.Value).Select(e => e.Key)
                .Concat(before.Keys.Where(k => !after.ContainsKey(k)))];

        private Curriculum Curriculum() => Kata.Core.Curriculum.Load(_root);

        private readonly record struct FileStamp(long Length, DateTimeOffset Written);
    }
}
