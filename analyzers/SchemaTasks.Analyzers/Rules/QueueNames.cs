using System.Text;
using SchemaTasks.Roslyn;

namespace SchemaTasks.Analyzers.Rules;

/// <summary>The queue name proposed for a task service: its domain in kebab case.</summary>
internal static class QueueNames
{
    /// <summary>
    /// <c>CalendarsTaskService</c> gives <c>calendars</c>, <c>MonthlyProrationTaskService</c> gives
    /// <c>monthly-proration</c>, <c>HTTPWebhooksTaskService</c> gives <c>http-webhooks</c>.
    /// </summary>
    public static string FromServiceName(string serviceName) => KebabCase(TaskNaming.GetDomainName(serviceName));

    /// <summary>Lower-case words joined by '-', split where the case changes.</summary>
    public static string KebabCase(string name)
    {
        var builder = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (!char.IsLetterOrDigit(c))
            {
                if (builder.Length > 0 && builder[builder.Length - 1] != '-')
                {
                    builder.Append('-');
                }

                continue;
            }

            if (char.IsUpper(c) && i > 0 && builder.Length > 0 && builder[builder.Length - 1] != '-')
            {
                var previous = name[i - 1];
                var nextIsLower = i + 1 < name.Length && char.IsLower(name[i + 1]);
                if (char.IsLower(previous) || char.IsDigit(previous) || (char.IsUpper(previous) && nextIsLower))
                {
                    builder.Append('-');
                }
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString().Trim('-');
    }
}
