namespace Retrieval.Vectors.Kernels;

/// <summary>The instructions <see cref="VectorKernels.ScoreInt8Run(System.ReadOnlySpan{sbyte}, int, System.ReadOnlySpan{sbyte}, System.ReadOnlySpan{float}, System.Span{float})"/> scores four vectors with.</summary>
internal enum Int8RunPath
{
    /// <summary>No four-at-a-time path for this CPU or dimension: <see cref="VectorKernels.DotInt8"/> per vector.</summary>
    OneByOne,

    /// <summary>AVX2 <c>pmaddubsw</c> + <c>pmaddwd</c>, 64 bytes a step (dimension a multiple of 64).</summary>
    Avx2,

    /// <summary>AVX-512BW, 128 bytes a step (dimension a multiple of 128).</summary>
    Avx512,

    /// <summary>AVX-VNNI <c>vpdpbusd</c>, 128 bytes a step (dimension a multiple of 128).</summary>
    Vnni256,
}
