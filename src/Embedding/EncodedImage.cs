using Retrieval.Models;

namespace Retrieval.Embedding;

/// <summary>Where a photo's image was encoded in the current batch: what the automatic tags read its classes from.</summary>
internal sealed record EncodedImage(ImageBatch Batch, int Index);
