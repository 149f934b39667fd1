using System.Text;
using static SchemaTasks.Dashboard.Rendering.Html;

namespace SchemaTasks.Dashboard.Advice;

/// <summary>
/// A small inline SVG: attempts running over time (a step line), the configured limit and the suggested one, so
/// that a person can see the peak, the saturation and the suggestion at a glance. No script, no external asset.
/// </summary>
internal static class AdviceChart
{
    private const int Width = 560;
    private const int Height = 150;
    private const int Left = 34;
    private const int Right = 10;
    private const int Top = 12;
    private const int Bottom = 22;

    public static string Svg(TaskAdvice advice)
    {
        if (advice.First is not { } first || advice.End is not { } end || advice.Concurrency.Count == 0)
        {
            return "";
        }

        var configured = advice.ConfiguredLimit;
        var top = Math.Max(1, Math.Max(advice.PeakConcurrency, advice.SuggestedLimit ?? 0));
        var showConfigured = configured < QueueOptions.UnboundedConcurrencyLimit && configured <= top * 3;
        if (showConfigured)
        {
            top = Math.Max(top, configured);
        }

        var yMax = Math.Ceiling(top * 1.15);
        var span = Math.Max(1, (end - first).TotalMilliseconds);
        double X(DateTimeOffset at) => Left + (Width - Left - Right) * Math.Clamp((at - first).TotalMilliseconds / span, 0, 1);
        double Y(double value) => Top + (Height - Top - Bottom) * (1 - (value / yMax));

        var path = new StringBuilder();
        path.Append("M").Append(Number(X(first), "0.#")).Append(',').Append(Number(Y(0), "0.#"));
        var level = 0;
        foreach (var (at, running) in advice.Concurrency)
        {
            path.Append(" H").Append(Number(X(at), "0.#")).Append(" V").Append(Number(Y(running), "0.#"));
            level = running;
        }

        path.Append(" H").Append(Number(X(end), "0.#"));
        _ = level;

        var svg = new StringBuilder();
        svg.Append("<svg class=\"chart\" viewBox=\"0 0 ").Append(Width).Append(' ').Append(Height).Append("\" width=\"").Append(Width).Append("\" height=\"").Append(Height)
            .Append("\" role=\"img\" aria-label=\"Attempts running over time, with the configured and suggested limits\">")
            .Append("<rect x=\"").Append(Left).Append("\" y=\"").Append(Top).Append("\" width=\"").Append(Width - Left - Right).Append("\" height=\"").Append(Height - Top - Bottom)
            .Append("\" fill=\"#f8fafc\" stroke=\"#e2e8f0\"/>")
            .Append("<text x=\"").Append(Left - 4).Append("\" y=\"").Append(Top + 8).Append("\" font-size=\"10\" text-anchor=\"end\" fill=\"#64748b\">").Append(Number(yMax, "0")).Append("</text>")
            .Append("<text x=\"").Append(Left - 4).Append("\" y=\"").Append(Height - Bottom).Append("\" font-size=\"10\" text-anchor=\"end\" fill=\"#64748b\">0</text>")
            .Append("<text x=\"").Append(Left).Append("\" y=\"").Append(Height - 6).Append("\" font-size=\"10\" fill=\"#64748b\">").Append(E(ShortTime(first))).Append("</text>")
            .Append("<text x=\"").Append(Width - Right).Append("\" y=\"").Append(Height - 6).Append("\" font-size=\"10\" text-anchor=\"end\" fill=\"#64748b\">").Append(E(ShortTime(end))).Append(" UTC</text>")
            .Append("<path d=\"").Append(path).Append("\" fill=\"none\" stroke=\"#2563eb\" stroke-width=\"1.5\"/>");
        if (showConfigured)
        {
            Line(svg, Y(configured), "#dc2626", $"configured {configured}");
        }

        if (advice.SuggestedLimit is { } suggested)
        {
            Line(svg, Y(suggested), "#16a34a", $"suggested {suggested}");
        }

        svg.Append("<text x=\"").Append(Left + 4).Append("\" y=\"").Append(Top + 10).Append("\" font-size=\"10\" fill=\"#2563eb\">running (peak ")
            .Append(advice.PeakConcurrency).Append(")</text></svg>");
        return svg.ToString();
    }

    private static void Line(StringBuilder svg, double y, string color, string label)
    {
        svg.Append("<line x1=\"").Append(Left).Append("\" x2=\"").Append(Width - Right).Append("\" y1=\"").Append(Number(y, "0.#")).Append("\" y2=\"").Append(Number(y, "0.#"))
            .Append("\" stroke=\"").Append(color).Append("\" stroke-dasharray=\"4 3\"/>")
            .Append("<text x=\"").Append(Width - Right - 2).Append("\" y=\"").Append(Number(y - 3, "0.#")).Append("\" font-size=\"10\" text-anchor=\"end\" fill=\"").Append(color).Append("\">")
            .Append(E(label)).Append("</text>");
    }
}
