namespace Retrieval.Web.Security;

/// <summary>Marks the endpoints that change the index: they need the key even on loopback, when one is set.</summary>
internal static class RequireKeyExtensions
{
    public static TBuilder RequireKey<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new KeyRequiredMetadata());
}
