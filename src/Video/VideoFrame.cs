using Retrieval.Imaging;

namespace Retrieval.Video;

/// <summary>One picked frame of a video, upright, as it is read: valid only during the call it is given to (its pixels are reused for the next).</summary>
/// <param name="Image">Its pixels, at the size the analyzers asked for.</param>
/// <param name="Time">When it is shown, in seconds from the start.</param>
/// <param name="Index">Its place among the picked frames, from 0.</param>
/// <param name="Video">The video it is a frame of.</param>
public sealed record VideoFrame(RgbaImage Image, double Time, int Index, VideoInfo Video);
