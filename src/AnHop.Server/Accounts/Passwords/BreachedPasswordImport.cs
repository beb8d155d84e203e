using System.Buffers.Binary;
using System.Globalization;

namespace AnHop.Server.Accounts.Passwords;

/// <summary>
/// Turns a Have I Been Pwned download (<c>SHA1HEX:COUNT</c> lines, any order, possibly hundreds of millions) into the
/// sorted binary file <see cref="BreachedPasswords"/> reads: chunks are sorted in memory and written as runs, then
/// merged, dropping duplicates. The result replaces the old file in one rename.
/// </summary>
public static class BreachedPasswordImport
{
    public const int DefaultChunkSize = 8 * 1024 * 1024; // 8 M hashes ≈ 200 MB while sorting

    public static async Task<ImportResult> ImportAsync(string sourcePath, string targetPath, int chunkSize = DefaultChunkSize,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSize, 1);
        var runs = new List<string>();
        long skipped = 0;
        try
        {
            using (var reader = new StreamReader(sourcePath))
            {
                var chunk = new List<HashKey>(Math.Min(chunkSize, 1 << 20));
                while (await reader.ReadLineAsync(cancellationToken) is { } line)
                {
                    if (TryParse(line, out var key))
                    {
                        chunk.Add(key);
                    }
                    else if (line.Length > 0)
                    {
                        skipped++;
                    }

                    if (chunk.Count == chunkSize)
                    {
                        runs.Add(WriteRun(chunk, targetPath, runs.Count));
                        chunk.Clear();
                    }
                }

                if (chunk.Count > 0 || runs.Count == 0)
                {
                    runs.Add(WriteRun(chunk, targetPath, runs.Count));
                }
            }

            var temporary = targetPath + ".importing";
            var written = Merge(runs, temporary);
            File.Move(temporary, targetPath, overwrite: true);
            return new ImportResult(written, skipped);
        }
        finally
        {
            foreach (var run in runs)
            {
                File.Delete(run);
            }
        }
    }

    private static bool TryParse(string line, out HashKey key)
    {
        key = default;
        var text = line.AsSpan().Trim();
        var colon = text.IndexOf(':');
        var hex = colon < 0 ? text : text[..colon];
        Span<byte> bytes = stackalloc byte[BreachedPasswords.HashLength];
        if (hex.Length != 2 * BreachedPasswords.HashLength)
        {
            return false;
        }

        for (var i = 0; i < bytes.Length; i++)
        {
            if (!byte.TryParse(hex.Slice(2 * i, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out bytes[i]))
            {
                return false;
            }
        }

        key = HashKey.From(bytes);
        return true;
    }

    private static string WriteRun(List<HashKey> chunk, string targetPath, int index)
    {
        chunk.Sort();
        var path = $"{targetPath}.run{index}";
        using var output = new BufferedStream(File.Create(path), 1 << 20);
        Span<byte> bytes = stackalloc byte[BreachedPasswords.HashLength];
        foreach (var key in chunk)
        {
            key.Write(bytes);
            output.Write(bytes);
        }

        return path;
    }

    private static long Merge(List<string> runs, string path)
    {
        var inputs = runs.Select(r => new BufferedStream(File.OpenRead(r), 1 << 20)).ToList();
        try
        {
            var queue = new PriorityQueue<int, HashKey>();
            var buffer = new byte[BreachedPasswords.HashLength];
            for (var i = 0; i < inputs.Count; i++)
            {
                if (TryRead(inputs[i], buffer, out var key))
                {
                    queue.Enqueue(i, key);
                }
            }

            long written = 0;
            HashKey? last = null;
            using var output = new BufferedStream(File.Create(path), 1 << 20);
            while (queue.TryDequeue(out var run, out var key))
            {
                if (last != key)
                {
                    key.Write(buffer);
                    output.Write(buffer);
                    written++;
                    last = key;
                }

                if (TryRead(inputs[run], buffer, out var next))
                {
                    queue.Enqueue(run, next);
                }
            }

            return written;
        }
        finally
        {
            foreach (var input in inputs)
            {
                input.Dispose();
            }
        }
    }

    private static bool TryRead(Stream input, byte[] buffer, out HashKey key)
    {
        key = default;
        if (input.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false) < buffer.Length)
        {
            return false;
        }

        key = HashKey.From(buffer);
        return true;
    }

    /// <summary>A SHA-1 hash as three big-endian numbers, so ordering them orders the bytes.</summary>
    private readonly record struct HashKey(ulong High, ulong Middle, uint Low) : IComparable<HashKey>
    {
        public static HashKey From(ReadOnlySpan<byte> bytes) => new(
            BinaryPrimitives.ReadUInt64BigEndian(bytes),
            BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]),
            BinaryPrimitives.ReadUInt32BigEndian(bytes[16..]));

        public void Write(Span<byte> bytes)
        {
            BinaryPrimitives.WriteUInt64BigEndian(bytes, High);
            BinaryPrimitives.WriteUInt64BigEndian(bytes[8..], Middle);
            BinaryPrimitives.WriteUInt32BigEndian(bytes[16..], Low);
        }

        public int CompareTo(HashKey other) =>
            High != other.High ? High.CompareTo(other.High)
            : Middle != other.Middle ? Middle.CompareTo(other.Middle)
            : Low.CompareTo(other.Low);
    }
}

public sealed record ImportResult(long Imported, long SkippedLines);
