using Retrieval.Video;

namespace Retrieval.Tests.Video;

/// <summary>The small rules of video reading: containers by content, ISO 6709 positions, frame picking, FFmpeg's reasons, moments.</summary>
public sealed class VideoPartsTests
{
    [Theory]
    [InlineData("scenes-h264.mp4", "mp4", "video/mp4")]
    [InlineData("scenes-hevc.mov", "mov", "video/quicktime")]
    public void ACommittedClip_IsToldByItsContent(string file, string container, string mediaType)
    {
        var head = File.ReadAllBytes(Path.Combine(Testing.VideoSet.Files, file)).AsSpan(0, VideoContainer.SniffBytes);
        Assert.Equal(container, VideoContainer.Of(head)?.Name);
        Assert.Equal(mediaType, VideoContainer.MediaTypeOf(head));
    }

    [Theory]
    [InlineData(new byte[] { 0x1A, 0x45, 0xDF, 0xA3, 0x42, 0x82, 0x84, (byte)'w', (byte)'e', (byte)'b', (byte)'m' }, "webm", "video/webm")]
    [InlineData(new byte[] { 0x1A, 0x45, 0xDF, 0xA3, 0x42, 0x82, 0x88, (byte)'m', (byte)'a', (byte)'t', (byte)'r' }, "mkv", "video/x-matroska")]
    [InlineData(new byte[] { (byte)'R', (byte)'I', (byte)'F', (byte)'F', 0, 0, 0, 0, (byte)'A', (byte)'V', (byte)'I', (byte)' ' }, "avi", "video/x-msvideo")]
    public void OtherContainers_AreToldByTheirFirstBytes(byte[] head, string container, string mediaType)
    {
        Assert.Equal(container, VideoContainer.Of(head)?.Name);
        Assert.Equal(mediaType, VideoContainer.MediaTypeOf(head));
    }

    [Fact]
    public void TransportStreams_AreToldByTheirSyncBytes_AndTextIsNoVideo()
    {
        var ts = new byte[400];
        ts[0] = ts[188] = 0x47;
        var m2ts = new byte[400];
        m2ts[4] = m2ts[196] = 0x47;
        Assert.Equal("mts", VideoContainer.Of(ts)?.Name);
        Assert.Equal("mts", VideoContainer.Of(m2ts)?.Name);
        Assert.Null(VideoContainer.Of("#EXTM3U\nfile:///etc/passwd\n"u8));
    }

    [Theory]
    [InlineData("+48.8584+002.2945/", 48.8584, 2.2945)]
    [InlineData("+41.8902+012.4922+021.000/", 41.8902, 12.4922)]
    [InlineData("-33.8688+151.2093/", -33.8688, 151.2093)]
    [InlineData("+35.6586-139.7454+040.000CRSWGS_84/", 35.6586, -139.7454)]
    public void Iso6709Positions_AreRead(string text, double latitude, double longitude) =>
        Assert.Equal((latitude, longitude), Iso6709.Parse(text));

    [Theory]
    [InlineData("+95.0000+002.2945/")]
    [InlineData("48.8584,2.2945")]
    [InlineData("")]
    [InlineData(null)]
    public void BadPositions_AreNone(string? text) => Assert.Null(Iso6709.Parse(text));

    [Fact]
    public void FramePicking_SpreadsALongVideo_ToTheBudget()
    {
        var options = new VideoOptions { MaxGapSeconds = 4, MaxFrames = 300 };
        var clip = new FrameSampling(60, options);
        Assert.Equal((4.0, 0.5), (clip.Gap, clip.SceneSpacing));
        var tenHours = new FrameSampling(36_000, options);
        // Neither the gap nor a scene start can come more often than 300 times in ten hours.
        Assert.Equal((120.0, 120.0), (tenHours.Gap, tenHours.SceneSpacing));
        Assert.Equal("isnan(prev_selected_t)+gte(t-prev_selected_t\\,4)+gt(scene\\,0.3)*gte(t-prev_selected_t\\,0.5)", clip.SelectExpression);
        Assert.True(clip.KeyframesSuffice(2));
        Assert.False(clip.KeyframesSuffice(10));
    }

    [Fact]
    public void FfmpegsReason_IsItsSpecificComplaint_OnOneLine()
    {
        const string errors = "[mov,mp4,m4a,3gp,3g2,mj2 @ 0x55d5c1f0] moov atom not found\n/proc/12/fd/45: Invalid data found when processing input\n";
        Assert.Equal("moov atom not found; Invalid data found when processing input", FfmpegError.Summary(errors));
        Assert.Equal("FFmpeg gave no reason", FfmpegError.Summary(""));
    }

    [Theory]
    [InlineData(0, "0:00")]
    [InlineData(12.7, "0:12")]
    [InlineData(476, "7:56")]
    [InlineData(35_880, "9:58:00")]
    public void Moments_ReadAsPeopleWriteThem(double seconds, string text) => Assert.Equal(text, VideoTime.Format(seconds));

    [Theory]
    [InlineData(12.4804, "12.48", 12.48)]
    [InlineData(0, "0", 0)]
    public void AFramesTime_IsKeptAsItsPayload(double seconds, string payload, double read)
    {
        Assert.Equal(payload, VideoTime.ToPayload(seconds));
        Assert.Equal(read, VideoTime.FromPayload(payload));
        Assert.Equal(read, VideoTime.FromPayload(payload + Retrieval.Duplicates.VideoDuplicatePairs.FlatMark)); // a flat frame's mark is no part of its time
        Assert.Null(VideoTime.FromPayload(null));
    }
}
