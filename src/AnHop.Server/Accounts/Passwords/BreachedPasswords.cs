using System.IO.MemoryMappedFiles;
using System.Security.Cryptography;
using System.Text;
using AnHop.Server.Options;
using Microsoft.Extensions.Options;

namespace AnHop.Server.Accounts.Passwords;

/// <summary>
/// The imported breached-password list: a sorted file of 20-byte SHA-1 hashes in the data folder, searched by binary
/// search through a memory mapping, entirely offline. A newer file (a re-import) is picked up at the next look-up.
/// </summary>
public sealed class BreachedPasswords(IOptions<AnHopOptions> options, ILogger<BreachedPasswords> logger) : IDisposable
{
    public const string FileName = "breached-passwords.bin";
    public const int HashLength = 20;

    private readonly Lock _lock = new();
    private MemoryMappedFile? _file;
    private MemoryMappedViewAccessor? _view;
    private long _count;
    private (long Length, DateTime Written) _loaded;

    public string Path { get; } = System.IO.Path.Combine(options.Value.ResolvedDataDirectory, FileName);

    public bool Contains(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        Span<byte> wanted = stackalloc byte[HashLength];
        SHA1.HashData(Encoding.UTF8.GetBytes(password), wanted);
        Span<byte> probe = stackalloc byte[HashLength];
        lock (_lock)
        {
            if (!Refresh())
            {
                return false;
            }

            long low = 0, high = _count - 1;
            while (low <= high)
            {
                var middle = low + ((high - low) / 2);
                for (var i = 0; i < HashLength; i++)
                {
                    probe[i] = _view!.ReadByte((middle * HashLength) + i);
                }

                var order = probe.SequenceCompareTo(wanted);
                if (order == 0)
                {
                    return true;
                }

                if (order < 0)
                {
                    low = middle + 1;
                }
                else
                {
                    high = middle - 1;
                }
            }

            return false;
        }
    }

    // Maps the current file; false when there is none (no list imported: nothing is breached as far as we know).
    private bool Refresh()
    {
        var info = new FileInfo(Path);
        if (!info.Exists || info.Length < HashLength)
        {
            Close();
            return false;
        }

        if (_view is not null && _loaded == (info.Length, info.LastWriteTimeUtc))
        {
            return true;
        }

        Close();
        try
        {
            _file = MemoryMappedFile.CreateFromFile(Path, FileMode.Open, mapName: null, 0, MemoryMappedFileAccess.Read);
            _view = _file.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
            _count = info.Length / HashLength;
            _loaded = (info.Length, info.LastWriteTimeUtc);
            return true;
        }
        catch (IOException ex)
        {
            AccountsLog.BreachedListUnreadable(logger, Path, ex);
            Close();
            return false;
        }
    }

    private void Close()
    {
        _view?.Dispose();
        _file?.Dispose();
        _view = null;
        _file = null;
        _count = 0;
    }

    public void Dispose()
    {
        lock (_lock)
        {
            Close();
        }
    }
}
