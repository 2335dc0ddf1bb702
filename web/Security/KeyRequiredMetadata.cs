namespace Retrieval.Web.Security;

/// <summary>The mark <see cref="RequireKeyExtensions.RequireKey"/> leaves on an endpoint that changes the index.</summary>
internal sealed class KeyRequiredMetadata;
