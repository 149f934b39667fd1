using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace SchemaTasks;

/// <summary>
/// Whether a payload type can be read back from the JSON it is stored as, judged from System.Text.Json's own
/// contract (so converters, <c>[JsonIgnore]</c> and polymorphism metadata count): the runtime side of STK0008, for
/// payloads that reach a trigger without the analyzers (another compiler, a suppressed build). A property of an
/// interface or abstract type serializes fine and then fails every run; this finds it at the trigger.
/// </summary>
internal static class PayloadContract
{
    private const int MaxDepth = 64;

    /// <summary>The verdict on one payload type under one serializer options instance.</summary>
    /// <param name="Options">The options it was judged under.</param>
    /// <param name="Problem">The first property that cannot cross, or null.</param>
    internal sealed record Verdict(JsonSerializerOptions Options, Problem? Problem);

    /// <summary>A property that cannot cross as JSON.</summary>
    /// <param name="Path">The property path from the payload, e.g. <c>Customer.Attachment</c>.</param>
    /// <param name="Reason">Why, and what to write instead.</param>
    internal sealed record Problem(string Path, string Reason);

    /// <summary>Walks the contract of <paramref name="payloadType"/> and its properties, cycles guarded.</summary>
    public static Verdict Check(Type payloadType, JsonSerializerOptions options)
    {
        // The options are read-only with a resolver by now: the caller took the payload's own contract from them first.
        return new(options, Walk(payloadType, "", options, new HashSet<Type>()));
    }

    /// <summary>
    /// The path of the first property of <paramref name="payload"/> whose getter, or whose value's serialization,
    /// throws; null when none does on its own. Only called once serialization already failed.
    /// </summary>
    public static string? FindPropertyThatThrows(object payload, JsonSerializerOptions options) =>
        FindThrowing(payload, "", options, 0);

    private static Problem? Walk(Type type, string path, JsonSerializerOptions options, HashSet<Type> seen)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (!seen.Add(type))
        {
            return null;
        }

        if (Reject(type) is { } reason)
        {
            return new Problem(path, reason);
        }

        var info = options.GetTypeInfo(type);
        if (!IsBuiltIn(info.Converter))
        {
            return null; // a custom converter decides
        }

        switch (info.Kind)
        {
            case JsonTypeInfoKind.Enumerable:
            case JsonTypeInfoKind.Dictionary:
                return info.ElementType is { } element ? Walk(element, path + "[]", options, seen) : null;
            case JsonTypeInfoKind.Object:
                if ((type.IsInterface || type.IsAbstract) && info.PolymorphismOptions is null && type != typeof(object))
                {
                    return new Problem(path, (type.IsInterface ? "an interface" : "an abstract type")
                        + " cannot be created from JSON; use a concrete type, or add [JsonPolymorphic] and [JsonDerivedType]");
                }

                foreach (var property in info.Properties)
                {
                    if (property.CustomConverter is null &&
                        Walk(property.PropertyType, Join(path, property), options, seen) is { } problem)
                    {
                        return problem;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    private static string? Reject(Type type)
    {
        if (typeof(Stream).IsAssignableFrom(type))
        {
            return "a Stream is not data; pass a reference to where the data lives (a URL, a blob name)";
        }

        if (typeof(Delegate).IsAssignableFrom(type))
        {
            return "a delegate is code, not data";
        }

        return type.IsPointer || type.IsFunctionPointer || type == typeof(IntPtr) || type == typeof(UIntPtr)
            ? "a pointer is an address in this process"
            : null;
    }

    private static bool IsBuiltIn(System.Text.Json.Serialization.JsonConverter converter) =>
        converter.GetType().Assembly == typeof(JsonSerializer).Assembly;

    private static string? FindThrowing(object value, string path, JsonSerializerOptions options, int depth)
    {
        if (depth > MaxDepth)
        {
            return null;
        }

        var info = options.GetTypeInfo(value.GetType());
        if (info.Kind != JsonTypeInfoKind.Object)
        {
            return null;
        }

        foreach (var property in info.Properties)
        {
            if (property.Get is null)
            {
                continue;
            }

            var propertyPath = Join(path, property);
            object? propertyValue;
            try
            {
                propertyValue = property.Get(value);
                if (propertyValue is null)
                {
                    continue;
                }

                JsonSerializer.Serialize(propertyValue, options.GetTypeInfo(property.PropertyType));
                continue;
            }
#pragma warning disable CA1031 // Any failure here only says where the original failure is.
            catch (Exception)
#pragma warning restore CA1031
            {
                // The getter or the value failed: look inside the value for the property that did.
                var held = property.PropertyType.IsValueType ? null : SafeGet(property, value);
                return held is not null && FindThrowing(held, propertyPath, options, depth + 1) is { } deeper ? deeper : propertyPath;
            }
        }

        return null;
    }

    // The C# member name (what the user wrote and the analyzer reports), not the JSON name a naming policy made.
    private static string Join(string path, JsonPropertyInfo property)
    {
        var name = (property.AttributeProvider as System.Reflection.MemberInfo)?.Name ?? property.Name;
        return path.Length == 0 ? name : path + "." + name;
    }

    private static object? SafeGet(JsonPropertyInfo property, object value)
    {
        try
        {
            return property.Get!(value);
        }
#pragma warning disable CA1031 // The getter itself is what failed: the caller reports this property.
        catch (Exception)
#pragma warning restore CA1031
        {
            return null;
        }
    }
}
