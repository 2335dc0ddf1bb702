using System.Threading.Channels;
using Retrieval.Analysis;
using Retrieval.Backends;
using Retrieval.Catalog;
using Retrieval.Imaging;
using Retrieval.Video;

namespace Retrieval.Indexing;

/// <summary>
/// One index run: finish what a killed run left (queued removals, pending photos), import captions, compare the roots
/// with the catalog, queue what registered analyzers have not analysed yet, then analyse every pending photo through
/// bounded channels — several threads read, decode and run the read-stage analyzers, one runs the encoder-stage
/// analyzers in batches, one commits — so the encoders never wait for the disk. It runs whatever analyzers it is given
/// (<see cref="IPhotoAnalyzer"/>) and names none of them.
/// </summary>
/// <remarks>
/// <para>Consistency. The catalog is the source of truth; the vector collections and the keyword index follow it, and
/// every write to them is an idempotent upsert or delete by id. A chunk of photos commits in four steps (see
/// <see cref="ChunkCommit"/>): (1) one catalog transaction records what was read and found (ids for many-per-photo
/// vectors) and queues the vectors of replaced items for removal; (2) vectors are deleted and upserted, collection by
/// collection; (3) keyword documents are deleted and replaced, and the keyword index commits; (4) one catalog
/// transaction marks the photos indexed and clears the removals carried out. A kill between any two steps leaves the
/// photos <c>pending</c> and the removals queued: the next run does steps 2 to 4 again, which changes nothing that was
/// already done. Deleting a photo queues its vectors and document for removal in the same transaction that deletes its
/// row, and ids are never reused, so nothing is orphaned and no removal hits a newer photo.</para>
/// </remarks>
public sealed class IndexingPipeline(PhotoIndex index, IReadOnlyList<IPhotoAnalyzer> analyzers, IndexingOptions options, ImagingOptions imaging, VideoReader? videos = null)
{
    // Photos per encoder run when no analyzer encodes: reading and committing still go in chunks.
    private const int ReadOnlyBatch = 32;

    private readonly IReadOnlyList<IPhotoAnalyzer> _encoders = [.. analyzers.Where(a => a.Stage == AnalyzerStage.Encode)];
    private readonly VideoReader _videos = videos ?? new VideoReader(new VideoOptions(), imaging.MaxPixels);

    /// <summary>Runs over <paramref name="roots"/> (absolute folders), importing <paramref name="captions"/> first when given.</summary>
    public async Task<IndexRunCounts> RunAsync(IReadOnlyList<string> roots, CaptionFile? captions, IProgress<IndexProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(roots);
        var catalog = index.Catalog;
        var counts = new IndexRunCounts();
        var run = catalog.StartRun(roots);
        try
        {
            await ApplyRemovalsAsync(cancellationToken).ConfigureAwait(false);
            if (captions is not null)
            {
                catalog.InTransaction(() => catalog.ImportCaptions(captions.Captions, captions.Source));
            }

            new ChangeScan(catalog, roots, options.DecodeThreads, progress).Run(counts, cancellationToken);
            if (_videos.Tools.Available)
            {
                // Videos recorded as waiting for FFmpeg are read now that it is there.
                catalog.InTransaction(() => catalog.RetryFailed(VideoTools.InstallHint));
            }

            await QueueCatchUpAsync(counts, cancellationToken).ConfigureAwait(false);
            await ApplyRemovalsAsync(cancellationToken).ConfigureAwait(false);
            await AnalysePendingAsync(counts, progress, cancellationToken).ConfigureAwait(false);
            foreach (var analyzer in analyzers)
            {
                await analyzer.AfterRunAsync(index, counts, cancellationToken).ConfigureAwait(false);
            }

            await index.Keywords.CompactAsync(cancellationToken).ConfigureAwait(false);
            await ReclaimVectorsAsync(cancellationToken).ConfigureAwait(false);
            catalog.FinishRun(run, counts, "completed");
            progress?.Report(new IndexProgress(IndexPhase.Done, counts.Found, counts.Embedded, counts.Embedded, counts.Failed));
            return counts;
        }
        catch (OperationCanceledException)
        {
            catalog.FinishRun(run, counts, "cancelled");
            throw;
        }
    }

    /// <summary>
    /// Each vector collection gives back the room of removed photos, replaced items and re-embedded images once enough has
    /// piled up (<see cref="Vectors.IVectorIndex.ReclaimAsync"/>): otherwise a library that keeps changing grows without
    /// bound, and every search reads past the dead vectors.
    /// </summary>
    private async Task ReclaimVectorsAsync(CancellationToken cancellationToken)
    {
        foreach (var collection in index.Collections)
        {
            await collection.Vectors.ReclaimAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Analyzers bring what they derive from the catalog's facts up to date (their photos' keyword documents are made
    /// again, and the run tallies them as "NAME updated from the catalog"); photos an analyzer has not analysed (indexed
    /// before it existed, or while it was off) are read and analysed again.
    /// </summary>
    private async Task QueueCatchUpAsync(IndexRunCounts counts, CancellationToken cancellationToken)
    {
        var missing = new HashSet<long>();
        foreach (var analyzer in analyzers)
        {
            missing.UnionWith(await analyzer.MissingAsync(index, cancellationToken).ConfigureAwait(false));
        }

        var catalog = index.Catalog;
        catalog.InTransaction(() =>
        {
            foreach (var analyzer in analyzers)
            {
                if (catalog.QueueWork(analyzer.RefreshFromCatalog(catalog), PendingWork.Keywords) is var refreshed and > 0)
                {
                    counts.Tally($"{analyzer.Name} updated from the catalog", refreshed);
                }
            }

            catalog.QueueWork(missing, PendingWork.Image);
        });
    }

    /// <summary>Photos per encoder run: the largest batch an encoder-stage analyzer takes.</summary>
    private int BatchSize => _encoders.Select(a => a.BatchSize).DefaultIfEmpty(ReadOnlyBatch).Max();

    private async Task AnalysePendingAsync(IndexRunCounts counts, IProgress<IndexProgress>? progress, CancellationToken cancellationToken)
    {
        var pending = index.Catalog.PendingPhotos();
        if (pending.Count == 0)
        {
            return;
        }

        using var failure = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var token = failure.Token;
        var jobs = Channel.CreateBounded<KnownFile>(new BoundedChannelOptions(options.DecodeThreads * 4) { FullMode = BoundedChannelFullMode.Wait });
        var prepared = Channel.CreateBounded<PhotoAnalysis>(new BoundedChannelOptions(BatchSize * 2) { FullMode = BoundedChannelFullMode.Wait });
        var encoded = Channel.CreateBounded<PhotoAnalysis>(new BoundedChannelOptions(options.CommitEvery * 2) { FullMode = BoundedChannelFullMode.Wait });
        var preparer = new PhotoPreparer(new ImageDecoder(imaging), imaging, _videos, analyzers, index.Catalog.AllImportedCaptions());
        using var cpu = new EncoderGate(options.YieldToEncoder ?? _encoders.Any(a => a.EncodesOnCpu));

        var stages = new List<Task>
        {
            Stage(failure, () => ProduceAsync(pending, jobs.Writer, token)),
            Stage(failure, () => PrepareAllAsync(preparer, cpu, jobs.Reader, prepared.Writer, token)),
            Stage(failure, () => EncodeAsync(cpu, prepared.Reader, encoded.Writer, token)),
            Stage(failure, () => CommitAsync(encoded.Reader, pending.Count, counts, progress, token)),
        };
        await Task.WhenAll(stages).ConfigureAwait(false);
    }
    /// <summary>Runs a stage on the thread pool; its failure cancels the others, so none waits forever on a dead neighbour.</summary>
    private static Task Stage(CancellationTokenSource failure, Func<Task> stage) => Task.Run(async () =>
    {
        try
        {
            await stage().ConfigureAwait(false);
        }
        catch
        {
            await failure.CancelAsync().ConfigureAwait(false);
            throw;
        }
    });

    private static async Task ProduceAsync(IReadOnlyList<KnownFile> pending, ChannelWriter<KnownFile> writer, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var job in pending)
            {
                await writer.WriteAsync(job, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            writer.Complete();
        }
    }

    private async Task PrepareAllAsync(PhotoPreparer preparer, EncoderGate cpu, ChannelReader<KnownFile> reader, ChannelWriter<PhotoAnalysis> writer, CancellationToken cancellationToken)
    {
        try
        {
            var workers = Enumerable.Range(0, options.DecodeThreads).Select(_ => Task.Run(async () =>
            {
                await foreach (var job in reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
                {
                    await writer.WriteAsync(preparer.Prepare(job, () => cpu.WaitUntilIdle(cancellationToken), cancellationToken), cancellationToken).ConfigureAwait(false);
                }
            }, cancellationToken));
            await Task.WhenAll(workers).ConfigureAwait(false);
        }
        finally
        {
            writer.Complete();
        }
    }

    /// <summary>
    /// Fills batches; runs the encoder-stage analyzers when a batch has as many decoded photos as they take, or (when
    /// decoding overlaps encoding) as soon as nothing more is ready.
    /// </summary>
    private async Task EncodeAsync(EncoderGate cpu, ChannelReader<PhotoAnalysis> reader, ChannelWriter<PhotoAnalysis> writer, CancellationToken cancellationToken)
    {
        try
        {
            var batch = new List<PhotoAnalysis>(BatchSize);
            while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var decoded = 0;
                batch.Clear();
                while (decoded < BatchSize && batch.Count < BatchSize * 4)
                {
                    if (!reader.TryRead(out var photo))
                    {
                        // Decoding waits for the encoder (on the CPU): wait for a full batch, not the first photo.
                        if (cpu.Enabled && await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
                        {
                            continue;
                        }

                        break;
                    }

                    decoded += photo.PixelsAnalysed ? 1 : 0;
                    batch.Add(photo);
                }

                var ready = batch.Where(p => p.HasContent).ToList();
                using (cpu.Encoding())
                {
                    foreach (var analyzer in _encoders)
                    {
                        analyzer.Encode([.. ready.Where(p => p.PixelsAnalysed || !analyzer.Needs.Pixels)], cancellationToken);
                    }
                }

                foreach (var photo in batch)
                {
                    photo.Dispose();
                    await writer.WriteAsync(photo, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            writer.Complete();
        }
    }

    /// <summary>
    /// Commits in chunks of <see cref="IndexingOptions.CommitEvery"/> photos, or what has arrived once
    /// <see cref="IndexingOptions.CommitInterval"/> has passed: each commit costs fsyncs and a keyword-index commit,
    /// too much to pay per encoder batch, and what a kill can lose is bounded either way.
    /// </summary>
    private async Task CommitAsync(ChannelReader<PhotoAnalysis> reader, int total, IndexRunCounts counts, IProgress<IndexProgress>? progress, CancellationToken cancellationToken)
    {
        var chunk = new List<PhotoAnalysis>(options.CommitEvery);
        var received = 0;
        var sinceCommit = System.Diagnostics.Stopwatch.StartNew();
        await foreach (var photo in reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            chunk.Add(photo);
            progress?.Report(new IndexProgress(IndexPhase.Embedding, counts.Found, ++received, total, counts.Failed));
            if (chunk.Count >= options.CommitEvery || sinceCommit.Elapsed >= options.CommitInterval)
            {
                await CommitChunkAsync(chunk, counts, cancellationToken).ConfigureAwait(false);
                chunk.Clear();
                sinceCommit.Restart();
            }
        }

        if (chunk.Count > 0)
        {
            await CommitChunkAsync(chunk, counts, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Commits a chunk, then lets each analyzer look at what was committed (after the commit: it only reads).</summary>
    private async Task CommitChunkAsync(List<PhotoAnalysis> chunk, IndexRunCounts counts, CancellationToken cancellationToken)
    {
        await new ChunkCommit(index, chunk, TagSources).RunAsync(counts, cancellationToken).ConfigureAwait(false);
        foreach (var analyzer in analyzers)
        {
            await analyzer.AfterCommitAsync(index, chunk, counts, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The tag sources analyzers own: a photo's tags of those sources change only when the analyzer runs on it.</summary>
    private HashSet<string> TagSources => [.. analyzers.SelectMany(a => a.TagSources)];

    /// <summary>Carries out queued removals: vectors and keyword documents of photos and captions the catalog no longer has.</summary>
    private Task ApplyRemovalsAsync(CancellationToken cancellationToken) => ChunkCommit.ApplyRemovalsAsync(index, cancellationToken);
}
