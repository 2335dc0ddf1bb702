using System.Buffers;
using System.Numerics;
using System.Runtime.Intrinsics;
using Retrieval.Vectors.Kernels;

namespace Retrieval.Vectors;

/// <summary>
/// Searching: the slots are cut into contiguous partitions scanned in parallel, each keeping its own top-k;
/// deleted slots and slots the filter excludes are masked out 64 at a time and never read. A batch of
/// queries is scored against each vector while it is in cache, so the data is read once per batch.
/// </summary>
public sealed partial class VectorStore
{
    // A partition below this many 64-slot blocks is not worth a thread.
    private const long MinimumBlocksPerPartition = 256;

    // A block with at least this many live slots is scored whole: reading its dead slots costs less than
    // scoring the live ones one by one.
    private const int DenseBlockSlots = 24;

    /// <summary>
    /// The <paramref name="k"/> stored vectors most similar (cosine) to <paramref name="query"/>, best first.
    /// A read-only store first catches up with the writer's last commit. A query with no direction (zeros, NaN:
    /// <see cref="UnitLength"/>) scores 0 against every vector.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="k"/> is not between 1 and <see cref="MaxK"/>.</exception>
    /// <exception cref="ObjectDisposedException">The store was disposed, before or during the search.</exception>
    public IReadOnlyList<SearchHit> Search(ReadOnlySpan<float> query, int k, VectorSearchOptions? options = null) =>
        SearchBatch(query, 1, k, options, CancellationToken.None)[0];

    /// <summary>
    /// Searches <paramref name="count"/> queries (row-major in <paramref name="queries"/>) in one pass over
    /// the data: the way to evaluate many queries at memory speed.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="k"/> is not between 1 and <see cref="MaxK"/>.</exception>
    public IReadOnlyList<SearchHit>[] SearchBatch(ReadOnlySpan<float> queries, int count, int k, VectorSearchOptions? options = null) =>
        SearchBatch(queries, count, k, options, CancellationToken.None);

    private IReadOnlyList<SearchHit>[] SearchBatch(ReadOnlySpan<float> queries, int count, int k, VectorSearchOptions? options, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(k, MaxK);
        options ??= VectorSearchOptions.Default;
        Refresh();
        var dimension = Dimension;
        if (queries.Length != count * dimension)
        {
            throw new ArgumentException($"{count} queries need {count * dimension} floats, not {queries.Length}", nameof(queries));
        }

        var int8 = options.Mode == ScanMode.Int8Rerank;
        var normalised = ArrayPool<float>.Shared.Rent(count * dimension);
        var quantized = int8 ? ArrayPool<sbyte>.Shared.Rent(count * dimension) : [];
        var biases = new int[count];
        try
        {
            for (var q = 0; q < count; q++)
            {
                var target = normalised.AsSpan(q * dimension, dimension);
                UnitLength.Normalise(queries.Slice(q * dimension, dimension), target);
                if (int8)
                {
                    var bytes = quantized.AsSpan(q * dimension, dimension);
                    VectorKernels.QuantizeQuery(target, bytes);
                    biases[q] = VectorKernels.QueryBias(bytes);
                }
            }

            var threads = options.MaxThreads > 0 ? options.MaxThreads
                : _options.SearchThreads > 0 ? _options.SearchThreads : Environment.ProcessorCount;
            _mapLock.EnterReadLock();
            try
            {
                ObjectDisposedException.ThrowIf(_disposed != 0, this);
                var state = _state;
                var filter = options.Filter is { } description ? IdBitmap.Compile(description) : null;
                var scan = new ScanSettings(state, int8 ? k * _options.Oversample : k, filter, threads, cancellationToken);
                var candidates = int8
                    ? Scan(scan, new Int8Scorer(_segment, quantized, biases))
                    : Scan(scan, new FloatScorer(_segment, normalised, count));
                return ToHits(candidates, int8 ? normalised : null, k);
            }
            finally
            {
                _mapLock.ExitReadLock();
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(normalised);
            if (quantized.Length > 0)
            {
                ArrayPool<sbyte>.Shared.Return(quantized);
            }
        }
    }

    /// <summary>What one scan reads and keeps: the committed state it sees, candidates per query, the filter, threads, cancellation.</summary>
    private readonly record struct ScanSettings(StoreState State, int Keep, IdBitmap? Filter, int Threads, CancellationToken CancellationToken);

    private TopK[] Scan<TScorer>(ScanSettings scan, TScorer scorer)
        where TScorer : struct, IScorer
    {
        var blocks = (scan.State.Manifest.SlotCount + 63) / 64;
        var partitions = (int)Math.Clamp(blocks / MinimumBlocksPerPartition, 1, scan.Threads);
        var results = new TopK[partitions][];
        if (partitions == 1)
        {
            results[0] = ScanPartition(scan, scorer, 0, blocks);
        }
        else
        {
            Parallel.For(0, partitions, new ParallelOptions { MaxDegreeOfParallelism = partitions, CancellationToken = scan.CancellationToken }, p =>
                results[p] = ScanPartition(scan, scorer, blocks * p / partitions, blocks * (p + 1) / partitions));
        }

        for (var p = 1; p < partitions; p++)
        {
            for (var q = 0; q < scorer.Queries; q++)
            {
                results[0][q].Merge(results[p][q]);
            }
        }

        return results[0];
    }

    private unsafe TopK[] ScanPartition<TScorer>(ScanSettings scan, TScorer scorer, long firstBlock, long endBlock)
        where TScorer : struct, IScorer
    {
        // A cancelled search (a request that timed out) stops within this many blocks of 64 slots.
        const long CancellationCheckBlocks = 4096;
        // Read only for candidates that reach the threshold: the id breaks ties, whatever the slot order.
        var ids = _segment.Ids;
        var tops = new TopK[scorer.Queries];
        for (var q = 0; q < tops.Length; q++)
        {
            tops[q] = new TopK(scan.Keep);
        }

        Span<float> scores = tops.Length <= 256 ? stackalloc float[tops.Length] : new float[tops.Length];
        var blockScores = new float[64 * tops.Length];
        // Each query's threshold, kept beside its heap so a slot's scores are compared with all of them at once.
        var thresholds = new float[tops.Length];
        thresholds.AsSpan().Fill(float.NegativeInfinity);

        for (var block = firstBlock; block < endBlock; block++)
        {
            if ((block - firstBlock) % CancellationCheckBlocks == CancellationCheckBlocks - 1)
            {
                scan.CancellationToken.ThrowIfCancellationRequested();
            }

            var mask = scan.State.LiveMask(block);
            if (scan.Filter is { } filter)
            {
                mask = ApplyFilter(mask, block, filter);
            }

            if (BitOperations.PopCount(mask) >= DenseBlockSlots)
            {
                // The whole block scored in one go (its dead slots masked out after), only the scores reaching a
                // query's threshold going on to its heap.
                var first = block * 64;
                var length = (int)Math.Min(64, scan.State.Manifest.SlotCount - first);
                scorer.ScoreBlock(first, length, blockScores);
                if (tops.Length == 1)
                {
                    AddCandidates(tops[0], blockScores.AsSpan(0, length), mask & VectorKernels.AtLeast(blockScores.AsSpan(0, length), tops[0].Threshold), first, ids);
                    continue;
                }

                for (var bits = mask; bits != 0; bits &= bits - 1)
                {
                    var bit = BitOperations.TrailingZeroCount(bits);
                    var slotScores = blockScores.AsSpan(bit * tops.Length, tops.Length);
                    for (var q0 = 0; q0 < tops.Length; q0 += 64)
                    {
                        var width = Math.Min(64, tops.Length - q0);
                        for (var reaching = VectorKernels.AtLeast(slotScores.Slice(q0, width), thresholds.AsSpan(q0, width)); reaching != 0; reaching &= reaching - 1)
                        {
                            var q = q0 + BitOperations.TrailingZeroCount(reaching);
                            tops[q].Add(slotScores[q], first + bit, ids[first + bit]);
                            thresholds[q] = tops[q].Threshold;
                        }
                    }
                }

                continue;
            }

            while (mask != 0)
            {
                var slot = (block * 64) + BitOperations.TrailingZeroCount(mask);
                mask &= mask - 1;
                if (tops.Length == 1)
                {
                    // A sparse block (deleted or filtered slots): only the live ones are read.
                    var score = scorer.ScoreOne(slot);
                    if (score >= tops[0].Threshold)
                    {
                        tops[0].Add(score, slot, ids[slot]);
                    }

                    continue;
                }

                scorer.ScoreAll(slot, scores);
                for (var q = 0; q < tops.Length; q++)
                {
                    if (scores[q] >= thresholds[q])
                    {
                        tops[q].Add(scores[q], slot, ids[slot]);
                        thresholds[q] = tops[q].Threshold;
                    }
                }
            }
        }

        return tops;
    }

    /// <summary>Adds the slots of <paramref name="candidates"/> (bits from <paramref name="first"/>) still reaching the threshold as each goes in.</summary>
    private static unsafe void AddCandidates(TopK top, ReadOnlySpan<float> scores, ulong candidates, long first, long* ids)
    {
        for (; candidates != 0; candidates &= candidates - 1)
        {
            var bit = BitOperations.TrailingZeroCount(candidates);
            if (scores[bit] >= top.Threshold)
            {
                top.Add(scores[bit], first + bit, ids[first + bit]);
            }
        }
    }

    private unsafe ulong ApplyFilter(ulong mask, long block, IdBitmap filter)
    {
        var ids = _segment.Ids;
        for (var bits = mask; bits != 0; bits &= bits - 1)
        {
            var bit = BitOperations.TrailingZeroCount(bits);
            if (!filter.Contains(ids[(block * 64) + bit]))
            {
                mask &= ~(1UL << bit);
            }
        }

        return mask;
    }

    /// <summary>Turns each query's kept slots into hits; with <paramref name="exactQueries"/>, re-ranked by exact float32 cosine first.</summary>
    private unsafe IReadOnlyList<SearchHit>[] ToHits(TopK[] candidates, float[]? exactQueries, int k)
    {
        var dimension = Dimension;
        var hits = new IReadOnlyList<SearchHit>[candidates.Length];
        var reranked = new TopK(k);
        for (var q = 0; q < candidates.Length; q++)
        {
            var kept = candidates[q].ToSortedArray();
            if (exactQueries is not null)
            {
                reranked.Clear();
                var query = exactQueries.AsSpan(q * dimension, dimension);
                foreach (var (_, slot, id) in kept)
                {
                    reranked.Add(VectorKernels.Dot(query, _segment.Vector(slot)), slot, id);
                }

                kept = reranked.ToSortedArray();
            }

            var list = new SearchHit[Math.Min(k, kept.Length)];
            for (var i = 0; i < list.Length; i++)
            {
                list[i] = new SearchHit(kept[i].Id, kept[i].Score);
            }

            hits[q] = list;
        }

        return hits;
    }

    /// <summary>How a scan scores one stored slot against every query; a struct so each scan is specialised.</summary>
    private interface IScorer
    {
        int Queries { get; }

        /// <summary>The score of the first (only) query.</summary>
        float ScoreOne(long slot);

        /// <summary>Every query's score of <paramref name="count"/> consecutive slots from <paramref name="first"/>, slot by slot.</summary>
        void ScoreBlock(long first, int count, Span<float> scores);

        void ScoreAll(long slot, Span<float> scores);
    }

    /// <summary>int8 dot product times the slot's scale: proportional to the cosine, which is all ranking needs.</summary>
    private readonly unsafe struct Int8Scorer(Segment segment, sbyte[] queries, int[] biases) : IScorer
    {
        private readonly sbyte* _vectors = segment.Int8;
        private readonly float* _scales = segment.Scales;
        private readonly int _dimension = segment.Dimension;

        public int Queries => biases.Length;

        public float ScoreOne(long slot) =>
            VectorKernels.DotInt8(queries.AsSpan(0, _dimension), new ReadOnlySpan<sbyte>(_vectors + (slot * _dimension), _dimension), biases[0]) * _scales[slot];

        public void ScoreBlock(long first, int count, Span<float> scores)
        {
            if (Queries == 1)
            {
                VectorKernels.ScoreInt8Run(queries.AsSpan(0, _dimension), biases[0], new ReadOnlySpan<sbyte>(_vectors + (first * _dimension), count * _dimension),
                    new ReadOnlySpan<float>(_scales + first, count), scores);
                return;
            }

            for (var i = 0; i < count; i++)
            {
                ScoreAll(first + i, scores.Slice(i * Queries, Queries));
            }
        }

        public void ScoreAll(long slot, Span<float> scores)
        {
            var vector = new ReadOnlySpan<sbyte>(_vectors + (slot * _dimension), _dimension);
            var scale = _scales[slot];
            var q = 0;
            // Four queries share each load of the vector.
            for (; q + 4 <= biases.Length; q += 4)
            {
                var dots = Vector128.ConvertToSingle(VectorKernels.DotInt8x4(queries.AsSpan(q * _dimension, 4 * _dimension), vector, biases.AsSpan(q, 4)));
                (dots * scale).CopyTo(scores[q..]);
            }

            for (; q < biases.Length; q++)
            {
                scores[q] = VectorKernels.DotInt8(queries.AsSpan(q * _dimension, _dimension), vector, biases[q]) * scale;
            }
        }
    }

    /// <summary>The exact float32 cosine (both sides are unit length).</summary>
    private readonly unsafe struct FloatScorer(Segment segment, float[] queries, int queryCount) : IScorer
    {
        private readonly float* _vectors = segment.Floats;
        private readonly int _dimension = segment.Dimension;

        public int Queries => queryCount;

        public float ScoreOne(long slot) =>
            VectorKernels.Dot(queries.AsSpan(0, _dimension), new ReadOnlySpan<float>(_vectors + (slot * _dimension), _dimension));

        public void ScoreBlock(long first, int count, Span<float> scores) =>
            VectorKernels.DotBlock(queries.AsSpan(0, queryCount * _dimension), queryCount, new ReadOnlySpan<float>(_vectors + (first * _dimension), count * _dimension), scores);

        public void ScoreAll(long slot, Span<float> scores) => ScoreBlock(slot, 1, scores);
    }
}
