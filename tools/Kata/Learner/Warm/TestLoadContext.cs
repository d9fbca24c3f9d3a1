using System.Reflection;
using System.Runtime.Loader;

namespace Kata.Cli.Learner.Warm;

/// <summary>
/// One run's assemblies: the built tests and everything beside them (tests/Kata.Tests/bin/…), with the learner
/// projects compiled since that build taking the place of their built copies. Collectible, so that the next
/// run starts from fresh statics (the guard's runaways, the reveal's progress) and its memory goes. The test
/// libraries (NUnit, Shouldly) come from <see cref="Shared"/>, loaded once per worker: compiling their code
/// again for every run would cost more than the tests. The built files are loaded from their copies
/// (<see cref="BuiltCopies"/>), so that a file a build rewrote is never served from an earlier run's image.
/// </summary>
internal sealed class TestLoadContext(string testBin, IReadOnlyDictionary<string, string> replaced, TestLoadContext.Shared libraries, BuiltCopies copies)
    : AssemblyLoadContext("kata watch tests", isCollectible: true)
{
    protected override Assembly? Load(AssemblyName assemblyName)
    {
        string name = assemblyName.Name ?? string.Empty;
        if (replaced.TryGetValue(name, out string? fresh))
        {
            return LoadFromAssemblyPath(fresh);
        }

        if (libraries.Load(name) is { } shared)
        {
            return shared;
        }

        // Everything else the tests bring (test support, learner code); the .NET library is the worker's own.
        string built = Path.Combine(testBin, name + ".dll");
        return File.Exists(built) ? LoadFromAssemblyPath(copies.Of(built)) : null;
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName) => IntPtr.Zero;

    /// <summary>
    /// The test libraries, kept for the worker's life: they hold no state of a run's that matters (NUnit's
    /// context is per run, the guard's state lives in test support). Each file is the test build's; when one
    /// changes, <see cref="Current"/> is false and the worker must start again.
    /// </summary>
    internal sealed class Shared(string testBin) : AssemblyLoadContext("kata watch test libraries", isCollectible: false)
    {
        private static readonly string[] Names = ["nunit.framework", "nunit.framework.legacy", "Shouldly", "DiffEngine", "EmptyFiles"];
        private readonly Dictionary<string, (DateTime Written, long Length)> _loaded = new(StringComparer.Ordinal);

        /// <summary>The folder of the built tests these libraries come from.</summary>
        public string TestBin => testBin;

        /// <summary>True while every library loaded is still the file in the test build.</summary>
        public bool Current => _loaded.All(entry => Stamp(Path.Combine(testBin, entry.Key + ".dll")) == entry.Value);

        /// <summary>The shared library of that name, or null for any other assembly.</summary>
        public Assembly? Load(string name)
        {
            if (!Names.Contains(name, StringComparer.Ordinal))
            {
                return null;
            }

            string path = Path.Combine(testBin, name + ".dll");
            if (!File.Exists(path))
            {
                return null;
            }

            lock (_loaded)
            {
                _loaded.TryAdd(name, Stamp(path));
            }

            return LoadFromAssemblyName(new AssemblyName(name));
        }

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            string path = Path.Combine(testBin, assemblyName.Name + ".dll");
            return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
        }

        private static (DateTime, long) Stamp(string path)
        {
            var info = new FileInfo(path);
            return info.Exists ? (info.LastWriteTimeUtc, info.Length) : (default, -1);
        }
    }
}
