using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace SchemaTasks.Dashboard.Security;

/// <summary>
/// Secure by default: while the dashboard's endpoints carry no authorization metadata (the app did not call
/// <c>.RequireAuthorization()</c>), only requests from this machine are answered, as Hangfire's dashboard does.
/// </summary>
internal static class LocalRequestsFilter
{
    public static ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var options = http.RequestServices.GetRequiredService<IOptions<SchemaTasksDashboardOptions>>().Value;
        if (options.LocalRequestsOnlyWithoutAuthorization && !HasAuthorization(http) && !IsLocal(http.Connection))
        {
            return ValueTask.FromResult<object?>(Results.Text(
                "The SchemaTasks dashboard answers local requests only. Configure authorization on it "
                + "(app.MapSchemaTasksDashboard().RequireAuthorization(...)) to open it to other machines.",
                "text/plain; charset=utf-8",
                statusCode: StatusCodes.Status403Forbidden));
        }

        return next(context);
    }

    internal static bool HasAuthorization(HttpContext http)
    {
        var metadata = http.GetEndpoint()?.Metadata;
        return metadata is not null
            && (metadata.GetMetadata<IAuthorizeData>() is not null
                || metadata.GetMetadata<AuthorizationPolicy>() is not null
                || metadata.GetMetadata<IAuthorizationRequirementData>() is not null);
    }

    internal static bool IsLocal(ConnectionInfo connection)
    {
        var remote = connection.RemoteIpAddress;
        if (remote is null)
        {
            // No remote address is known (an in-memory test server, or a transport that hides it): not provably local.
            return false;
        }

        return IPAddress.IsLoopback(remote) || (connection.LocalIpAddress is { } local && remote.Equals(local));
    }
}
