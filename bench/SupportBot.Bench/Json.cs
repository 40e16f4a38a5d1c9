using System.Text.Encodings.Web;
using System.Text.Json;

namespace SupportBot.Bench;

/// <summary>Serializer settings shared by the report and the error samples.</summary>
static class Json
{
    /// <summary>Japanese stays readable in stderr samples and result lines.</summary>
    public static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static readonly JsonSerializerOptions Indented = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, WriteIndented = true };
}
