using System.Net;

namespace Retrieval.Web.Security;

/// <summary>The Host names a request may use: this machine's (<c>localhost</c>, <c>*.localhost</c>, an IP address) and the configured ones.</summary>
internal static class HostNames
{
    /// <summary>Whether <paramref name="host"/> is <c>localhost</c>, a subdomain of it, or an IP address.</summary>
    public static bool IsLocalOrAddress(string host)
    {
        var name = host.TrimEnd('.');
        return name.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || name.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
            || IPAddress.TryParse(name.Trim('[', ']'), out _);
    }

    /// <summary>Whether <paramref name="host"/> is one of <paramref name="configured"/> (<c>photos.example.com</c>, <c>*.example.com</c>).</summary>
    public static bool IsConfigured(string host, IReadOnlyList<string> configured)
    {
        var name = host.TrimEnd('.');
        return configured.Any(allowed => allowed.StartsWith("*.", StringComparison.Ordinal)
            ? name.EndsWith(allowed[1..], StringComparison.OrdinalIgnoreCase)
            : name.Equals(allowed, StringComparison.OrdinalIgnoreCase));
    }
}
