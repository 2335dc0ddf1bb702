using System.Numerics.Tensors;
using Retrieval.Vectors;

namespace Retrieval.Tests.Vectors;

/// <summary>A temporary store folder, random unit vectors, and the brute-force answer to compare with.</summary>
internal sealed class StoreFixture : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("retrieval-store-");

    public string Folder => _folder.FullName;

    public void Dispose() => _folder.Delete(recursive: true);

    public static float[] RandomVectors(int count, int dimension, int seed)
    {
        var random = new Random(seed);
        var vectors = new float[count * dimension];
        for (var i = 0; i < vectors.Length; i++)
        {
            // Roughly Gaussian: the sum of uniforms.
            vectors[i] = (float)(random.NextDouble() + random.NextDouble() + random.NextDouble() - 1.5);
        }

        for (var i = 0; i < count; i++)
        {
            var row = vectors.AsSpan(i * dimension, dimension);
            TensorPrimitives.Divide(row, TensorPrimitives.Norm(row), row);
        }

        return vectors;
    }

    /// <summary>The exact top-k ids among <paramref name="live"/> (id -> vector), best first.</summary>
    public static long[] BruteForce(ReadOnlySpan<float> query, IReadOnlyDictionary<long, float[]> live, int k, Func<long, bool>? allowed = null)
    {
        var unit = query.ToArray();
        TensorPrimitives.Divide(unit, TensorPrimitives.Norm(unit), unit);
        return live.Where(p => allowed?.Invoke(p.Key) ?? true)
            .Select(p => (Id: p.Key, Score: TensorPrimitives.Dot(unit, p.Value)))
            .OrderByDescending(p => p.Score).ThenBy(p => p.Id)
            .Take(k).Select(p => p.Id).ToArray();
    }

    public static Dictionary<long, float[]> Rows(IReadOnlyList<long> ids, float[] vectors, int dimension) =>
        ids.Select((id, i) => (id, vectors.AsSpan(i * dimension, dimension).ToArray())).ToDictionary(p => p.id, p => p.Item2);

    public static double Recall(long[] expected, IReadOnlyList<SearchHit> actual) =>
        expected.Length == 0 ? 1 : (double)expected.Intersect(actual.Select(h => h.Id)).Count() / expected.Length;
}
