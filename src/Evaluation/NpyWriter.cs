using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Retrieval.Evaluation;

/// <summary>
/// Writes a float32 matrix as a NumPy <c>.npy</c> file (format 1.0, little-endian, C order), so build-time
/// training scripts read the engine's own features with <c>numpy.load</c>.
/// </summary>
public static class NpyWriter
{
    /// <summary>Writes <paramref name="rows"/> (all of one length) to <paramref name="path"/>.</summary>
    public static void Write(string path, IReadOnlyList<float[]> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var columns = rows.Count == 0 ? 0 : rows[0].Length;
        if (rows.Any(r => r.Length != columns))
        {
            throw new ArgumentException("every row must have the same length", nameof(rows));
        }

        var header = string.Create(CultureInfo.InvariantCulture, $"{{'descr': '<f4', 'fortran_order': False, 'shape': ({rows.Count}, {columns}), }}");
        // Magic (6) + version (2) + header length (2) + header, padded with spaces to a multiple of 64, ending in \n.
        var padded = header.PadRight(((10 + header.Length + 1 + 63) / 64 * 64) - 10 - 1) + "\n";
        using var file = File.Create(path);
        file.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0]);
        file.Write(BitConverter.GetBytes((ushort)padded.Length));
        file.Write(Encoding.ASCII.GetBytes(padded));
        foreach (var row in rows)
        {
            file.Write(MemoryMarshal.AsBytes(row.AsSpan()));
        }
    }
}
