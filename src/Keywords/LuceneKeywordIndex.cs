using System.Globalization;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Retrieval.Errors;
using Retrieval.Ids;

namespace Retrieval.Keywords;

/// <summary>
/// The keyword index on disk, with Lucene.Net: one document per photo, its captions, the text read in it, tags,
/// file-name words, folder names and camera each a field, analysed by <see cref="WordAnalyzer"/> (English, with CJK
/// bigrams) and ranked by BM25. A query's words may match in any field; each word scores by its best field (captions,
/// text in the photo and tags weigh most, then names and folders, then the camera), and the words' scores add up;
/// equal scores rank by photo id.
/// One process writes (Lucene's own write.lock); readers see each commit at their next search.
/// </summary>
public sealed class LuceneKeywordIndex : IKeywordIndex
{
    private const LuceneVersion Version = LuceneVersion.LUCENE_48;
    private const string IdField = "id";
    private const string OrderField = "order";

    // Equal BM25 scores ordered by photo id, not by Lucene's internal document order, which depends on the
    // index's history (updates, merges): the same documents rank the same however the index was built.
    private static readonly Sort ScoreThenId = new(SortField.FIELD_SCORE, new SortField(OrderField, SortFieldType.INT64));

    private static readonly (string Name, float Boost, KeywordFields Group)[] Fields =
        [("caption", 1f, KeywordFields.Captions), ("text", 1f, KeywordFields.PhotoText), ("tag", 1f, KeywordFields.Tags), ("name", 0.6f, KeywordFields.Names),
            ("folder", 0.6f, KeywordFields.Names), ("camera", 0.4f, KeywordFields.Camera), ("analyzed", 0.8f, KeywordFields.Analyzed)];

    private readonly string _path;
    private readonly FSDirectory _directory;
    private readonly Analyzer _analyzer = new WordAnalyzer(Version);
    private readonly IndexWriter? _writer;
    private readonly System.Threading.Lock _open = new();
    private readonly CommitStamp _commits;
    private readonly HashSet<string> _verifiedSegments = [];
    private SearcherManager? _searchers;

    private LuceneKeywordIndex(string path, FSDirectory directory, IndexWriter? writer)
    {
        _path = path;
        _directory = directory;
        _writer = writer;
        _commits = new CommitStamp(path);
        _searchers = writer is null ? null : new SearcherManager(writer, applyAllDeletes: true, new Bm25SearcherFactory(verified: null));
    }

    /// <summary>Opens (creating when absent) the index in <paramref name="path"/> for writing.</summary>
    /// <exception cref="StoreLockedException">Another process writes this index.</exception>
    public static LuceneKeywordIndex OpenWriter(string path)
    {
        var full = Path.GetFullPath(path);
        System.IO.Directory.CreateDirectory(full);
        var directory = FSDirectory.Open(new DirectoryInfo(full));
        try
        {
            var config = new IndexWriterConfig(Version, new WordAnalyzer(Version))
            {
                OpenMode = OpenMode.CREATE_OR_APPEND,
                Similarity = new BM25Similarity(),
                // Lucene's lock is released on close, but a process forking at that moment holds it until it
                // execs: wait a moment rather than fail. (The index root's own lock keeps real writers apart.)
                WriteLockTimeout = 2000,
            };
            var writer = new IndexWriter(directory, config);
            writer.Commit(); // an index exists from now on, so readers can open it
            return new LuceneKeywordIndex(full, directory, writer);
        }
        catch (LockObtainFailedException)
        {
            directory.Dispose();
            throw new StoreLockedException(Path.Combine(full, "write.lock"), 0);
        }
        catch
        {
            directory.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Opens the index in <paramref name="path"/> to read while a writer may change it; an index not yet written finds
    /// nothing. What is committed is opened now, every segment's checksums verified, so a damaged file is refused before
    /// anything is answered from the index, not at the first keyword search.
    /// </summary>
    /// <exception cref="IndexDamagedException">A file of the index is cut short, inconsistent or fails its checksum.</exception>
    public static LuceneKeywordIndex OpenReader(string path)
    {
        var full = Path.GetFullPath(path);
        var index = new LuceneKeywordIndex(full, FSDirectory.Open(new DirectoryInfo(full)), writer: null);
        try
        {
            index.Guarded(index.Searchers);
            return index;
        }
        catch
        {
            index.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public Task UpsertAsync(IReadOnlyList<KeywordDocument> documents, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var writer = Writer();
        foreach (var document in documents)
        {
            cancellationToken.ThrowIfCancellationRequested();
            writer.UpdateDocument(new Term(IdField, Key(document.Id)), ToLucene(document));
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task DeleteAsync(IReadOnlyList<long> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count > 0)
        {
            Writer().DeleteDocuments([.. ids.Select(id => new Term(IdField, Key(id)))]);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task CommitAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Writer().Commit();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task CompactAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var writer = Writer();
        // BM25's document counts and average lengths include deleted documents until their segments merge.
        if (writer.HasDeletions())
        {
            writer.ForceMergeDeletes(doWait: true);
            writer.Commit();
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<KeywordHit>> SearchAsync(KeywordQuery query, int k, IdFilter? filter = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        var parsed = Parse(query);
        if (parsed is null)
        {
            return Task.FromResult<IReadOnlyList<KeywordHit>>([]);
        }

        return Task.FromResult(Read<IReadOnlyList<KeywordHit>>([], searcher =>
        {
            cancellationToken.ThrowIfCancellationRequested();
            var top = searcher.Search(parsed, filter is null ? null : new PhotoIdFilter(filter), k, ScoreThenId, doDocScores: true, doMaxScore: false);
            var hits = new KeywordHit[top.ScoreDocs.Length];
            for (var i = 0; i < hits.Length; i++)
            {
                // The sort already read each hit's id from doc values; stored fields (compressed blocks) only
                // for documents written before the doc values existed (ids start at 1, so 0 means missing).
                var hit = top.ScoreDocs[i];
                var id = hit is FieldDoc { Fields: [_, long sorted, ..] } && sorted > 0 ? sorted : StoredId(searcher.Doc(hit.Doc));
                hits[i] = new KeywordHit(id, hit.Score);
            }

            return hits;
        }));
    }

    /// <inheritdoc />
    public Task<IReadOnlySet<long>> PhotosHoldingAsync(IReadOnlyList<string> words, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(words);
        var parsed = Parse(KeywordQuery.Of(string.Join(' ', words)));
        if (parsed is null)
        {
            return Task.FromResult<IReadOnlySet<long>>(new HashSet<long>());
        }

        return Task.FromResult(Read<IReadOnlySet<long>>(new HashSet<long>(), searcher =>
        {
            cancellationToken.ThrowIfCancellationRequested();
            var collector = new PhotoIdCollector();
            searcher.Search(parsed, collector);
            return collector.Ids;
        }));
    }

    /// <inheritdoc />
    public Task<long> CountAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(Read(0L, searcher => (long)searcher.IndexReader.NumDocs));

    /// <inheritdoc />
    public IReadOnlyList<string> Analyze(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var terms = new List<string>();
        using var stream = _analyzer.GetTokenStream(Fields[0].Name, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            terms.Add(term.ToString());
        }

        stream.End();
        return terms;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _searchers?.Dispose();
        _writer?.Dispose();
        _analyzer.Dispose();
        _directory.Dispose();
    }

    /// <summary>Runs <paramref name="read"/> on the newest committed searcher; <paramref name="empty"/> while no index has been written.</summary>
    private T Read<T>(T empty, Func<IndexSearcher, T> read) => Guarded(() =>
    {
        if (Searchers() is not { } searchers)
        {
            return empty;
        }

        var searcher = searchers.Acquire();
        try
        {
            return read(searcher);
        }
        finally
        {
            searchers.Release(searcher);
        }
    });

    /// <summary>Runs a read of the files, turning a failure that shows a damaged file into <see cref="IndexDamagedException"/>.</summary>
    private T Guarded<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (KeywordDamage.Of(_path, e) is { } damage)
        {
            throw damage;
        }
    }

    private static long StoredId(Document document) => long.Parse(document.Get(IdField, CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private IndexWriter Writer() => _writer ?? throw new InvalidOperationException($"the keyword index in '{_path}' is open read-only");

    /// <summary>The searcher manager, refreshed to the last commit; null while no index has been written.</summary>
    private SearcherManager? Searchers()
    {
        lock (_open)
        {
            if (_searchers is null)
            {
                if (!DirectoryReader.IndexExists(_directory))
                {
                    return null;
                }

                _searchers = new SearcherManager(_directory, new Bm25SearcherFactory(_verifiedSegments));
            }
        }

        // A writer's own manager sees its changes in memory; a reader's sees another process's commits on disk.
        if (_writer is not null)
        {
            _searchers.MaybeRefresh();
        }
        else if (_commits.Current() is var stamp && _commits.MayHaveChanged(stamp))
        {
            _searchers.MaybeRefresh();
            _commits.Seen(stamp);
        }

        return _searchers;
    }

    /// <summary>
    /// The Lucene query: each free word a SHOULD clause scoring by its best field; each phrase a MUST clause
    /// (the phrase in any field); each excluded word a MUST_NOT clause (in any field). Null when nothing is
    /// left to match (only exclusions, or only stop words).
    /// </summary>
    private BooleanQuery? Parse(KeywordQuery keywords)
    {
        var query = new BooleanQuery();
        var words = Analyze(keywords.Words).Distinct(StringComparer.Ordinal).Take(BooleanQuery.MaxClauseCount / 2).ToList();
        foreach (var word in words)
        {
            query.Add(BestField(field => new TermQuery(new Term(field, word)), keywords.Fields), Occur.SHOULD);
        }

        // A file name typed whole ("IMG_0100", "beachDay") is its name words in a row, as names are indexed (NameTokens).
        if ((keywords.Fields & KeywordFields.Names) != 0)
        {
            foreach (var terms in keywords.Words.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => Analyze(NameTokens.SplitJoinedWords(w))).Where(t => t.Count > 1).Take(BooleanQuery.MaxClauseCount / 4))
            {
                var phrase = new PhraseQuery();
                foreach (var term in terms)
                {
                    phrase.Add(new Term("name", term));
                }

                query.Add(phrase, Occur.SHOULD);
            }
        }

        // Inside text the recogniser ran together, a word is its pieces in a row.
        if ((keywords.Fields & KeywordFields.PhotoText) != 0)
        {
            foreach (var pieces in keywords.Words.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(TextGrams.OfWord).Where(p => p.Count > 0).Take(BooleanQuery.MaxClauseCount / 4))
            {
                var phrase = new PhraseQuery();
                foreach (var piece in pieces)
                {
                    phrase.Add(new Term(TextGrams.Field, piece));
                }

                query.Add(phrase, Occur.SHOULD);
            }
        }

        var phrases = keywords.Phrases.Select(Analyze).Where(terms => terms.Count > 0).ToList();
        foreach (var terms in phrases)
        {
            query.Add(BestField(field =>
            {
                var phrase = new PhraseQuery();
                foreach (var term in terms)
                {
                    phrase.Add(new Term(field, term));
                }

                return phrase;
            }, keywords.Fields), Occur.MUST);
        }

        if (words.Count == 0 && phrases.Count == 0)
        {
            return null;
        }

        foreach (var word in keywords.Excluded.SelectMany(Analyze).Distinct(StringComparer.Ordinal))
        {
            query.Add(BestField(field => new TermQuery(new Term(field, word)), KeywordFields.All), Occur.MUST_NOT);
        }

        return query;
    }

    private static DisjunctionMaxQuery BestField(Func<string, Query> perField, KeywordFields groups)
    {
        var best = new DisjunctionMaxQuery(0.1f);
        foreach (var (field, boost, group) in Fields.Where(f => (f.Group & groups) != 0))
        {
            var query = perField(field);
            query.Boost = boost;
            best.Add(query);
        }

        return best;
    }

    private static Document ToLucene(KeywordDocument photo)
    {
        var document = new Document { new StringField(IdField, Key(photo.Id), Field.Store.YES), new NumericDocValuesField(OrderField, photo.Id) };
        foreach (var caption in photo.Captions)
        {
            document.Add(new TextField("caption", caption, Field.Store.NO));
        }

        foreach (var tag in photo.Tags)
        {
            document.Add(new TextField("tag", tag, Field.Store.NO));
        }

        foreach (var value in photo.Analyzed ?? [])
        {
            document.Add(new TextField("analyzed", value, Field.Store.NO));
        }

        // Text read in the photo; a line the recogniser ran together ("RistoranteDaMario") also split where its case changes.
        foreach (var line in photo.Text ?? [])
        {
            document.Add(new TextField("text", line, Field.Store.NO));
            document.Add(new TextField(TextGrams.Field, TextGrams.Of(line), Field.Store.NO));
            if (NameTokens.Split(line) is var split && !split.Equals(line, StringComparison.Ordinal))
            {
                document.Add(new TextField("text", split, Field.Store.NO));
            }
        }

        document.Add(new TextField("name", NameTokens.OfFileName(photo.FileName), Field.Store.NO));
        foreach (var folder in photo.Folders)
        {
            document.Add(new TextField("folder", NameTokens.Split(folder), Field.Store.NO));
        }

        if (photo.Camera is { Length: > 0 } camera)
        {
            document.Add(new TextField("camera", camera, Field.Store.NO));
        }

        return document;
    }

    private static string Key(long id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>The photo id of each document of one segment: its doc value, else (documents older than the doc values) its stored id.</summary>
    private sealed class SegmentIds(AtomicReader reader)
    {
        private readonly NumericDocValues? _values = reader.GetNumericDocValues(OrderField);

        public long Of(int doc) => _values?.Get(doc) is > 0 and var id ? id : StoredId(reader.Document(doc));
    }

    /// <summary>An <see cref="IdFilter"/> applied inside Lucene's search, so the top k are taken among the photos it allows.</summary>
    private sealed class PhotoIdFilter(IdFilter filter) : Filter
    {
        public override DocIdSet GetDocIdSet(AtomicReaderContext context, IBits acceptDocs)
        {
            var ids = new SegmentIds(context.AtomicReader);
            return new MatchingIds(context.AtomicReader.MaxDoc, acceptDocs, doc => filter.Contains(ids.Of(doc)));
        }

        private sealed class MatchingIds(int maxDoc, IBits acceptDocs, Func<int, bool> matches) : FieldCacheDocIdSet(maxDoc, acceptDocs)
        {
            protected override bool MatchDoc(int doc) => matches(doc);
        }
    }

    /// <summary>Collects the photo id of every match, unscored and unbounded.</summary>
    private sealed class PhotoIdCollector : ICollector
    {
        private SegmentIds? _segment;

        public HashSet<long> Ids { get; } = [];

        public bool AcceptsDocsOutOfOrder => true;

        public void SetScorer(Scorer scorer)
        {
        }

        public void Collect(int doc) => Ids.Add(_segment!.Of(doc));

        public void SetNextReader(AtomicReaderContext context) => _segment = new SegmentIds(context.AtomicReader);
    }

    /// <summary>
    /// Searchers that rank by BM25. A reader's (<paramref name="verified"/> given) first verify the checksums of every
    /// segment they have not seen yet: a segment never changes once written, so each is read whole once per reader, and
    /// garbage inside a file is refused instead of ranked. A writer's searchers see segments it just wrote itself.
    /// </summary>
    private sealed class Bm25SearcherFactory(HashSet<string>? verified) : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader)
        {
            if (verified is not null)
            {
                lock (verified)
                {
                    foreach (var segment in reader.Leaves.Select(l => l.AtomicReader).OfType<SegmentReader>().Where(s => !verified.Contains(s.SegmentName)))
                    {
                        segment.CheckIntegrity();
                        verified.Add(segment.SegmentName);
                    }
                }
            }

            return new IndexSearcher(reader) { Similarity = new BM25Similarity() };
        }
    }
}
