using System.Security.Cryptography;

namespace AnHop.Media.Tests.Testing;

/// <summary>
/// A seeded, time-bounded fuzzer for span parsers. It first replays every crasher kept under
/// <c>testdata/crashers/{name}/*.hex</c>, then feeds random inputs and mutations of the seed corpus.
/// A parser passes when it never throws. Inputs live in arrays of their exact length, so a read past
/// the input is a bounds-check exception and fails the run the same way.
/// </summary>
public static class Fuzzer
{
    public delegate void Parser(ReadOnlySpan<byte> input);

    public const int DefaultIterations = 1_000_000;

    /// <summary>Runs the parser and returns how many inputs it was given.</summary>
    public static int Run(string name, Parser parse, IReadOnlyList<byte[]> seeds, int seed = 20261125,
        int iterations = DefaultIterations, int maxLength = 1500, TimeSpan? budget = null)
    {
        var limit = budget ?? TimeSpan.FromSeconds(60);
        var crashers = Path.Combine(AppContext.BaseDirectory, "testdata", "crashers", name);
        if (Directory.Exists(crashers))
        {
            foreach (var file in Directory.EnumerateFiles(crashers, "*.hex"))
            {
                Exercise(name, parse, Convert.FromHexString(File.ReadAllText(file).Trim()));
            }
        }

        var random = new Random(seed);
        var pool = new byte[maxLength + 64][];
        var started = System.Diagnostics.Stopwatch.StartNew();
        var count = 0;
        for (; count < iterations; count++)
        {
            if ((count & 0x3FF) == 0 && started.Elapsed > limit)
            {
                throw new TimeoutException($"fuzz {name}: only {count} inputs within {limit}");
            }

            byte[] input;
            if (seeds.Count == 0 || random.Next(4) == 0)
            {
                input = Buffer(pool, random.Next(Math.Min(maxLength, 96) + 1) is var n && random.Next(8) == 0 ? random.Next(maxLength + 1) : n);
                random.NextBytes(input);
            }
            else
            {
                input = Mutate(random, pool, seeds[random.Next(seeds.Count)], maxLength);
            }

            Exercise(name, parse, input);
        }

        return count;
    }

    private static void Exercise(string name, Parser parse, byte[] input)
    {
        try
        {
            parse(input);
        }
        catch (Exception ex)
        {
            var hex = Convert.ToHexString(input);
            var folder = Path.Combine(Path.GetTempPath(), "anhop-crashers", name);
            Directory.CreateDirectory(folder);
            var file = Path.Combine(folder, Convert.ToHexString(SHA256.HashData(input))[..16] + ".hex");
            File.WriteAllText(file, hex);
            throw new InvalidOperationException(
                $"fuzz {name}: parser threw on a {input.Length}-byte input (kept as {file}; copy it to testdata/crashers/{name}/): {hex}", ex);
        }
    }

    private static byte[] Buffer(byte[][] pool, int length) => pool[length] ??= new byte[length];

    private static byte[] Mutate(Random random, byte[][] pool, byte[] original, int maxLength)
    {
        var length = original.Length;
        switch (random.Next(6))
        {
            case 0: length = random.Next(length + 1); break;                        // truncate
            case 1: length = Math.Min(maxLength, length + random.Next(1, 32)); break; // extend with noise
            default: break;
        }

        var input = Buffer(pool, length);
        original.AsSpan(0, Math.Min(length, original.Length)).CopyTo(input);
        if (length > original.Length)
        {
            random.NextBytes(input.AsSpan(original.Length));
        }

        if (length == 0)
        {
            return input;
        }

        var edits = 1 + random.Next(4);
        for (var i = 0; i < edits; i++)
        {
            var at = random.Next(length);
            switch (random.Next(5))
            {
                case 0: input[at] ^= (byte)(1 << random.Next(8)); break;
                case 1: input[at] = (byte)random.Next(256); break;
                case 2: input[at] = Interesting[random.Next(Interesting.Length)]; break;
                case 3:
                    // A length-like field: make two bytes big or zero.
                    if (at + 1 < length)
                    {
                        input[at] = random.Next(2) == 0 ? (byte)0xFF : (byte)0;
                        input[at + 1] = (byte)random.Next(256);
                    }
                    break;
                default: input[at] = (byte)(input[at] + random.Next(-2, 3)); break;
            }
        }

        return input;
    }

    private static readonly byte[] Interesting = [0x00, 0x01, 0x7F, 0x80, 0xFE, 0xFF, 0x0F, 0xF0, 0x40, 0x20];
}
