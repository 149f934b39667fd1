using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;

namespace SchemaTasks.Dashboard;

/// <summary>The dashboard's stylesheet and script, embedded in the assembly: no CDN, nothing to build.</summary>
internal static class DashboardAssets
{
    private static readonly ConcurrentDictionary<string, (byte[] Bytes, string ETag)?> Cache = new(StringComparer.Ordinal);

    /// <summary>The version of an asset, for cache-busting URLs.</summary>
    public static string Version(string name) => Load(name)?.ETag.Trim('"') ?? "0";

    public static IResult Serve(HttpContext http, string name)
    {
        var contentType = Path.GetExtension(name) switch
        {
            ".css" => "text/css; charset=utf-8",
            ".js" => "text/javascript; charset=utf-8",
            _ => null,
        };
        if (contentType is null || Load(name) is not { } asset)
        {
            return Results.NotFound();
        }

        if (http.Request.Headers.IfNoneMatch == asset.ETag)
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        http.Response.Headers.ETag = asset.ETag;
        http.Response.Headers.CacheControl = "public, max-age=3600";
        return Results.Bytes(asset.Bytes, contentType);
    }

    private static (byte[] Bytes, string ETag)? Load(string name) => Cache.GetOrAdd(name, static key =>
    {
        using var stream = typeof(DashboardAssets).Assembly.GetManifestResourceStream("SchemaTasks.Dashboard.Assets." + key);
        if (stream is null)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        var bytes = buffer.ToArray();
        return (bytes, "\"" + Convert.ToHexString(SHA256.HashData(bytes))[..16].ToLowerInvariant() + "\"");
    });
}
