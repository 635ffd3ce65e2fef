using System.Globalization;
using System.Text;

namespace PrivClust.Net.Metrics;

/// <summary>Writes metrics in the Prometheus text exposition format (version 0.0.4).</summary>
public sealed class PrometheusText
{
    public const string ContentType = "text/plain; version=0.0.4";

    private readonly StringBuilder _text = new();

    public PrometheusText Counter(string name, string help, long value) => Header(name, help, "counter").Sample(name, "", value);

    public PrometheusText Gauge(string name, string help, double value) => Header(name, help, "gauge").Sample(name, "", value);

    /// <summary>A counter with one sample per label value (e.g. link="peer").</summary>
    public PrometheusText LabelledCounter(string name, string help, string label, IEnumerable<KeyValuePair<string, long>> values)
    {
        Header(name, help, "counter");
        foreach ((string key, long value) in values)
        {
            Sample(name, $"{{{label}=\"{Escape(key)}\"}}", value);
        }
        return this;
    }

    public PrometheusText Histogram(string name, string help, HistogramSnapshot histogram)
    {
        Header(name, help, "histogram");
        long cumulative = 0;
        for (int i = 0; i < histogram.UpperBounds.Count; i++)
        {
            cumulative += histogram.Counts[i];
            Sample(name + "_bucket", $"{{le=\"{histogram.UpperBounds[i].ToString(CultureInfo.InvariantCulture)}\"}}", cumulative);
        }
        Sample(name + "_bucket", "{le=\"+Inf\"}", histogram.Count);
        Sample(name + "_sum", "", histogram.Sum);
        return Sample(name + "_count", "", histogram.Count);
    }

    public override string ToString() => _text.ToString();

    private PrometheusText Header(string name, string help, string type)
    {
        _text.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n');
        _text.Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
        return this;
    }

    private PrometheusText Sample(string name, string labels, double value)
    {
        _text.Append(name).Append(labels).Append(' ').Append(value.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        return this;
    }

    private static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
}
