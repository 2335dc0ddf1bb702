using Retrieval.Vectors;

namespace Retrieval.Models;

/// <summary>Vector helpers shared by the encoders.</summary>
internal static class EmbeddingMath
{
    /// <summary>Copies each <paramref name="dimension"/>-wide row of <paramref name="raw"/> into <paramref name="normalised"/> at unit length (<see cref="UnitLength"/>: a row with no direction becomes zeros).</summary>
    public static void NormaliseRows(ReadOnlySpan<float> raw, Span<float> normalised, int dimension)
    {
        for (var offset = 0; offset < raw.Length; offset += dimension)
        {
            UnitLength.Normalise(raw.Slice(offset, dimension), normalised.Slice(offset, dimension));
        }
    }

    /// <summary>Splits <paramref name="flat"/> into one array per row.</summary>
    public static float[][] Rows(ReadOnlySpan<float> flat, int dimension)
    {
        var rows = new float[flat.Length / dimension][];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = flat.Slice(i * dimension, dimension).ToArray();
        }

        return rows;
    }
}
