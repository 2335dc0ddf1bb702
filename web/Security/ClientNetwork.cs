using System.Net;
using System.Net.Sockets;

namespace Retrieval.Web.Security;

/// <summary>
/// What counts as one client for the key budget: an IPv4 address, or an IPv6 /64 (one home or host gets a whole /64,
/// so counting single IPv6 addresses would give one attacker 2^64 budgets).
/// </summary>
internal static class ClientNetwork
{
    /// <summary>The network <paramref name="client"/> counts as; a connection without an address (an in-process host) is one client.</summary>
    public static IPAddress Of(IPAddress? client)
    {
        if (client is null)
        {
            return IPAddress.None;
        }

        if (client.IsIPv4MappedToIPv6)
        {
            return client.MapToIPv4();
        }

        if (client.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return client;
        }

        var bytes = client.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes);
    }
}
