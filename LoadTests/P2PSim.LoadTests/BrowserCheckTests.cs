using System.Text.RegularExpressions;
using P2PSim.LoadGen.Reports;

namespace P2PSim.LoadTests;

/// <summary>
/// Opens the smoke suite's HTML report in headless Chromium, lets its scripts run, and checks in the resulting DOM
/// that the charts were drawn with data points; saves a screenshot beside the report (CI uploads artifacts/).
/// </summary>
[Collection(SmokeSuiteCollection.Name)]
public sealed partial class BrowserCheckTests(SmokeSuiteFixture smoke)
{
    [Fact]
    public async Task Report_charts_render_in_headless_chromium()
    {
        var chromium = HeadlessChromium.Find();
        var page = new Uri(Path.Combine(smoke.Directory, ReportWriter.HtmlFile)).AbsoluteUri;

        var dom = await chromium.DumpDomAsync(page);

        var rendered = ChartsRendered().Match(dom);
        Assert.True(rendered.Success, "the chart script did not finish (no data-charts-rendered on <body>)");
        var timelines = smoke.Report.Runs.Count(r => !r.Group.StartsWith("sweep:", StringComparison.Ordinal) && r.Group is not ("ratio" or "session-ratio" or "store-ratio") && r.Timeline.Count > 0);
        var sessionCharts = smoke.Report.Headline.SessionRounds.Count > 0 ? 1 : 0;
        var expectedCharts = 1 + sessionCharts + (2 * smoke.Report.Sweeps.Count) + (2 * timelines);
        Assert.Equal(expectedCharts, int.Parse(rendered.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(expectedCharts, Regex.Count(dom, "<svg[^>]*class=\"chart-svg\""));
        Assert.True(Regex.Count(dom, "<circle[^>]*class=\"point\"") >= 10, "the charts hold no data points");
        Assert.Contains("<polyline", dom);
    }

    [Fact]
    public async Task Report_screenshot_is_saved_as_an_artifact()
    {
        var chromium = HeadlessChromium.Find();
        var page = new Uri(Path.Combine(smoke.Directory, ReportWriter.HtmlFile)).AbsoluteUri;
        var screenshot = Path.Combine(smoke.Directory, "report.png");

        await chromium.ScreenshotAsync(page, screenshot);

        var bytes = await File.ReadAllBytesAsync(screenshot);
        Assert.True(bytes.Length > 20_000, $"screenshot is only {bytes.Length} bytes");
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
    }

    [GeneratedRegex("<body[^>]*data-charts-rendered=\"([0-9]+)\"")]
    private static partial Regex ChartsRendered();
}
