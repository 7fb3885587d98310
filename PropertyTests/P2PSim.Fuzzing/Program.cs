using SharpFuzz;

namespace P2PSim.Fuzzing;

/// <summary>
/// The fuzzing executable:
/// <c>P2PSim.Fuzzing TARGET</c> runs TARGET under afl-fuzz (SharpFuzz's fork server; the input comes on stdin);
/// <c>P2PSim.Fuzzing TARGET FILE...</c> runs it once on each file and prints what escaped (triage of a crash);
/// <c>P2PSim.Fuzzing --list</c> prints the targets.
/// </summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help")
        {
            Console.Error.WriteLine("usage: P2PSim.Fuzzing TARGET [FILE...] | --list");
            return 2;
        }

        if (args[0] == "--list")
        {
            foreach (var t in FuzzTargets.All)
            {
                Console.WriteLine($"{t.Name}\t{t.Description}");
            }

            return 0;
        }

        var target = FuzzTargets.Find(args[0]);
        if (target is null)
        {
            Console.Error.WriteLine($"P2PSim.Fuzzing: no target '{args[0]}' (see --list)");
            return 2;
        }

        if (args.Length > 1)
        {
            GiveTraceMemory();
            return RunFiles(target, args[1..]);
        }

        // Out of process: a child runs the inputs, so a stack overflow or a timeout kills it and not the fork server.
        Fuzzer.OutOfProcess.Run(stream => target.Run(ReadAll(stream)));
        return 0;
    }

    private static int RunFiles(FuzzTarget target, string[] files)
    {
        var failed = 0;
        foreach (var file in files)
        {
            try
            {
                target.Run(File.ReadAllBytes(file));
                Console.WriteLine($"ok     {file}");
            }
            catch (Exception e)
            {
                failed++;
                Console.WriteLine($"CRASH  {file}: {e}");
            }
        }

        return failed == 0 ? 0 : 1;
    }

    /// <summary>
    /// Instrumented assemblies record every branch in SharpFuzz's trace memory, which only the fork server sets up:
    /// running files by hand on an instrumented build would write through a null pointer without this.
    /// </summary>
    private static unsafe void GiveTraceMemory()
    {
        if (SharpFuzz.Common.Trace.SharedMem == null)
        {
            SharpFuzz.Common.Trace.SharedMem = (byte*)System.Runtime.InteropServices.NativeMemory.AllocZeroed(1 << 16);
        }
    }

    private static byte[] ReadAll(Stream stream)
    {
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }
}
