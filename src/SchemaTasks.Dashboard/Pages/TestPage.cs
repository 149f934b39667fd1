using System.Text;
using Microsoft.AspNetCore.Http;
using SchemaTasks.Dashboard.Rendering;
using static SchemaTasks.Dashboard.Rendering.Html;

namespace SchemaTasks.Dashboard.Pages;

/// <summary>
/// Test: pick a task, edit a JSON payload prefilled from its payload type, validate it with the task's validators,
/// and trigger it async or sync; the run is then followed live below the editor.
/// </summary>
internal static class TestPage
{
    public static Task<IResult> RenderAsync(DashboardContext context)
    {
        var task = context.FindTask(context.Query("task")) ?? context.Tasks.FirstOrDefault();
        var html = new StringBuilder("<h1>Test</h1>");
        if (task is null)
        {
            html.Append("<p class=\"muted\">No task is registered in this host.</p>");
            return Task.FromResult(Layout.Page(context, "test", "Test", html.ToString()));
        }

        html.Append("<form method=\"get\" action=\"").Append(E(context.Base)).Append("/test\" class=\"filters\" data-autosubmit>")
            .Append("<label>Task <select name=\"task\" data-task-picker>");
        foreach (var candidate in context.Tasks)
        {
            html.Append("<option").Append(candidate == task ? " selected" : "").Append(" value=\"").Append(E(candidate.Id)).Append("\">").Append(E(candidate.Id)).Append("</option>");
        }

        html.Append("</select></label><noscript><button type=\"submit\">Open</button></noscript></form>");
        html.Append("<p class=\"muted\">Payload type <code>").Append(E(task.PayloadType.Name)).Append("</code> · queue <code>").Append(E(task.Queue.Name))
            .Append("</code> · ").Append(Html.Machine(task.Machine)).Append("</p>");

        var template = PayloadTemplate.For(task.PayloadType, context.RuntimeOptions.JsonSerializerOptions, context.Time.GetUtcNow());
        html.Append("<div class=\"test-layout\"><form class=\"editor\" data-test-form data-action=\"").Append(E(context.Base)).Append("/actions/test/").Append(Q(task.Id)).Append("\">")
            .Append("<label for=\"payload\">Payload (JSON)</label>")
            .Append("<textarea id=\"payload\" name=\"payload\" rows=\"14\" spellcheck=\"false\" data-payload-editor>").Append(E(template)).Append("</textarea>")
            .Append("<div class=\"options\"><label>Delay (seconds) <input type=\"number\" name=\"delaySeconds\" min=\"0\" value=\"0\" size=\"7\" data-delay></label>")
            .Append("<label>Tags <input name=\"tags\" placeholder=\"a, b\" data-tags-input></label></div>")
            .Append("<div class=\"buttons\"><button type=\"submit\" name=\"mode\" value=\"validate\" data-validate>Validate</button>")
            .Append("<button type=\"submit\" name=\"mode\" value=\"async\" class=\"primary\" data-trigger-async>Trigger async</button>")
            .Append("<button type=\"submit\" name=\"mode\" value=\"sync\" data-trigger-sync title=\"Runs inline in this request, with the retry policy\">Trigger sync</button></div>")
            .Append("</form><aside class=\"validation\" data-validation aria-live=\"polite\"><h2>Validation</h2>")
            .Append("<p class=\"muted\" data-validation-state>Validated with the task's FluentValidation validators before anything is triggered.</p>")
            .Append("<ul class=\"errors\" data-validation-errors></ul></aside></div>");
        html.Append("<div class=\"action-result\" data-action-result role=\"status\" aria-live=\"polite\"></div>")
            .Append("<section class=\"follow\" data-test-run hidden><h2>Run</h2><div id=\"test-run\" data-live-target></div></section>");
        return Task.FromResult(Layout.Page(context, "test", "Test", html.ToString()));
    }
}
