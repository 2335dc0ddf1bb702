using System.Collections.Concurrent;
using System.Numerics;
using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Retrieval.Errors;
using Retrieval.Hosting;
using Retrieval.Text;

namespace Retrieval.Models;

/// <summary>
/// The text tower: tokenizes, pads each batch only to its longest text (with the tokenizer's padding id,
/// attention 0), runs the ONNX graph and returns L2-normalised embeddings. Token ids go in as <c>input_ids</c> (or
/// immich's <c>text</c>), int64 or int32, whichever the graph declares; <c>attention_mask</c> and
/// <c>token_type_ids</c> (zeros) are fed when the graph has them. A graph without an attention mask (SigLIP,
/// immich's) sees every text padded to the full context, as its own runtime pads it; a graph with a fixed batch
/// (immich's batch of 1) gets texts that many at a time, and a float16 output is widened. A graph that gives one vector per token (a sentence encoder exported without its
/// pooling) is pooled here by the mean over the attended tokens, as sentence-transformers does. Thread-safe:
/// the session is shared, and each call borrows a reusable buffer set.
/// </summary>
public sealed class TextEncoder : IDisposable
{
    private const string IdsInput = "input_ids";
    private const string ImmichIdsInput = "text";
    private const string MaskInput = "attention_mask";
    private const string TypesInput = "token_type_ids";

    private readonly EncoderSession _session;
    private readonly string[] _inputNames;
    private readonly bool _int64;
    private readonly string _idsInput;
    private readonly int? _fixedLength;
    private readonly ConcurrentBag<Buffers> _buffers = [];

    internal TextEncoder(EncoderSession session, ITextTokenizer tokenizer, int maxBatchSize, ILogger logger)
    {
        _session = session;
        Tokenizer = tokenizer;
        MaxBatchSize = session.FixedBatch is { } fixedBatch ? Math.Min(fixedBatch, maxBatchSize) : maxBatchSize;
        var inputs = session.Inputs;
        _idsInput = inputs.ContainsKey(IdsInput) ? IdsInput : ImmichIdsInput;
        if (!inputs.TryGetValue(_idsInput, out var ids))
        {
            throw new ModelLoadException(session.Path, $"the text graph has no '{IdsInput}' or '{ImmichIdsInput}' input (inputs: {string.Join(", ", inputs.Keys)})");
        }

        if (ids.Dimensions.Length != 2)
        {
            throw new ModelLoadException(session.Path, $"'{_idsInput}' must be [batch, tokens], not [{string.Join(", ", ids.Dimensions)}]");
        }

        if (ids.Dimensions[1] > 0 && ids.Dimensions[1] != tokenizer.ContextLength)
        {
            throw new ModelLoadException(session.Path, $"'{_idsInput}' takes {ids.Dimensions[1]} tokens but the model's config gives a context of {tokenizer.ContextLength}");
        }

        // Without a mask the graph attends to the padding too, so texts are padded as its own runtime pads them: to the full context.
        _fixedLength = ids.Dimensions[1] > 0 || !inputs.ContainsKey(MaskInput) ? tokenizer.ContextLength : null;

        _int64 = ids.ElementDataType switch
        {
            TensorElementType.Int64 => true,
            TensorElementType.Int32 => false,
            var other => throw new ModelLoadException(session.Path, $"'{_idsInput}' is {other}; int64 or int32 expected"),
        };
        var unknown = inputs.Keys.Where(name => name != _idsInput && name is not (MaskInput or TypesInput)).ToList();
        if (unknown.Count > 0)
        {
            throw new ModelLoadException(session.Path, $"the text graph has inputs this loader does not know: {string.Join(", ", unknown)}");
        }

        // BERT-style graphs also take token types: all zero for a single text.
        _inputNames = [_idsInput, .. inputs.ContainsKey(MaskInput) ? [MaskInput] : Array.Empty<string>(), .. inputs.ContainsKey(TypesInput) ? [TypesInput] : Array.Empty<string>()];
        logger.EncoderLoaded(session.Path, session.Device, _idsInput, ids.ElementDataType, session.OutputName, session.Dimension);
    }

    /// <summary>The tokenizer the model was trained with.</summary>
    public ITextTokenizer Tokenizer { get; }

    /// <summary>The embedding size.</summary>
    public int Dimension => _session.Dimension;

    /// <summary>The most texts sent to the graph in one run.</summary>
    public int MaxBatchSize { get; }

    /// <summary>Where the graph runs.</summary>
    public ExecutionDevice Device => _session.Device;

    /// <summary>Embeds <paramref name="texts"/>, one normalised vector each, in order.</summary>
    public float[][] Encode(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var flat = new float[texts.Count * Dimension];
        EncodeIds(texts.Select(Tokenizer.Encode).ToList(), flat, cancellationToken);
        return EmbeddingMath.Rows(flat, Dimension);
    }

    /// <summary>
    /// Embeds already tokenized texts into <paramref name="embeddings"/> (<c>ids.Count * Dimension</c> floats, row-major).
    /// More texts than one batch are run shortest first, so each batch pads little (captions of 10 to 40 tokens
    /// padded to their batch's longest cost the graph up to 4x the work); the rows come back in the given order.
    /// </summary>
    public void EncodeIds(IReadOnlyList<int[]> ids, Span<float> embeddings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentOutOfRangeException.ThrowIfLessThan(embeddings.Length, ids.Count * Dimension, nameof(embeddings));
        var order = Enumerable.Range(0, ids.Count).ToArray();
        if (ids.Count > MaxBatchSize)
        {
            order = [.. order.OrderBy(i => ids[i].Length)];
        }

        var sorted = order.Select(i => ids[i]).ToList();
        var buffers = _buffers.TryTake(out var pooled) ? pooled : new Buffers(MaxBatchSize, Tokenizer.ContextLength, Dimension);
        try
        {
            for (var start = 0; start < sorted.Count; start += MaxBatchSize)
            {
                var count = Math.Min(MaxBatchSize, sorted.Count - start);
                RunBatch(sorted, start, count, buffers, cancellationToken);
                for (var row = 0; row < count; row++)
                {
                    EmbeddingMath.NormaliseRows(buffers.Output.AsSpan(row * Dimension, Dimension), embeddings.Slice(order[start + row] * Dimension, Dimension), Dimension);
                }
            }
        }
        finally
        {
            _buffers.Add(buffers);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _session.Dispose();

    private void RunBatch(List<int[]> ids, int start, int count, Buffers buffers, CancellationToken cancellationToken)
    {
        var length = _fixedLength ?? 1;
        for (var i = start; i < start + count; i++)
        {
            if (ids[i].Length > Tokenizer.ContextLength || ids[i].Length == 0)
            {
                throw new ArgumentException($"text {i} has {ids[i].Length} ids; 1 to {Tokenizer.ContextLength} allowed", nameof(ids));
            }

            length = Math.Max(length, ids[i].Length);
        }

        long[] shape = [count, length];
        using var idValue = _int64
            ? Fill(buffers.Ids64, buffers.Mask64, ids, start, count, length, shape, out var maskValue)
            : Fill(buffers.Ids32, buffers.Mask32, ids, start, count, length, shape, out maskValue);
        using var typesValue = _int64
            ? OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, buffers.Types64.AsMemory(0, count * length), shape)
            : OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, buffers.Types32.AsMemory(0, count * length), shape);
        using (maskValue)
        using (var output = _session.PerToken
            ? OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, buffers.Tokens.AsMemory(0, count * length * Dimension), [count, length, Dimension])
            : OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, buffers.Output.AsMemory(0, count * Dimension), [count, Dimension]))
        {
            var inputs = _inputNames.Select(name => name == _idsInput ? idValue : name == MaskInput ? maskValue : typesValue).ToArray();
            _session.Run(_inputNames, inputs, output, cancellationToken);
        }

        if (_session.PerToken)
        {
            MeanOverTokens(buffers.Tokens, ids, start, count, length, buffers.Output);
        }
    }

    /// <summary>Each text's vector: the mean of its own tokens' vectors (padding excluded).</summary>
    private void MeanOverTokens(float[] tokens, List<int[]> ids, int start, int count, int length, float[] output)
    {
        for (var row = 0; row < count; row++)
        {
            var sum = output.AsSpan(row * Dimension, Dimension);
            sum.Clear();
            var used = ids[start + row].Length;
            for (var token = 0; token < used; token++)
            {
                System.Numerics.Tensors.TensorPrimitives.Add(sum, tokens.AsSpan(((row * length) + token) * Dimension, Dimension), sum);
            }

            System.Numerics.Tensors.TensorPrimitives.Divide(sum, used, sum);
        }
    }

    private OrtValue Fill<T>(T[] idBuffer, T[] maskBuffer, List<int[]> ids, int start, int count, int length, long[] shape, out OrtValue mask)
        where T : unmanaged, INumberBase<T>
    {
        var padding = T.CreateTruncating(Tokenizer.PaddingId);
        for (var row = 0; row < count; row++)
        {
            var source = ids[start + row];
            var idRow = idBuffer.AsSpan(row * length, length);
            var maskRow = maskBuffer.AsSpan(row * length, length);
            for (var i = 0; i < source.Length; i++)
            {
                idRow[i] = T.CreateTruncating(source[i]);
            }

            idRow[source.Length..].Fill(padding);
            maskRow[..source.Length].Fill(T.One);
            maskRow[source.Length..].Fill(T.Zero);
        }

        mask = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, maskBuffer.AsMemory(0, count * length), shape);
        return OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, idBuffer.AsMemory(0, count * length), shape);
    }

    /// <summary>One worker's reusable tensors, sized for the largest batch at full context.</summary>
    private sealed class Buffers(int batch, int context, int dimension)
    {
        private long[]? _ids64, _mask64, _types64;
        private int[]? _ids32, _mask32, _types32;
        private float[]? _tokens;

        public long[] Ids64 => _ids64 ??= new long[batch * context];

        public long[] Mask64 => _mask64 ??= new long[batch * context];

        public int[] Ids32 => _ids32 ??= new int[batch * context];

        public int[] Mask32 => _mask32 ??= new int[batch * context];

        /// <summary>Token types: zeros, never written.</summary>
        public long[] Types64 => _types64 ??= new long[batch * context];

        public int[] Types32 => _types32 ??= new int[batch * context];

        public float[] Output { get; } = new float[batch * dimension];

        /// <summary>Per-token vectors of a graph that gives them, before pooling.</summary>
        public float[] Tokens => _tokens ??= new float[batch * context * dimension];
    }
}
