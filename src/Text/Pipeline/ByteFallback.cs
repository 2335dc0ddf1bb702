using System.Globalization;
using System.Text;

namespace Retrieval.Text.Pipeline;

/// <summary>Byte fallback, shared by the models that have it: a text outside the vocabulary as its UTF-8 bytes' <c>&lt;0xXX&gt;</c> pieces.</summary>
internal static class ByteFallback
{
    /// <summary>The ids of <paramref name="text"/>'s bytes, or null when the vocabulary (<paramref name="idOf"/>) lacks one of them.</summary>
    public static List<int>? Ids(string text, Func<string, int?> idOf)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var ids = new List<int>(bytes.Length);
        foreach (var b in bytes)
        {
            if (idOf(string.Create(CultureInfo.InvariantCulture, $"<0x{b:X2}>")) is not { } id)
            {
                return null;
            }

            ids.Add(id);
        }

        return ids;
    }
}
