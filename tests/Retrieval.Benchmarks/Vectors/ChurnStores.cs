using System.Runtime.InteropServices;
using Retrieval.Vectors;

namespace Retrieval.Benchmarks.Vectors;

/// <summary>The churn benchmark's two collections in one folder, as an index has them: image vectors and caption vectors.</summary>
internal sealed partial class ChurnStores(string folder, VectorStore images, VectorStore captions) : IDisposable
{
    public VectorStore Images => images;

    public VectorStore Captions => captions;

    public static ChurnStores Create(string folder, int dimension) =>
        new(folder, VectorStore.Create(Path.Combine(folder, "images"), dimension, "churn"), VectorStore.Create(Path.Combine(folder, "captions"), dimension, "churn"));

    /// <summary>What a vector search of the engine scans: both collections, in the default int8 mode.</summary>
    public void Search(ReadOnlySpan<float> query, int k)
    {
        images.Search(query, k);
        captions.Search(query, k);
    }

    /// <summary>The exact top-<paramref name="k"/> ids of each collection, one after the other.</summary>
    public long[] ExactIds(ReadOnlySpan<float> query, int k) =>
        [.. images.Search(query, k, VectorSearchOptions.Exact).Select(h => h.Id), .. captions.Search(query, k, VectorSearchOptions.Exact).Select(h => h.Id)];

    /// <summary>The files' lengths (grown ahead of the data, sparsely) and the bytes the disk allocated to them.</summary>
    public unsafe (long Length, long Allocated) FileBytes()
    {
        long length = 0, allocated = 0;
        // struct stat on 64-bit Linux (x86-64 and the generic layout of arm64 alike): st_blocks, in 512-byte units, at byte 64.
        var buffer = stackalloc long[32];
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            length += new FileInfo(file).Length;
            allocated += Stat(file, buffer) == 0 ? buffer[8] * 512 : 0;
        }

        return (length, allocated);
    }

    public void Dispose()
    {
        images.Dispose();
        captions.Dispose();
    }

    [LibraryImport("libc", EntryPoint = "stat", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static unsafe partial int Stat(string path, long* buffer);
}
