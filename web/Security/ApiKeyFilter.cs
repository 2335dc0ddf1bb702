using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Retrieval.Web.Apis;

namespace Retrieval.Web.Security;

/// <summary>
/// Guards the endpoints that change the index. With <see cref="ServerOptions.ApiKey"/> set, the request must
/// carry it in <c>X-Api-Key</c> (401 otherwise). Without one, they are open only while the server listens on
/// loopback alone; listening beyond it (a container, <c>--urls http://0.0.0.0:...</c>) they answer 403.
/// </summary>
internal sealed class ApiKeyFilter(IOptions<ServerOptions> options, IServer server, IConfiguration configuration) : IEndpointFilter
{
    public const string Header = "X-Api-Key";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (options.Value.ApiKey is { Length: > 0 } key)
        {
            var given = context.HttpContext.Request.Headers[Header].ToString();
            return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(key))
                ? await next(context).ConfigureAwait(false)
                : Problems.Problem(StatusCodes.Status401Unauthorized, "Unauthorized", $"this request changes the index: send the API key in the {Header} header");
        }

        return ListensBeyondLoopback()
            ? Problems.Problem(StatusCodes.Status403Forbidden, "Forbidden",
                "this request changes the index, and the server listens beyond this machine without an API key: set Retrieval:Server:ApiKey")
            : await next(context).ConfigureAwait(false);
    }

    private bool ListensBeyondLoopback()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses is { Count: > 0 } bound
            ? bound
            : (configuration["urls"] ?? configuration["ASPNETCORE_URLS"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return addresses.Any(address => !IsLoopback(address));
    }

    private static bool IsLoopback(string address)
    {
        // http://+:80, http://*:80 and http://0.0.0.0:80 mean every interface.
        var host = Uri.TryCreate(address.Replace("://+", "://any", StringComparison.Ordinal).Replace("://*", "://any", StringComparison.Ordinal), UriKind.Absolute, out var uri) ? uri.Host : address;
        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
    }
}
