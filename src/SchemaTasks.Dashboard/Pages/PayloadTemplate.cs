using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace SchemaTasks.Dashboard.Pages;

/// <summary>
/// A JSON payload to start the Test editor from: every property of the payload type, named as the application's
/// serializer names it, with a neutral value of its type (empty strings, zeros, today, empty lists).
/// </summary>
internal static class PayloadTemplate
{
    private const int MaxDepth = 4;

    public static string For(Type payloadType, JsonSerializerOptions options, DateTimeOffset now)
    {
        if (!options.IsReadOnly && options.TypeInfoResolver is null)
        {
            // Not used yet, so not locked: read the contract from a copy rather than lock the application's options.
            options = new JsonSerializerOptions(options) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };
        }

        var node = Value(payloadType, options, now, 0);
        return node?.ToJsonString(PrettyJson.Options) ?? "null";
    }

    private static JsonNode? Value(Type type, JsonSerializerOptions options, DateTimeOffset now, int depth)
    {
        var underlying = Nullable.GetUnderlyingType(type);
        if (underlying is not null)
        {
            return null;
        }

        if (type == typeof(string))
        {
            return JsonValue.Create("");
        }

        if (type == typeof(DateTimeOffset) || type == typeof(DateTime) || type == typeof(DateOnly))
        {
            object value = type == typeof(DateTimeOffset) ? now : type == typeof(DateTime) ? now.UtcDateTime : DateOnly.FromDateTime(now.UtcDateTime);
            return JsonSerializer.SerializeToNode(value, type, options);
        }

        JsonTypeInfo info;
        try
        {
            info = options.GetTypeInfo(type);
        }
        catch (Exception ex) when (ex is NotSupportedException or InvalidOperationException or ArgumentException)
        {
            return null;
        }

        switch (info.Kind)
        {
            case JsonTypeInfoKind.Enumerable:
                return new JsonArray();
            case JsonTypeInfoKind.Dictionary:
                return new JsonObject();
            case JsonTypeInfoKind.Object when depth < MaxDepth:
                var obj = new JsonObject();
                foreach (var property in info.Properties)
                {
                    if (property.Get is null && property.AssociatedParameter is null && property.Set is null)
                    {
                        continue;
                    }

                    obj[property.Name] = Value(property.PropertyType, options, now, depth + 1);
                }

                return obj;
            case JsonTypeInfoKind.None when type.IsValueType:
                try
                {
                    return JsonSerializer.SerializeToNode(Activator.CreateInstance(type), type, options);
                }
                catch (Exception ex) when (ex is NotSupportedException or InvalidOperationException or MissingMethodException)
                {
                    return null;
                }

            default:
                return null;
        }
    }
}
