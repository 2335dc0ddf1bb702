using System.Diagnostics.CodeAnalysis;

namespace Retrieval.Vectors.Kernels;

/// <summary>Throws kept out of the kernels, so their hot loops stay small enough to inline well.</summary>
internal static class ThrowHelper
{
    [DoesNotReturn]
    public static void ThrowArgument_LengthsDiffer() =>
        throw new ArgumentException("the query and the vector differ in length");
}
