using Retrieval.Testing;

namespace Retrieval.Web.Tests;

/// <summary>
/// The server in its own process over a library to browse: the eight undated samples, and eight more sample photos given a
/// date taken and (most) a GPS position in their EXIF, in a <c>trips</c> folder and a <c>home</c> folder. Shared by the
/// timeline and map API tests and the page's browse tests (<see cref="BrowseLibrary"/>): one server for both.
/// </summary>
public sealed class BrowseServer : ServerProcess
{
    /// <summary>The dated photos: name, folder, when, where (null: no GPS). Two were taken on 07-14, three in July 2019.</summary>
    public static readonly (string Name, string Folder, DateTime Taken, (double Latitude, double Longitude)? At)[] Dated =
    [
        ("paris-eiffel.jpg", "trips", new DateTime(2019, 7, 14, 10, 0, 0), (48.8584, 2.2945)),
        ("paris-louvre.jpg", "trips", new DateTime(2019, 7, 20, 18, 0, 0), (48.8606, 2.3376)),
        ("london.jpg", "trips", new DateTime(2019, 7, 3, 12, 0, 0), (51.5007, -0.1246)),
        ("sydney.jpg", "trips", new DateTime(2022, 7, 14, 9, 0, 0), (-33.8568, 151.2153)),
        ("new-york.jpg", "trips", new DateTime(2021, 12, 25, 15, 0, 0), (40.6892, -74.0445)),
        ("tokyo.jpg", "trips", new DateTime(2018, 3, 30, 8, 0, 0), (35.6595, 139.7005)),
        // What a camera writes without a fix: (0, 0), never plotted; and a photo without GPS.
        ("no-fix.jpg", "home", new DateTime(2020, 1, 1, 0, 30, 0), (0, 0)),
        ("no-gps.jpg", "home", new DateTime(2020, 1, 2, 11, 0, 0), null),
    ];

    /// <summary>Samples without EXIF of their own, beside the eight the server copies, that the dated photos are made from.</summary>
    private static readonly string[] Sources =
        ["000000125870.jpg", "000000159269.jpg", "000000160012.jpg", "000000165518.jpg", "000000174375.jpg", "000000174632.jpg", "000000183709.jpg", "000000196393.jpg"];

    /// <summary>Every photo the library holds: the undated samples and the dated ones.</summary>
    public static int PhotoCount => TestServer.Photos.Length + Dated.Length;

    protected override async Task<int> AddPhotosAsync(string folder)
    {
        for (var i = 0; i < Dated.Length; i++)
        {
            var (name, subfolder, taken, at) = Dated[i];
            var target = Path.Combine(folder, subfolder, name);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            var jpeg = await File.ReadAllBytesAsync(Path.Combine(RepositoryPaths.Samples, Sources[i]), TestContext.Current.CancellationToken);
            await File.WriteAllBytesAsync(target, ExifJpeg.WithDateAndCamera(jpeg, taken, "Canon", "Canon EOS R5", at), TestContext.Current.CancellationToken);
        }

        return Dated.Length;
    }
}
