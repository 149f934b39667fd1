using System;
using System.Collections.Generic;

namespace SchemaTasks.Roslyn;

/// <summary>
/// Domains whose generated types would collide: two task-service classes, in any namespaces, with one domain name
/// share the registration class <c>&lt;Domain&gt;TaskerServiceCollectionExtensions</c>, which lives in the one
/// namespace <c>Microsoft.Extensions.DependencyInjection</c>. The generator drops every such domain and STK0107
/// says why; the rule is shared so that both agree.
/// </summary>
internal static class DomainNameCollisions
{
    /// <summary>The domain names that occur more than once in <paramref name="domainNames"/>.</summary>
    /// <param name="domainNames">The domain name of each class that generates at least one task.</param>
    public static HashSet<string> Find(IEnumerable<string> domainNames)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var colliding = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in domainNames)
        {
            if (!seen.Add(name))
            {
                colliding.Add(name);
            }
        }

        return colliding;
    }
}
