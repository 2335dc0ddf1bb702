using System.Buffers.Binary;
using Retrieval.Catalog;
using Retrieval.Indexing;
using Retrieval.Metadata;
using Retrieval.Testing;

namespace Retrieval.Tests.Metadata;

/// <summary>
/// Metadata is read within a per-file budget: files whose metadata would inflate or allocate far beyond their size
/// cost about what they weigh, and the good metadata beside the bombs is still read.
/// </summary>
public sealed class MetadataBudgetTests
{
    // Far below what any bomb here asks for (a gigabyte or more), far above the budget and the files themselves.
    private const long AllowedAllocation = 48L << 20;

    private static readonly Lazy<byte[]> GigabyteOfZeros = new(() => MetadataBombs.ZlibOfZeros(1L << 30));

    [Fact]
    public void PngTextChunksInflatingToGigabytes_AreNeverInflated_TheXmpBesideThemIsRead()
    {
        var png = TestPng.WithChunks(TestPng.AllZero(8, 8),
            ("zTXt", MetadataBombs.CompressedText("Comment", GigabyteOfZeros.Value)),
            ("zTXt", MetadataBombs.CompressedText("Raw profile type exif", GigabyteOfZeros.Value)),
            ("iTXt", MetadataBombs.XmpText(MetadataBombs.XmpPacket("Lanterns over the river"), compressed: false)),
            ("zTXt", MetadataBombs.CompressedText("Description", GigabyteOfZeros.Value)));

        var (metadata, allocated) = Read(png);

        Assert.True(allocated < AllowedAllocation, $"{allocated / 1e6:0} MB allocated reading a {png.Length / 1e6:0.0} MB PNG's metadata");
        Assert.Equal([new CaptionText("Lanterns over the river", "xmp")], metadata.Captions);
    }

    [Fact]
    public void CompressedXmpInflatingPastTheBudget_IsLeftOut()
    {
        var png = TestPng.WithChunks(TestPng.AllZero(8, 8), ("iTXt", MetadataBombs.XmpText(GigabyteOfZeros.Value, compressed: true)));

        var (metadata, allocated) = Read(png);

        Assert.True(allocated < AllowedAllocation, $"{allocated / 1e6:0} MB allocated");
        Assert.Empty(metadata.Captions);
    }

    [Fact]
    public void CompressedXmpWithinTheBudget_IsInflatedAndRead()
    {
        using var compressed = new MemoryStream();
        using (var zlib = new System.IO.Compression.ZLibStream(compressed, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(MetadataBombs.XmpPacket("A kite above the dunes"));
        }

        var png = TestPng.WithChunks(TestPng.AllZero(8, 8), ("iTXt", MetadataBombs.XmpText(compressed.ToArray(), compressed: true)));

        Assert.Equal([new CaptionText("A kite above the dunes", "xmp")], Read(png).Metadata.Captions);
    }

    [Fact]
    public void ExifEntriesPointingAtTheSameBytes_AreRefusedBeforeParsing()
    {
        // 20 segments of 4,000 entries, each a 48 KB value over the same bytes: 3.8 GB to a parser that allocates them.
        var jpeg = MetadataBombs.JpegWith(File.ReadAllBytes(PhotoMosaic.SamplePhotos()[0]),
            [.. Enumerable.Repeat(MetadataBombs.OverlappingExifSegment(4000), 20), MetadataBombs.XmpSegment(MetadataBombs.XmpPacket("Gulls on the pier"))]);

        var (metadata, allocated) = Read(jpeg);

        Assert.True(allocated < AllowedAllocation + (jpeg.Length * 2L), $"{allocated / 1e6:0} MB allocated reading a {jpeg.Length / 1e6:0.0} MB JPEG's metadata");
        Assert.Equal([new CaptionText("Gulls on the pier", "xmp")], metadata.Captions);
    }

    [Fact]
    public void XmpEntityExpansion_IsNotExpanded()
    {
        var jpeg = MetadataBombs.JpegWith(File.ReadAllBytes(PhotoMosaic.SamplePhotos()[0]), [MetadataBombs.XmpSegment(MetadataBombs.XmpLaughs())]);

        var (metadata, allocated) = Read(jpeg);

        Assert.True(allocated < AllowedAllocation, $"{allocated / 1e6:0} MB allocated");
        Assert.Empty(metadata.Captions);
    }

    [Fact]
    public void ExifBlockCost_SumsValuesOfEveryIfdFollowed_AndRenamesMakerNotes()
    {
        // IFD0: Make (6 bytes at 100), an Exif IFD pointer; Exif IFD: a 40-byte maker note at 120.
        var tiff = new byte[200];
        "II"u8.CopyTo(tiff);
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(2), 42);
        BinaryPrimitives.WriteInt32LittleEndian(tiff.AsSpan(4), 8);
        Ifd(tiff, 8, (0x010F, 2, 6, 100), (0x8769, 4, 1, 50));
        Ifd(tiff, 50, (0x927C, 7, 40, 120));

        Assert.Equal((2 * 12) + 6 + 12 + 40, ExifBlock.Cost(tiff));
        Assert.Equal(0xFEFE, BinaryPrimitives.ReadUInt16LittleEndian(tiff.AsSpan(52)));
        Assert.Equal(0x010F, BinaryPrimitives.ReadUInt16LittleEndian(tiff.AsSpan(10)));
        Assert.Equal(long.MaxValue, ExifBlock.Cost("not a tiff block at all"u8.ToArray()));
    }

    [Fact]
    public void ExifIfdChainThatLoopsOrRunsLong_IsBounded()
    {
        var looping = new byte[64];
        "MM"u8.CopyTo(looping);
        BinaryPrimitives.WriteUInt16BigEndian(looping.AsSpan(2), 42);
        BinaryPrimitives.WriteInt32BigEndian(looping.AsSpan(4), 8);
        BinaryPrimitives.WriteUInt16BigEndian(looping.AsSpan(8), 0);
        BinaryPrimitives.WriteInt32BigEndian(looping.AsSpan(10), 8); // the next IFD is itself
        Assert.Equal(0, ExifBlock.Cost(looping));

        // A chain of 40 empty IFDs, each linking to the next: more than a parser is allowed to follow.
        var chain = new byte[8 + (40 * 6)];
        "II"u8.CopyTo(chain);
        BinaryPrimitives.WriteUInt16LittleEndian(chain.AsSpan(2), 42);
        BinaryPrimitives.WriteInt32LittleEndian(chain.AsSpan(4), 8);
        for (var i = 0; i < 40; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(chain.AsSpan(8 + (i * 6) + 2), i == 39 ? 0 : 8 + ((i + 1) * 6));
        }

        Assert.Equal(long.MaxValue, ExifBlock.Cost(chain));
    }

    private static (PhotoMetadata Metadata, long Allocated) Read(byte[] file)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var metadata = PhotoMetadataReader.Read(file);
        return (metadata, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static void Ifd(byte[] tiff, int at, params (ushort Tag, ushort Type, int Count, int Value)[] entries)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(at), (ushort)entries.Length);
        for (var i = 0; i < entries.Length; i++)
        {
            var entry = at + 2 + (i * 12);
            BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(entry), entries[i].Tag);
            BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(entry + 2), entries[i].Type);
            BinaryPrimitives.WriteInt32LittleEndian(tiff.AsSpan(entry + 4), entries[i].Count);
            BinaryPrimitives.WriteInt32LittleEndian(tiff.AsSpan(entry + 8), entries[i].Value);
        }

        BinaryPrimitives.WriteInt32LittleEndian(tiff.AsSpan(at + 2 + (entries.Length * 12)), 0);
    }
}
