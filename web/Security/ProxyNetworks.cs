using System.Net;
using System.Net.Sockets;

namespace Retrieval.Web.Security;

/// <summary>The entries of <see cref="ServerOptions.TrustedProxies"/>: an address (<c>10.0.0.2</c>, one host) or a network (<c>10.0.0.0/8</c>).</summary>
internal static class ProxyNetworks
{
    /// <summary>Reads one entry.</summary>
    public static bool TryParse(string entry, out IPNetwork network)
    {
        if (IPAddress.TryParse(entry, out var address))
        {
            network = new IPNetwork(address, address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128);
            return true;
        }

        return IPNetwork.TryParse(entry, out network);
    }

    /// <summary>Reads one entry that <see cref="TryParse"/> accepts (the options are validated at start).</summary>
    public static IPNetwork Parse(string entry) =>
        TryParse(entry, out var network) ? network : throw new FormatException($"'{entry}' is not an address or a network");
}
