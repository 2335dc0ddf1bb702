using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Retrieval.Faces;

/// <summary>
/// One face as the <c>faces</c> collection keeps it, beside its descriptor: the item's payload, a compact JSON object —
/// <c>{"box":[x,y,w,h],"score":s,"points":[[x,y],…],"norm":n}</c> plus <c>"at":t</c> (seconds) for a video's frame.
/// Pixels of the upright photo (or frame, at the photo's size), to a tenth of a pixel.
/// </summary>
/// <param name="Box">The detected box.</param>
/// <param name="Score">The detector's confidence.</param>
/// <param name="KeyPoints">
/// Five points, in the order insightface's alignment takes them: the centre of the eye on the image's left, of the other
/// eye, the nose tip, the mouth's left and right corners — enough to align the face for another recognition model.
/// </param>
/// <param name="DescriptorNorm">
/// The length of the descriptor as the net gave it: the vector store keeps it at unit length, so this times the stored
/// vector is dlib's descriptor again, for its Euclidean distance (same person below 0.6).
/// </param>
/// <param name="At">For a video, when the frame is shown (seconds); null for a photo.</param>
public sealed record FaceItem(FaceBox Box, float Score, IReadOnlyList<FacePoint> KeyPoints, float DescriptorNorm, double? At = null)
{
    /// <summary>How many key points a face keeps.</summary>
    public const int KeyPointCount = 5;

    /// <summary>What the collection keeps of <paramref name="face"/>, found at <paramref name="at"/> seconds of a video (null: a photo).</summary>
    public static FaceItem Of(Face face, double? at = null)
    {
        ArgumentNullException.ThrowIfNull(face);
        FacePoint[] points = [.. face.Landmarks];
        // SCRFD gives the five key points themselves; face-api's 68 landmarks hold them.
        FacePoint[] keyPoints = points.Length == KeyPointCount ? points
            : [FaceAlignment.Centre(points.AsSpan(36, 6)), FaceAlignment.Centre(points.AsSpan(42, 6)), points[30], points[48], points[54]];
        return new FaceItem(face.Box, face.Score, keyPoints, System.Numerics.Tensors.TensorPrimitives.Norm<float>(face.Descriptor), at);
    }

    /// <summary>The payload the catalog keeps.</summary>
    public string ToPayload()
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("box");
            foreach (var value in (double[])[Box.X, Box.Y, Box.Width, Box.Height])
            {
                json.WriteNumberValue(Math.Round(value, 1));
            }

            json.WriteEndArray();
            json.WriteNumber("score", Math.Round(Score, 4));
            json.WriteStartArray("points");
            foreach (var point in KeyPoints)
            {
                json.WriteStartArray();
                json.WriteNumberValue(Math.Round(point.X, 1));
                json.WriteNumberValue(Math.Round(point.Y, 1));
                json.WriteEndArray();
            }

            json.WriteEndArray();
            json.WriteNumber("norm", Math.Round(DescriptorNorm, 4));
            if (At is { } at)
            {
                json.WriteNumber("at", Math.Round(at, 3));
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The face a payload holds, or null when it is not one (missing, not JSON, or another shape).</summary>
    public static FaceItem? FromPayload(string? payload)
    {
        if (string.IsNullOrEmpty(payload))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(payload);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("box", out var box) || Numbers(box) is not [var x, var y, var w, var h]
                || !root.TryGetProperty("score", out var score) || !root.TryGetProperty("norm", out var norm)
                || !root.TryGetProperty("points", out var points) || points.ValueKind != JsonValueKind.Array || points.GetArrayLength() != KeyPointCount)
            {
                return null;
            }

            var keyPoints = new List<FacePoint>(KeyPointCount);
            foreach (var point in points.EnumerateArray())
            {
                if (Numbers(point) is not [var px, var py])
                {
                    return null;
                }

                keyPoints.Add(new FacePoint(px, py));
            }

            double? at = root.TryGetProperty("at", out var time) ? time.GetDouble() : null;
            return new FaceItem(new FaceBox(x, y, w, h), score.GetSingle(), keyPoints, norm.GetSingle(), at);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            return null;
        }
    }

    private static double[]? Numbers(JsonElement array) =>
        array.ValueKind == JsonValueKind.Array && array.EnumerateArray().All(v => v.ValueKind == JsonValueKind.Number)
            ? [.. array.EnumerateArray().Select(v => v.GetDouble())]
            : null;
}
