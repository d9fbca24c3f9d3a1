using System.Diagnostics;
using System.Globalization;

namespace Kata.TestSupport;

/// <summary>
/// Measures how much CPU time one thread (a test body) has used, so that a time limit means "this much
/// work" rather than "this much waiting" and holds on a busy machine. Linux reads
/// <c>/proc/self/task/&lt;tid&gt;/stat</c>; Windows asks for the thread's processor time; elsewhere only
/// the wall clock is known.
/// </summary>
internal sealed class ThreadClock
{
    private const double TicksPerSecond = 100; // USER_HZ: the unit of utime and stime in /proc on Linux
    private readonly Stopwatch _wall = Stopwatch.StartNew();
    private volatile int _threadId;

    /// <summary>True when CPU time is known on this system (else limits use the wall clock).</summary>
    public bool MeasuresCpu { get; } = OperatingSystem.IsLinux() || OperatingSystem.IsWindows();

    /// <summary>CPU seconds used by the attached thread so far (0 before it is attached).</summary>
    public double CpuSeconds
    {
        get
        {
            int tid = _threadId;
            if (tid == 0)
            {
                return 0;
            }

            try
            {
                if (OperatingSystem.IsLinux())
                {
                    // "tid (comm) state ppid … utime stime …": fields 14 and 15, counted after the ')'.
                    string stat = File.ReadAllText($"/proc/self/task/{tid}/stat");
                    string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                    return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
                }

                using Process self = Process.GetCurrentProcess();
                return self.Threads.Cast<ProcessThread>().FirstOrDefault(t => t.Id == tid)?.TotalProcessorTime.TotalSeconds ?? 0;
            }
            catch (Exception error) when (error is IOException or FormatException or IndexOutOfRangeException or InvalidOperationException)
            {
                return 0; // The thread has ended.
            }
        }
    }

    /// <summary>Seconds on the wall clock since the clock was made.</summary>
    public double WallSeconds => _wall.Elapsed.TotalSeconds;

    /// <summary>
    /// Seconds the attached thread spent asleep (waiting for a lock, a timer or a read, not for a CPU), from
    /// its state sampled while <see cref="Wait"/> waits (Linux; 0 elsewhere).
    /// </summary>
    public double SleepSeconds { get; private set; }

    /// <summary>Why <see cref="Wait"/> stopped waiting.</summary>
    public enum Outcome
    {
        /// <summary>The task finished.</summary>
        Finished,

        /// <summary>The thread used its CPU time.</summary>
        Cpu,

        /// <summary>The thread slept as long as its CPU time limit.</summary>
        Sleep,

        /// <summary>The wall clock ran out.</summary>
        Wall,
    }

    /// <summary>Called on the thread to measure.</summary>
    public void AttachToCurrentThread() => _threadId = NativeMethods.CurrentThreadId();

    /// <summary>
    /// Waits for <paramref name="task"/>. Stops when the attached thread used <paramref name="limitSeconds"/>
    /// of CPU time, or slept that long (a call that sleeps or waits forever uses no CPU), or the wall
    /// clock reached <paramref name="wallFactor"/> times that (only the plain limit on the wall clock where
    /// CPU time is not known). Rethrows the task's exception.
    /// </summary>
    public Outcome Wait(Task task, double limitSeconds, int wallFactor)
    {
        double wallLimit = MeasuresCpu ? limitSeconds * wallFactor : limitSeconds;
        double last = WallSeconds;
        while (true)
        {
            if (task.Wait(TimeSpan.FromMilliseconds(100)))
            {
                return Outcome.Finished;
            }

            double now = WallSeconds;
            if (IsAsleep())
            {
                SleepSeconds += now - last;
            }

            last = now;
            if (MeasuresCpu && CpuSeconds >= limitSeconds)
            {
                return Outcome.Cpu;
            }

            if (SleepSeconds >= limitSeconds)
            {
                return Outcome.Sleep;
            }

            if (now >= wallLimit)
            {
                return Outcome.Wall;
            }
        }
    }

    // The attached thread's state is S (sleeping) or D (waiting for a device): off the CPU by its own doing.
    // A thread that waits for a CPU on a busy machine is R, and does not count.
    private bool IsAsleep()
    {
        int tid = _threadId;
        if (!OperatingSystem.IsLinux() || tid == 0)
        {
            return false;
        }

        try
        {
            string stat = File.ReadAllText($"/proc/self/task/{tid}/stat");
            int at = stat.LastIndexOf(')') + 2;
            return at < stat.Length && stat[at] is 'S' or 'D';
        }
        catch (IOException)
        {
            return false; // the thread has ended
        }
    }

    /// <summary>
    /// Lowers the attached thread to the least CPU the system gives (Linux: SCHED_IDLE, which runs only
    /// when nothing else wants the core). .NET cannot stop a thread; this keeps a runaway loop from
    /// slowing down every later test. Elsewhere it does nothing.
    /// </summary>
    public void ParkAttachedThread()
    {
        if (OperatingSystem.IsLinux() && _threadId != 0)
        {
            NativeMethods.SetIdleScheduling(_threadId);
        }
    }
}
