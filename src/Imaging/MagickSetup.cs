using ImageMagick;
using ImageMagick.Configuration;

namespace Retrieval.Imaging;

/// <summary>
/// ImageMagick made safe before its first use, once per process: a security policy that lets it read only the photo
/// formats the engine routes to it (never write, never run a delegate program, never read a file named inside another
/// — no MVG, MSL, SVG, URL, EPHEMERAL, PostScript or PDF), no disk cache, and resource limits from the engine's own
/// (pixels, memory, time). The engine also names the format of every read from the file's content, so ImageMagick
/// never guesses one; the policy is the second wall.
/// </summary>
internal static class MagickSetup
{
    /// <summary>The ImageMagick coders the engine reads with: the formats routed here, and JPEG (raw files' previews).</summary>
    public const string ReadableCoders =
        "HEIC,HEIF,AVIF,JXL,TIFF,TIF,TIFF64,PTIF,PSD,PSB,JPEG,JPG,DNG,CR2,CR3,CRW,NEF,NRW,ARW,SRF,SR2,RAF,ORF,RW2,RWL,PEF,SRW,ERF,KDC,DCR,MRW,3FR,IIQ,X3F,MEF,MOS";

    private static readonly Lock Gate = new();
    private static bool _ready;
    private static long _maxPixels;

    /// <summary>
    /// Sets ImageMagick's policy up (once), and its limits from <paramref name="options"/>' (the limits are the process's:
    /// the last decoder's set; every decoder of a process has the same). Null keeps the limits set, or the defaults.
    /// </summary>
    public static void Ensure(ImagingOptions? options)
    {
        lock (Gate)
        {
            if (!_ready)
            {
                var files = ConfigurationFiles.Default;
                files.Policy.Data = $$"""
                    <policymap>
                      <policy domain="delegate" rights="none" pattern="*"/>
                      <policy domain="path" rights="none" pattern="@*"/>
                      <policy domain="coder" rights="none" pattern="*"/>
                      <policy domain="coder" rights="read" pattern="{{{ReadableCoders}}}"/>
                    </policymap>
                    """;
                // The policy is written to a folder only this user can write (mkdtemp: mode 0700), so no one else can loosen it.
                var folder = Directory.CreateTempSubdirectory("retrieval-magick-");
                AppDomain.CurrentDomain.ProcessExit += (_, _) => folder.Delete(recursive: true);
                MagickNET.Initialize(files, folder.FullName);
                // Coders that read only files (libheif's) get a private copy there too, not in the shared /tmp.
                MagickNET.SetTempDirectory(folder.FullName);
                _ready = true;
                options ??= new ImagingOptions();
            }

            if (options is not null && options.MaxPixels != _maxPixels)
            {
                Limit(options.MaxPixels);
            }
        }
    }

    private static void Limit(long maxPixels)
    {
        var side = (ulong)Math.Min(maxPixels, 1_000_000);
        ResourceLimits.Width = side;
        ResourceLimits.Height = side;
        ResourceLimits.Area = (ulong)maxPixels;
        // Decoding may hold a few copies of the pixels (16-bit planes, a colour conversion): room for those, and none on disk.
        ResourceLimits.Memory = (ulong)maxPixels * 16;
        ResourceLimits.Disk = 0;
        ResourceLimits.Time = 120;
        ResourceLimits.ListLength = 64;
        ResourceLimits.MaxProfileSize = (ulong)Metadata.MetadataBudget.DefaultBytes;
        _maxPixels = maxPixels;
    }
}
